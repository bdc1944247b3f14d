import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("privacy");
  return { title: t("title") };
}

export default async function PrivacyPage() {
  const t = await getTranslations("privacy");
  const sections = ["who", "what", "why", "whoSees", "howLong", "rights"] as const;
  return (
    <>
      <h1>{t("title")}</h1>
      {sections.map((section) => (
        <section key={section}>
          <h2>{t(section)}</h2>
          <p>{section === "howLong" ? t("howLongBody", { days: 90 }) : t(`${section}Body`)}</p>
        </section>
      ))}
    </>
  );
}
