import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("signIn");
  return { title: t("checkTitle") };
}

export default async function CheckEmailPage() {
  const t = await getTranslations("signIn");
  return (
    <>
      <h1>{t("checkTitle")}</h1>
      <p>{t("checkBody", { minutes: 10 })}</p>
      <p>
        <a href="/sign-in">{t("tryAgain")}</a>
      </p>
    </>
  );
}
