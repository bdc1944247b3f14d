import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { resolveReportRowAction } from "@/lib/attendance/actions.ts";
import { getAttendanceReport } from "@/lib/attendance/queries.ts";
import { roleAllows } from "@/lib/auth/meeting-access.ts";
import { requireMeetingPage } from "@/lib/auth/session.ts";
import { PLATFORM_NAMES } from "@/lib/attendance/report-file.ts";
import { getDatabase } from "@/lib/db/client.ts";
import { formatInstant } from "@/lib/i18n/format.ts";
import { oneOf } from "@/lib/i18n/keys.ts";

type Props = { params: Promise<{ meetingId: string; reportId: string }>; searchParams: Promise<{ done?: string; error?: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("attendance");
  return { title: t("reportTitle") };
}

/**
 * One uploaded report: its unmatched rows first, each with a form to pick the registrant or
 * ignore the row (plain posts, JavaScript off too), then every row with how it was matched.
 */
export default async function ReportPage({ params, searchParams }: Props) {
  const db = getDatabase();
  const { meetingId, reportId } = await params;
  const { meeting, role } = await requireMeetingPage(db, meetingId, "read");
  const found = await getAttendanceReport(db, meeting.id, reportId);
  if (!found) notFound();
  const { report, registrations } = found;
  const { done, error } = await searchParams;
  const t = await getTranslations("attendance");
  const common = await getTranslations("common");
  const locale = await getLocale();
  const zone = meeting.timeZone;
  const canResolve = roleAllows(role, "decide");
  const resolve = resolveReportRowAction.bind(null, meeting.id);
  const unmatched = report.rows.filter((row) => !row.registration && !row.ignoredAt);
  const matchLabel = (row: (typeof report.rows)[number]) =>
    row.registration
      ? t(`matchedBy.${oneOf(row.matchedBy ?? undefined, ["email", "name", "organizer"] as const, "organizer")}`, {
          name: `${row.registration.givenName} ${row.registration.familyName}`,
        })
      : row.ignoredAt
        ? t("ignored")
        : t("notMatched");

  return (
    <>
      {error && <title>{common("errorPrefix", { title: t("reportTitle") })}</title>}
      <p>
        <a href={`/admin/meetings/${meeting.id}/attendance`}>{t("backToAttendance")}</a>
      </p>
      <span className="caption">{meeting.shortName}</span>
      <h1>{t("reportTitle")}</h1>
      {done && (
        <div className="notice" role="status">
          {t(`done.${oneOf(done, ["imported", "matched", "ignored"] as const, "matched")}`)}
        </div>
      )}
      {error && (
        <div className="error-summary" role="alert" tabIndex={-1}>
          <h2>{common("errorSummaryTitle")}</h2>
          <ul>
            <li>{t(`resolveErrors.${oneOf(error, ["resolution", "not-found"] as const, "not-found")}`)}</li>
          </ul>
        </div>
      )}
      <dl className="summary-list">
        <dt>{t("file")}</dt>
        <dd>{report.fileName}</dd>
        <dt>{t("platform")}</dt>
        <dd>{PLATFORM_NAMES[report.platform] ?? report.platform}</dd>
        <dt>{t("uploadedAt")}</dt>
        <dd>{formatInstant(report.uploadedAt, zone, locale)}</dd>
        <dt>{t("rows")}</dt>
        <dd>{report.rows.length}</dd>
        <dt>{t("unmatched")}</dt>
        <dd>{unmatched.length}</dd>
      </dl>

      <h2>{t("unmatchedHeading")}</h2>
      {unmatched.length === 0 ? (
        <p>{t("allMatched")}</p>
      ) : (
        <>
          <p className="hint">{t("unmatchedHint")}</p>
          {unmatched.map((row) => (
            <section key={row.id} id={`row-${row.id}`} className="report-row" aria-labelledby={`row-${row.id}-title`}>
              <h3 id={`row-${row.id}-title`}>{t("rowTitle", { line: row.line, name: row.name })}</h3>
              <p>
                {row.email ?? t("noEmail")} · {formatInstant(row.joinedAt, zone, locale)}
              </p>
              {canResolve && (
                <form action={resolve} className="filters">
                  <input type="hidden" name="reportId" value={report.id} />
                  <input type="hidden" name="rowId" value={row.id} />
                  <div className="form-group">
                    <label className="label" htmlFor={`resolution-${row.id}`}>
                      {t("resolutionLabel", { line: row.line })}
                    </label>
                    <select id={`resolution-${row.id}`} name="resolution" className="select" defaultValue="ignore">
                      <option value="ignore">{t("ignoreOption")}</option>
                      {registrations.map((registration) => (
                        <option key={registration.id} value={registration.id}>
                          {`${registration.familyName}, ${registration.givenName} (${registration.email})`}
                        </option>
                      ))}
                    </select>
                  </div>
                  <button type="submit" className="button">
                    {t("resolve")}
                  </button>
                </form>
              )}
            </section>
          ))}
        </>
      )}

      <h2>{t("allRows")}</h2>
      <div className="table-wrapper">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("line")}</th>
              <th scope="col">{t("name")}</th>
              <th scope="col">{t("email")}</th>
              <th scope="col">{t("joinedAt")}</th>
              <th scope="col">{t("inSession")}</th>
              <th scope="col">{t("match")}</th>
            </tr>
          </thead>
          <tbody>
            {report.rows.map((row) => (
              <tr key={row.id}>
                <td>{row.line}</td>
                <th scope="row">{row.name}</th>
                <td>{row.email ?? "–"}</td>
                <td>{formatInstant(row.joinedAt, zone, locale)}</td>
                <td>{row.inSession ? t("yes") : t("no")}</td>
                <td>{matchLabel(row)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
