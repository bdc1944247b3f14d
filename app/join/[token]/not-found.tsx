import { getTranslations } from "next-intl/server";

/**
 * The one answer for a join link that leads nowhere: forged, revoked, another's, or of a
 * registration withdrawn or rejected. The same words for all, so the page tells nothing about who
 * registered (docs/decisions/0007), and answered with 404.
 */
export default async function JoinRefused() {
  const t = await getTranslations("join");
  const common = await getTranslations("common");
  return (
    <>
      <title>{t("refusedTitle")}</title>
      <h1>{t("refusedTitle")}</h1>
      <p>{t("refusedBody")}</p>
      <p>
        <a href="/">{common("home")}</a>
      </p>
    </>
  );
}
