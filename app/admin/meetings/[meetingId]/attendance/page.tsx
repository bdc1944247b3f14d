import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { attendancePerSession, listAttendanceReports } from "@/lib/attendance/queries.ts";
import { roleAllows } from "@/lib/auth/meeting-access.ts";
import { requireMeetingPage } from "@/lib/auth/session.ts";
import { PLATFORM_NAMES } from "@/lib/attendance/report-file.ts";
import { getDatabase } from "@/lib/db/client.ts";
import { formatInstant } from "@/lib/i18n/format.ts";
import { oneOf } from "@/lib/i18n/keys.ts";

type Props = { params: Promise<{ meetingId: string }>; searchParams: Promise<{ error?: string; line?: string; reason?: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("attendance");
  return { title: t("title") };
}

const PROBLEMS = ["missing", "too-large", "empty", "encoding", "no-header", "too-many-rows", "malformed"] as const;
const REASONS = ["csv", "columns", "name", "join-time", "leave-time"] as const;

/** Attendance of a meeting: per session, the uploaded platform reports, and the upload form. */
export default async function AttendancePage({ params, searchParams }: Props) {
  const db = getDatabase();
  const { meeting, role } = await requireMeetingPage(db, (await params).meetingId, "read");
  const { error, line, reason } = await searchParams;
  const t = await getTranslations("attendance");
  const common = await getTranslations("common");
  const locale = await getLocale();
  const [sessions, reports] = await Promise.all([attendancePerSession(db, meeting.id), listAttendanceReports(db, meeting.id)]);
  const problem = error ? oneOf(error, PROBLEMS, "missing") : null;
  const lineNumber = Number(line);
  const canUpload = roleAllows(role, "decide");
  const problemText =
    problem === null
      ? null
      : problem === "malformed"
        ? Number.isInteger(lineNumber) && lineNumber > 0
          ? t("problems.malformed", { line: lineNumber, reason: t(`reasons.${oneOf(reason, REASONS, "csv")}`) })
          : t("problems.missing")
        : t(`problems.${problem}`);

  return (
    <>
      {problem && <title>{common("errorPrefix", { title: t("title") })}</title>}
      <p>
        <a href={`/admin/meetings/${meeting.id}`}>{t("backToMeeting")}</a>
      </p>
      <span className="caption">{meeting.shortName}</span>
      <h1>{t("title")}</h1>
      {problem && (
        <div className="error-summary" role="alert" tabIndex={-1}>
          <h2>{common("errorSummaryTitle")}</h2>
          <ul>
            <li>
              <a href="#report">{problemText}</a>
            </li>
          </ul>
        </div>
      )}

      <h2>{t("perSession")}</h2>
      <div className="table-wrapper">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("session")}</th>
              <th scope="col">{t("attended")}</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((session, index) => (
              <tr key={session.sessionId ?? "meeting"}>
                <th scope="row">
                  {t("sessionLabel", { number: index + 1, start: formatInstant(session.startsAt, meeting.timeZone, locale) })}
                </th>
                <td>{session.attended}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>{t("reports")}</h2>
      {reports.length === 0 ? (
        <p>{t("noReports")}</p>
      ) : (
        <div className="table-wrapper">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("file")}</th>
                <th scope="col">{t("platform")}</th>
                <th scope="col">{t("uploadedAt")}</th>
                <th scope="col">{t("rows")}</th>
                <th scope="col">{t("unmatched")}</th>
              </tr>
            </thead>
            <tbody>
              {reports.map((report) => (
                <tr key={report.id}>
                  <th scope="row">
                    <a href={`/admin/meetings/${meeting.id}/attendance/${report.id}`}>{report.fileName}</a>
                  </th>
                  <td>{PLATFORM_NAMES[report.platform] ?? report.platform}</td>
                  <td>{formatInstant(report.uploadedAt, meeting.timeZone, locale)}</td>
                  <td>{report.rows}</td>
                  <td>{report.unmatched}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {canUpload && (
        <>
          <h2>{t("uploadHeading")}</h2>
          <form method="post" action={`/admin/meetings/${meeting.id}/attendance/upload`} encType="multipart/form-data">
            <div className={`form-group${problem ? " form-group--error" : ""}`}>
              <label className="label" htmlFor="report">
                {t("reportLabel")}
              </label>
              <span className="hint" id="report-hint">
                {t("reportHint", { zone: meeting.timeZone })}
              </span>
              {problemText && (
                <p id="report-error" className="error-message">
                  <span className="visually-hidden">{common("errorLabel")} </span>
                  {problemText}
                </p>
              )}
              <input
                id="report"
                name="report"
                type="file"
                className="file-upload"
                accept=".csv,text/csv,text/plain"
                required
                aria-describedby={problemText ? "report-hint report-error" : "report-hint"}
              />
            </div>
            <button type="submit" className="button">
              {t("upload")}
            </button>
          </form>
        </>
      )}
    </>
  );
}
