import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { requireMeetingPage } from "@/lib/auth/session.ts";
import { getDatabase } from "@/lib/db/client.ts";
import { formatInstant } from "@/lib/i18n/format.ts";
import { roleAllows } from "@/lib/auth/meeting-access.ts";
import { countryName } from "@/lib/participants/country-names.ts";
import { PARTICIPANT_CATEGORIES } from "@/lib/participants/categories.ts";
import { decideRegistrationsAction } from "@/lib/registrants/actions.ts";
import { countRegistrants, listRegistrants } from "@/lib/registrants/queries.ts";
import { listFilterParams, parseRegistrantListQuery, REGISTRANT_SORTS, REGISTRATION_STATUSES } from "@/lib/registrants/schema.ts";
import { oneOf } from "@/lib/i18n/keys.ts";

type Props = { params: Promise<{ meetingId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin");
  return { title: t("registrantsTitle") };
}

export default async function MeetingRegistrantsPage({ params, searchParams }: Props) {
  const db = getDatabase();
  const access = await requireMeetingPage(db, (await params).meetingId, "read");
  const { meeting, role } = access;
  const search = await searchParams;
  const query = parseRegistrantListQuery(search);
  const t = await getTranslations("admin");
  const attendanceT = await getTranslations("attendance");
  const sessionsT = await getTranslations("sessions");
  const categoryLabel = await getTranslations("meeting.categories");
  const locale = await getLocale();
  const chartsT = await getTranslations("charts");
  // The charts have their own page (…/statistics): their query reads the whole meeting, and the
  // list's first byte does not wait for it (issue 15).
  const [{ rows, nextCursor }, totals] = await Promise.all([
    listRegistrants(db, meeting.id, query),
    countRegistrants(db, meeting.id, query),
  ]);
  const canDecide = roleAllows(role, "decide");
  const filterParams = listFilterParams(query);
  const done = typeof search.done === "string" ? search.done : undefined;
  const error = typeof search.error === "string" ? search.error : undefined;

  return (
    <>
      <p>
        <a href="/admin">{t("allMeetings")}</a>
      </p>
      <span className="caption">{meeting.shortName}</span>
      <h1>{t("registrantsTitle")}</h1>
      {done && (
        <div className="notice" role="status">
          {t(
            `done.${oneOf(done, ["approve", "reject", "withdraw", "created", "updated", "connection", "role-changed"] as const, "saved")}`,
            {
              changed: Number(search.changed ?? 0),
              notified: Number(search.notified ?? 0),
            },
          )}
          {/* After a change of the meeting's times: who gets the schedule update. */}
          {done === "updated" && typeof search.notified === "string" && ` ${sessionsT("notified", { notified: Number(search.notified) })}`}
        </div>
      )}
      {error && (
        <div className="error-summary" role="alert">
          <h2>{t("problem")}</h2>
          <p>{t(`errors.${oneOf(error, ["reason-required", "invalid"] as const, "invalid")}`)}</p>
        </div>
      )}
      <ul className="button-group" style={{ listStyle: "none", padding: 0 }}>
        <li>
          <a href={`/admin/meetings/${meeting.id}/export?${filterParams.toString()}`}>{t("exportCsv")}</a>
        </li>
        {roleAllows(role, "notify") && (
          <li>
            <a href={`/admin/meetings/${meeting.id}/connection`}>{t("editConnection")}</a>
          </li>
        )}
        {roleAllows(role, "edit-meeting") && (
          <li>
            <a href={`/admin/meetings/${meeting.id}/edit`}>{t("editMeeting")}</a>
          </li>
        )}
        {roleAllows(role, "manage-organizers") && (
          <li>
            <a href={`/admin/meetings/${meeting.id}/organizers`}>{t("manageOrganizers")}</a>
          </li>
        )}
        <li>
          <a href={`/admin/meetings/${meeting.id}/participants`}>{attendanceT("participantsLink")}</a>
        </li>
        <li>
          <a href={`/admin/meetings/${meeting.id}/attendance`}>{attendanceT("title")}</a>
        </li>
        <li>
          <a href={`/admin/meetings/${meeting.id}/statistics`}>{chartsT("heading")}</a>
        </li>
        <li>
          <a href={`/admin/meetings/${meeting.id}/documents`}>{t("documents.link")}</a>
        </li>
        <li>
          <a href={`/admin/meetings/${meeting.id}/audit`}>{t("auditLog")}</a>
        </li>
        <li>
          <a href={`/meetings/${meeting.slug}`}>{t("publicPage")}</a>
        </li>
      </ul>

      <h2>{t("totals")}</h2>
      <dl className="summary-list">
        <dt>{t("total")}</dt>
        <dd>{totals.total}</dd>
        <dt>{t("byStatus")}</dt>
        <dd>{totals.byStatus.map((item) => `${t(`statuses.${item.key}`)}: ${item.count}`).join(" · ") || "–"}</dd>
        <dt>{t("byCategory")}</dt>
        <dd>{totals.byCategory.map((item) => `${categoryLabel(item.key)}: ${item.count}`).join(" · ") || "–"}</dd>
        <dt>{t("byCountry")}</dt>
        <dd>
          {totals.byCountry
            .slice(0, 15)
            .map((item) => `${countryName(item.key, locale)}: ${item.count}`)
            .join(" · ") || "–"}
          {totals.byCountry.length > 15 && ` · ${t("moreCountries", { count: totals.byCountry.length - 15 })}`}
        </dd>
      </dl>

      <h2>{t("findRegistrants")}</h2>
      <form method="get" className="filters" aria-label={t("findRegistrants")}>
        <div className="form-group">
          <label className="label" htmlFor="q">
            {t("search")}
          </label>
          <input id="q" name="q" type="search" className="input" defaultValue={query.q ?? ""} />
        </div>
        <div className="form-group">
          <label className="label" htmlFor="status">
            {t("status")}
          </label>
          <select id="status" name="status" className="select" defaultValue={query.status ?? ""}>
            <option value="">{t("any")}</option>
            {REGISTRATION_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`statuses.${status}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="form-group">
          <label className="label" htmlFor="category">
            {t("category")}
          </label>
          <select id="category" name="category" className="select" defaultValue={query.category ?? ""}>
            <option value="">{t("any")}</option>
            {PARTICIPANT_CATEGORIES.map((category) => (
              <option key={category} value={category}>
                {categoryLabel(category)}
              </option>
            ))}
          </select>
        </div>
        <div className="form-group">
          <label className="label" htmlFor="country">
            {t("country")}
          </label>
          <select id="country" name="country" className="select" defaultValue={query.country ?? ""}>
            <option value="">{t("any")}</option>
            {totals.byCountry
              .map((item) => ({ code: item.key, name: countryName(item.key, locale) }))
              .sort((a, b) => a.name.localeCompare(b.name, locale))
              .map((option) => (
                <option key={option.code} value={option.code}>
                  {option.name}
                </option>
              ))}
          </select>
        </div>
        <div className="form-group">
          <label className="label" htmlFor="sort">
            {t("sort")}
          </label>
          <select id="sort" name="sort" className="select" defaultValue={query.sort}>
            {REGISTRANT_SORTS.map((sort) => (
              <option key={sort} value={sort}>
                {t(`sorts.${sort}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button--secondary">
          {t("apply")}
        </button>
      </form>

      <form action={decideRegistrationsAction.bind(null, meeting.id)}>
        {/* The decision's answer comes back to this list, searched and filtered as it is now. */}
        <input type="hidden" name="listQuery" value={filterParams.toString()} />
        <div className="table-wrapper">
          <table className="table">
            <caption className="visually-hidden">{t("registrantsTitle")}</caption>
            <thead>
              <tr>
                {canDecide && (
                  <th scope="col">
                    <span className="visually-hidden">{t("select")}</span>
                  </th>
                )}
                <th scope="col" aria-sort={query.sort === "name" ? "ascending" : undefined}>
                  {t("name")}
                </th>
                <th scope="col">{t("email")}</th>
                <th scope="col">{t("organization")}</th>
                <th scope="col">{t("country")}</th>
                <th scope="col">{t("category")}</th>
                <th scope="col">{t("status")}</th>
                <th scope="col" aria-sort={query.sort === "newest" ? "descending" : query.sort === "oldest" ? "ascending" : undefined}>
                  {t("registered")}
                </th>
                <th scope="col">{t("emailStatus")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.length === 0 && (
                <tr>
                  <td colSpan={canDecide ? 9 : 8}>{t("noRegistrants")}</td>
                </tr>
              )}
              {rows.map((row) => (
                <tr key={row.id}>
                  {canDecide && (
                    <td>
                      <div className="choice">
                        <input type="checkbox" id={`select-${row.id}`} name="registrationId" value={row.id} />
                        <label htmlFor={`select-${row.id}`}>
                          <span className="visually-hidden">{t("selectRegistrant", { name: `${row.givenName} ${row.familyName}` })}</span>
                        </label>
                      </div>
                    </td>
                  )}
                  <td>
                    <a href={`/admin/meetings/${meeting.id}/registrations/${row.id}`}>
                      {row.familyName}, {row.givenName}
                    </a>
                  </td>
                  <td>{row.email}</td>
                  <td>{row.organization ?? ""}</td>
                  <td>{countryName(row.country, locale)}</td>
                  <td>{categoryLabel(row.category)}</td>
                  <td>
                    <strong className={`tag tag--${row.status}`}>{t(`statuses.${row.status}`)}</strong>
                  </td>
                  <td>{formatInstant(row.createdAt, meeting.timeZone, locale)}</td>
                  <td>
                    {row.emailStatus ? (
                      <strong className={`tag tag--${row.emailStatus}`}>{t(`emailStatuses.${row.emailStatus}`)}</strong>
                    ) : (
                      "–"
                    )}
                    {row.emailError && <span className="hint">{row.emailError}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <nav className="pagination" aria-label={t("pages")}>
          {query.after && <a href={`?${filterParams.toString()}`}>{t("firstPage")}</a>}
          {nextCursor && <a href={`?${new URLSearchParams([...filterParams, ["after", nextCursor]]).toString()}`}>{t("nextPage")}</a>}
        </nav>
        {canDecide && rows.length > 0 && (
          <fieldset className="filters" id="decide">
            <legend>{t("bulkTitle")}</legend>
            <div className="form-group" style={{ flexBasis: "100%" }}>
              <label className="label" htmlFor="reason">
                {t("reason")}
              </label>
              <span className="hint">{t("reasonHint")}</span>
              <textarea id="reason" name="reason" className="textarea" rows={2} maxLength={1000} />
            </div>
            <button type="submit" name="decision" value="approve" className="button">
              {t("approveSelected")}
            </button>
            <button type="submit" name="decision" value="reject" className="button button--warning">
              {t("rejectSelected")}
            </button>
          </fieldset>
        )}
      </form>
    </>
  );
}
