"use client";
// Unexpected errors: a plain apology, no details (they are in the server log).
import { useTranslations } from "next-intl";

export default function ErrorPage() {
  const t = useTranslations("common");
  return (
    <>
      <title>{t("serverErrorTitle")}</title>
      <h1>{t("serverErrorTitle")}</h1>
      <p>{t("serverErrorBody")}</p>
      <p>
        <a href="/">{t("home")}</a>
      </p>
    </>
  );
}
