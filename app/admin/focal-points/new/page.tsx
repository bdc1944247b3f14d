import { getLocale, getTranslations } from "next-intl/server";
import { FocalPointForm } from "@/components/admin/focal-point-form.tsx";
import { getDatabase } from "@/lib/db/client.ts";
import { saveFocalPointAction } from "@/lib/focal-points/actions.ts";
import { requireFocalPointsPage } from "@/lib/focal-points/page-access.ts";
import { meetingChoices } from "@/lib/focal-points/queries.ts";
import { ITU_MEMBER_STATE_CODES } from "@/lib/participants/countries.ts";
import { countryOptions } from "@/lib/participants/country-names.ts";

// The form renders the page's <title> (see FocalPointForm), so there is no metadata title here.
export default async function NewFocalPointPage() {
  const db = getDatabase();
  await requireFocalPointsPage(db);
  const t = await getTranslations("admin.focalPoints");
  const locale = await getLocale();
  return (
    <>
      <p>
        <a href="/admin/focal-points">{t("back")}</a>
      </p>
      <h1>{t("addHeading")}</h1>
      <FocalPointForm
        action={saveFocalPointAction}
        title={t("addHeading")}
        initial={{ scopeType: "memberState", role: "PRIMARY", locale: "en", meetings: "all" }}
        countries={countryOptions(locale, ITU_MEMBER_STATE_CODES)}
        meetings={await meetingChoices(db)}
      />
    </>
  );
}
