import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common");
  return { title: t("notFoundTitle") };
}

export default async function NotFound() {
  const t = await getTranslations("common");
  return (
    <>
      <h1>{t("notFoundTitle")}</h1>
      <p>{t("notFoundBody")}</p>
      <p>
        <a href="/">{t("home")}</a>
      </p>
    </>
  );
}
