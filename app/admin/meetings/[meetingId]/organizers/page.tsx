import { getLocale, getTranslations } from "next-intl/server";
import { OrganizerForm } from "@/components/admin/organizer-form.tsx";
import { requireMeetingPage, requireOrganizerPage } from "@/lib/auth/session.ts";
import { getDatabase } from "@/lib/db/client.ts";
import { formatInstant } from "@/lib/i18n/format.ts";
import { addMeetingOrganizerAction, changeMeetingRoleAction, removeMeetingRoleAction } from "@/lib/organizers/actions.ts";
import { ORGANIZER_ROLES } from "@/lib/organizers/schema.ts";
import { listMeetingOrganizers } from "@/lib/organizers/service.ts";
import { keyFromData } from "@/lib/i18n/keys.ts";

// The form renders the page's <title> (see OrganizerForm), so there is no metadata title here.
type Props = { params: Promise<{ meetingId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const DONE = ["added", "changed", "unchanged", "removed"];
const ERRORS = ["last-owner", "invalid"];

export default async function MeetingOrganizersPage({ params, searchParams }: Props) {
  const db = getDatabase();
  const { meeting } = await requireMeetingPage(db, (await params).meetingId, "manage-organizers");
  const me = await requireOrganizerPage(db);
  const search = await searchParams;
  const t = await getTranslations("admin");
  const locale = await getLocale();
  const organizers = await listMeetingOrganizers(db, meeting.id);
  const owners = organizers.filter((organizer) => organizer.role === "OWNER").length;
  const done = typeof search.done === "string" && DONE.includes(search.done) ? search.done : undefined;
  const error = typeof search.error === "string" ? (ERRORS.includes(search.error) ? search.error : "invalid") : undefined;
  const changeRole = changeMeetingRoleAction.bind(null, meeting.id);
  const removeRole = removeMeetingRoleAction.bind(null, meeting.id);

  return (
    <>
      <p>
        <a href={`/admin/meetings/${meeting.id}`}>{t("backToList")}</a>
      </p>
      <span className="caption">{meeting.shortName}</span>
      <h1>{t("organizers.title")}</h1>
      {done && (
        <div className="notice" role="status">
          {t(keyFromData(`organizers.done.${done}`))}
        </div>
      )}
      {error && (
        <div className="error-summary" role="alert">
          <h2>{t("problem")}</h2>
          <p>{t(keyFromData(`organizers.errors.${error}`))}</p>
        </div>
      )}
      <p>{t("organizers.intro")}</p>
      <div className="table-wrapper">
        <table className="table">
          <caption className="visually-hidden">{t("organizers.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("organizers.email")}</th>
              <th scope="col">{t("organizers.role")}</th>
              <th scope="col">{t("organizers.since")}</th>
              <th scope="col">{t("organizers.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {organizers.map((organizer) => {
              const fieldId = `role-of-${organizer.userId}`;
              return (
                <tr key={organizer.userId}>
                  <th scope="row">
                    {organizer.email} {organizer.userId === me.userId && <span className="hint">{t("organizers.you")}</span>}
                  </th>
                  <td>{t(`roles.${organizer.role}`)}</td>
                  <td>{formatInstant(organizer.since, meeting.timeZone, locale)}</td>
                  <td>
                    {organizer.role === "OWNER" && owners <= 1 ? (
                      <span className="hint">{t("organizers.lastOwner")}</span>
                    ) : (
                      <div className="button-group">
                        <form action={changeRole} className="button-group">
                          <input type="hidden" name="userId" value={organizer.userId} />
                          <label className="visually-hidden" htmlFor={fieldId}>
                            {t("organizers.roleOf", { email: organizer.email })}
                          </label>
                          <select id={fieldId} name="role" className="select" defaultValue={organizer.role} style={{ width: "auto" }}>
                            {ORGANIZER_ROLES.map((role) => (
                              <option key={role} value={role}>
                                {t(`roles.${role}`)}
                              </option>
                            ))}
                          </select>
                          <button type="submit" className="button button--secondary">
                            {t("organizers.changeRole")}
                            <span className="visually-hidden"> {t("organizers.changeRoleOf", { email: organizer.email })}</span>
                          </button>
                        </form>
                        <form action={removeRole}>
                          <input type="hidden" name="userId" value={organizer.userId} />
                          <button type="submit" className="button button--warning">
                            {t("organizers.remove")}
                            <span className="visually-hidden"> {t("organizers.removeWho", { email: organizer.email })}</span>
                          </button>
                        </form>
                      </div>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <h2>{t("organizers.addHeading")}</h2>
      <OrganizerForm
        action={addMeetingOrganizerAction.bind(null, meeting.id)}
        title={`${t("organizers.title")} – ${meeting.shortName}`}
        pageHasError={Boolean(error)}
      />
    </>
  );
}
