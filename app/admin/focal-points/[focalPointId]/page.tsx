import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { FocalPointForm } from "@/components/admin/focal-point-form.tsx";
import { getDatabase } from "@/lib/db/client.ts";
import { saveFocalPointAction } from "@/lib/focal-points/actions.ts";
import { requireFocalPointsPage } from "@/lib/focal-points/page-access.ts";
import { findFocalPoint, meetingChoices } from "@/lib/focal-points/queries.ts";
import { isUuid } from "@/lib/forms/ids.ts";
import { ITU_MEMBER_STATE_CODES } from "@/lib/participants/countries.ts";
import { countryOptions } from "@/lib/participants/country-names.ts";

type Props = { params: Promise<{ focalPointId: string }> };

// The form renders the page's <title> (see FocalPointForm), so there is no metadata title here.
export default async function EditFocalPointPage({ params }: Props) {
  const db = getDatabase();
  await requireFocalPointsPage(db);
  const { focalPointId } = await params;
  const point = isUuid(focalPointId) ? await findFocalPoint(db, focalPointId) : null;
  if (!point) notFound();
  const t = await getTranslations("admin.focalPoints");
  const locale = await getLocale();
  return (
    <>
      <p>
        <a href="/admin/focal-points">{t("back")}</a>
      </p>
      <h1>{t("editTitle")}</h1>
      <FocalPointForm
        action={saveFocalPointAction}
        title={`${t("editTitle")} – ${point.name}`}
        focalPointId={point.id}
        initial={{
          email: point.email,
          name: point.name,
          scopeType: point.memberState ? "memberState" : "organization",
          memberState: point.memberState ?? "",
          organization: point.organization ?? "",
          aliases: point.aliases.join("\n"),
          role: point.role,
          locale: point.locale,
          meetings: point.allMeetings ? "all" : "selected",
          meetingIds: point.meetings.map((link) => link.meetingId),
        }}
        countries={countryOptions(locale, ITU_MEMBER_STATE_CODES)}
        meetings={await meetingChoices(db)}
      />
    </>
  );
}
