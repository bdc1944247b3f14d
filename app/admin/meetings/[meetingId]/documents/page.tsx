import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { roleAllows } from "@/lib/auth/meeting-access.ts";
import { requireMeetingPage, requireOrganizerPage } from "@/lib/auth/session.ts";
import { getDatabase } from "@/lib/db/client.ts";
import { chooseDocumentNoticesAction, grantExceptionAction, withdrawDocumentAction } from "@/lib/documents/actions.ts";
import { documentFiltersFrom } from "@/lib/documents/export.ts";
import { findDocumentNotices, listMeetingDocuments } from "@/lib/documents/queries.ts";
import { formatDocumentNumber } from "@/lib/documents/rules.ts";
import { formatInstant } from "@/lib/i18n/format.ts";
import { oneOf } from "@/lib/i18n/keys.ts";

type Query = { q?: string; late?: string; status?: string; done?: string; error?: string; document?: string; until?: string };
type Props = { params: Promise<{ meetingId: string }>; searchParams: Promise<Query> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.documents");
  return { title: t("link") };
}

/** A meeting's input documents for its organizers: filters, export, every file as one ZIP, withdraw, deadline exceptions. */
export default async function MeetingDocumentsPage({ params, searchParams }: Props) {
  const db = getDatabase();
  const { meeting, role } = await requireMeetingPage(db, (await params).meetingId, "read");
  const query = await searchParams;
  const t = await getTranslations("admin.documents");
  const common = await getTranslations("common");
  const locale = await getLocale();
  const filters = documentFiltersFrom(query);
  const documents = await listMeetingDocuments(db, meeting.id, filters);
  const canDecide = roleAllows(role, "decide");
  const canExport = roleAllows(role, "export");
  const notices = canDecide ? await findDocumentNotices(db, meeting.id, (await requireOrganizerPage(db)).userId) : null;
  const filterQuery = new URLSearchParams(
    Object.entries({ q: filters.q, late: query.late, status: query.status }).filter((entry): entry is [string, string] =>
      Boolean(entry[1]),
    ),
  ).toString();
  const error = query.error ? oneOf(query.error, ["alreadyWithdrawn", "notFound", "untilInvalid"] as const, "notFound") : null;
  const errorText = error === "alreadyWithdrawn" ? t("alreadyWithdrawn") : error ? t(`exception.${error}`) : null;
  const withdrawn = query.done === "withdrawn" ? documents.find((document) => document.id === query.document) : undefined;
  const until = query.done === "exception" && query.until ? new Date(query.until) : null;
  const title = t("title", { meeting: meeting.shortName });

  return (
    <>
      <title>{errorText ? common("errorPrefix", { title }) : title}</title>
      <p>
        <a href={`/admin/meetings/${meeting.id}`}>{meeting.shortName}</a>
      </p>
      {errorText && (
        <div className="error-summary" role="alert" tabIndex={-1}>
          <h2>{common("errorSummaryTitle")}</h2>
          <ul>
            <li>{error === "alreadyWithdrawn" ? errorText : <a href={error === "untilInvalid" ? "#until" : "#email"}>{errorText}</a>}</li>
          </ul>
        </div>
      )}
      {withdrawn && (
        <div className="notice" role="status">
          {t("withdrawn", { number: formatDocumentNumber(withdrawn.seriesPrefix, withdrawn.number) })}
        </div>
      )}
      {until && !Number.isNaN(until.getTime()) && (
        <div className="notice" role="status">
          {t("exception.done", { until: formatInstant(until, meeting.timeZone, locale) })}
        </div>
      )}
      <h1>{title}</h1>

      <form method="get" action={`/admin/meetings/${meeting.id}/documents`} className="filters">
        <div className="form-group">
          <label className="label" htmlFor="q">
            {t("filters.search")}
          </label>
          <input id="q" name="q" type="search" className="input" defaultValue={filters.q ?? ""} />
        </div>
        <div className="form-group">
          <label className="label" htmlFor="late">
            {t("filters.timing")}
          </label>
          <select id="late" name="late" className="select" defaultValue={query.late ?? ""}>
            <option value="">{t("filters.any")}</option>
            <option value="late">{t("filters.lateOnly")}</option>
            <option value="on-time">{t("filters.onTimeOnly")}</option>
          </select>
        </div>
        <div className="form-group">
          <label className="label" htmlFor="status">
            {t("filters.status")}
          </label>
          <select id="status" name="status" className="select" defaultValue={query.status ?? ""}>
            <option value="">{t("filters.any")}</option>
            <option value="current">{t("filters.current")}</option>
            <option value="withdrawn">{t("filters.withdrawnOnly")}</option>
          </select>
        </div>
        <button type="submit" className="button button--secondary">
          {t("filters.apply")}
        </button>
      </form>

      {canExport && (
        <ul className="list-inline">
          <li>
            <a href={`/admin/meetings/${meeting.id}/documents/export?format=csv${filterQuery ? `&${filterQuery}` : ""}`}>
              {t("exportCsv")}
            </a>
          </li>
          <li>
            <a href={`/admin/meetings/${meeting.id}/documents/export?format=xlsx${filterQuery ? `&${filterQuery}` : ""}`}>
              {t("exportXlsx")}
            </a>
          </li>
          <li>
            <a href={`/admin/meetings/${meeting.id}/documents/archive`}>{t("downloadAll")}</a>
          </li>
        </ul>
      )}

      <p>{t("shown", { count: documents.length })}</p>
      {documents.length === 0 ? (
        <p>{t("none")}</p>
      ) : (
        <div className="table-wrapper">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("columns.number")}</th>
                <th scope="col">{t("columns.title")}</th>
                <th scope="col">{t("columns.source")}</th>
                <th scope="col">{t("columns.submitter")}</th>
                <th scope="col">{t("columns.received")}</th>
                <th scope="col">{t("columns.file")}</th>
                {canDecide && <th scope="col">{t("columns.actions")}</th>}
              </tr>
            </thead>
            <tbody>
              {documents.map((document) => {
                const number = formatDocumentNumber(document.seriesPrefix, document.number, document.revision);
                return (
                  <tr key={document.id}>
                    <th scope="row">
                      <bdi>{number}</bdi>
                      {document.late && <strong className="tag tag--PENDING">{t("columns.late")}</strong>}
                      {document.withdrawnAt && <strong className="tag tag--WITHDRAWN">{t("filters.withdrawnOnly")}</strong>}
                    </th>
                    <td>
                      <bdi>{document.title}</bdi>
                    </td>
                    <td>
                      <bdi>{[document.source, document.coSources].filter(Boolean).join(", ")}</bdi>
                    </td>
                    <td>
                      <bdi>{document.registration ? `${document.registration.givenName} ${document.registration.familyName}` : ""}</bdi>
                    </td>
                    <td>{formatInstant(document.submittedAt, meeting.timeZone, locale)}</td>
                    <td>
                      <a href={`/admin/meetings/${meeting.id}/documents/${document.id}/file`} download>
                        {t("download", { number })}
                      </a>
                    </td>
                    {canDecide && (
                      <td>
                        {!document.withdrawnAt && document.revision === 0 && (
                          <form action={withdrawDocumentAction.bind(null, meeting.id, document.id)}>
                            <button type="submit" className="button button--warning">
                              {t("withdraw", { number })}
                            </button>
                          </form>
                        )}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      {notices && (
        <form action={chooseDocumentNoticesAction.bind(null, meeting.id)} id="notices">
          {query.done === "notices" && (
            <div className="notice" role="status">
              {t("notices.done")}
            </div>
          )}
          <div className="form-group">
            <fieldset>
              <legend>
                <h2>{t("notices.legend")}</h2>
              </legend>
              <div className="radios">
                {(["EACH", "DAILY_DIGEST"] as const).map((choice, index) => (
                  <div className="choice" key={choice}>
                    <input
                      id={index === 0 ? "documentNotices" : `documentNotices-${choice}`}
                      type="radio"
                      name="documentNotices"
                      value={choice}
                      defaultChecked={notices === choice}
                    />
                    <label htmlFor={index === 0 ? "documentNotices" : `documentNotices-${choice}`}>{t(`notices.${choice}`)}</label>
                  </div>
                ))}
              </div>
            </fieldset>
          </div>
          <button type="submit" className="button button--secondary">
            {t("notices.submit")}
          </button>
        </form>
      )}

      {canDecide && (
        <>
          <h2 id="exception">{t("exception.heading")}</h2>
          <form action={grantExceptionAction.bind(null, meeting.id)}>
            <div className={`form-group${error === "notFound" ? " form-group--error" : ""}`}>
              <label className="label" htmlFor="email">
                {t("exception.email")}
              </label>
              {error === "notFound" && (
                <p id="email-error" className="error-message">
                  <span className="visually-hidden">{common("errorLabel")} </span>
                  {t("exception.notFound")}
                </p>
              )}
              <input
                id="email"
                name="email"
                type="email"
                autoComplete="off"
                className="input"
                aria-describedby={error === "notFound" ? "email-error" : undefined}
              />
            </div>
            <div className={`form-group${error === "untilInvalid" ? " form-group--error" : ""}`}>
              <label className="label" htmlFor="until">
                {t("exception.until", { zone: meeting.timeZone })}
              </label>
              {error === "untilInvalid" && (
                <p id="until-error" className="error-message">
                  <span className="visually-hidden">{common("errorLabel")} </span>
                  {t("exception.untilInvalid")}
                </p>
              )}
              <input
                id="until"
                name="until"
                type="datetime-local"
                className="input"
                aria-describedby={error === "untilInvalid" ? "until-error" : undefined}
              />
            </div>
            <button type="submit" className="button button--secondary">
              {t("exception.submit")}
            </button>
          </form>
        </>
      )}
    </>
  );
}
