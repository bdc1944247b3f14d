import { randomBytes } from "node:crypto";
import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { ErrorSummary } from "@/components/forms/error-summary.tsx";
import { TextField } from "@/components/forms/text-field.tsx";
import { describedBy, ErrorMessage, Hint } from "@/components/forms/field-parts.tsx";
import { getDatabase } from "@/lib/db/client.ts";
import { findDocumentParticipant, listMeetingDocuments, mayReadAll, maySubmit } from "@/lib/documents/queries.ts";
import { formatDocumentNumber, submissionTiming } from "@/lib/documents/rules.ts";
import { formatFileSize, formatInstant } from "@/lib/i18n/format.ts";
import { keyFromData, oneOf } from "@/lib/i18n/keys.ts";
import { countryName } from "@/lib/participants/country-names.ts";
import { isWellFormedToken } from "@/lib/security/tokens.ts";

type Props = {
  params: Promise<{ token: string }>;
  searchParams: Promise<{
    errors?: string;
    done?: string;
    document?: string;
    title?: string;
    source?: string;
    coSources?: string;
    abstract?: string;
    revisionOf?: string;
  }>;
};

// The token in the URL is a credential: no search engine, no referrer, no cache (see proxy.ts).
export const metadata: Metadata = { referrer: "same-origin", robots: { index: false, follow: false } };

const ACCEPTED = ".pdf,.doc,.docx,.pptx,.xlsx,.zip,application/pdf,application/msword,application/zip";

/**
 * A meeting's input documents for one of its registrants, through their manage link: the list
 * (every document for a confirmed registrant, their own for a pending one), each file to
 * download, and the form to submit one — a plain multipart form posted to the upload route, so it
 * works with JavaScript off; the route sends the browser back here with the outcome or the errors.
 */
export default async function ParticipantDocumentsPage({ params, searchParams }: Props) {
  const { token } = await params;
  const query = await searchParams;
  const t = await getTranslations("documents");
  const common = await getTranslations("common");
  const locale = await getLocale();
  const db = getDatabase();
  const participant = isWellFormedToken(token) ? await findDocumentParticipant(db, token) : null;
  if (!participant || !maySubmit(participant)) {
    return (
      <>
        <title>{t("notAvailableTitle")}</title>
        <h1>{t("notAvailableTitle")}</h1>
        <p>{t("notAvailableBody")}</p>
      </>
    );
  }
  const { meeting } = participant;
  const title = t("title", { meeting: meeting.shortName });
  const back = (
    <p>
      <a href={`/manage/${token}`}>{t("back")}</a>
    </p>
  );
  if (!meeting.documentSeriesPrefix) {
    return (
      <>
        <title>{title}</title>
        {back}
        <h1>{t("heading")}</h1>
        <p>{t("notTaking", { meeting: meeting.shortName })}</p>
      </>
    );
  }

  const readsAll = mayReadAll(participant);
  const documents = (await listMeetingDocuments(db, meeting.id)).filter(
    (document) => readsAll || document.registrationId === participant.id,
  );
  const own = documents.filter(
    (document) => document.registrationId === participant.id && !document.withdrawnAt && document.revision === 0,
  );
  const timing = submissionTiming(meeting, participant.documentException, new Date());
  const maxMegabytes = Math.floor(meeting.documentMaxBytes / (1024 * 1024));

  // Errors come back from the upload route as message keys ("title.required", "file.zipBomb" …).
  const errorKeys = (query.errors ?? "").split(",").filter((key) => /^[a-zA-Z]+\.[a-zA-Z]+$/.test(key));
  const messages = errorKeys
    .map((key) => ({
      key,
      field: key.startsWith("submission.") ? "file" : (key.split(".")[0] ?? "file"),
      full: keyFromData(`errors.${key}`),
    }))
    .filter(({ full }) => t.has(full))
    .map(({ key, field, full }) => ({
      fieldId: field,
      message: key === "file.tooLarge" ? t("errors.file.tooLarge", { size: maxMegabytes }) : t(full),
    }));
  const errorFor = (field: string) => messages.find((item) => item.fieldId === field)?.message;
  const doneKey = oneOf(query.done, ["submitted", "submittedLate", "duplicate"] as const, "none");
  const doneDocument = doneKey !== "none" ? documents.find((document) => document.id === query.document) : undefined;
  const defaultSource = participant.memberState ? countryName(participant.memberState, locale) : (participant.organization ?? "");

  return (
    <>
      <title>{messages.length ? common("errorPrefix", { title }) : title}</title>
      {back}
      <ErrorSummary title={common("errorSummaryTitle")} items={messages} focusKey={query.errors} />
      {doneKey !== "none" && doneDocument && (
        <div className="notice" role="status">
          {t(`done.${doneKey}`, { number: formatDocumentNumber(doneDocument.seriesPrefix, doneDocument.number, doneDocument.revision) })}
        </div>
      )}
      <span className="caption">{meeting.shortName}</span>
      <h1>{t("heading")}</h1>
      <p>{t("intro", { prefix: meeting.documentSeriesPrefix })}</p>
      {meeting.documentDeadline && (
        <>
          <p>{t("deadline", { deadline: formatInstant(meeting.documentDeadline, meeting.timeZone, locale) })}</p>
          <p>{meeting.documentLatePolicy === "ACCEPT_LATE" ? t("latePolicyAccept") : t("latePolicyRefuse")}</p>
        </>
      )}
      {participant.documentException && timing === "on-time" && meeting.documentDeadline && new Date() > meeting.documentDeadline && (
        <p>{t("exception", { until: formatInstant(participant.documentException.until, meeting.timeZone, locale) })}</p>
      )}
      {meeting.documentTemplateUrl && /^https:\/\//.test(meeting.documentTemplateUrl) && (
        <p>
          <a href={meeting.documentTemplateUrl}>{t("template")}</a>
        </p>
      )}
      {!readsAll && <p>{t("ownOnly")}</p>}

      <table className="table">
        <caption>{t("list.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("list.number")}</th>
            <th scope="col">{t("list.title")}</th>
            <th scope="col">{t("list.source")}</th>
            <th scope="col">{t("list.received")}</th>
            <th scope="col">{t("list.file")}</th>
          </tr>
        </thead>
        <tbody>
          {documents.map((document) => {
            const number = formatDocumentNumber(document.seriesPrefix, document.number, document.revision);
            return (
              <tr key={document.id}>
                <td>
                  <bdi>{number}</bdi>
                  {document.late && <strong className="tag tag--PENDING">{t("list.late")}</strong>}
                  {document.registrationId === participant.id && <span> {t("list.yours")}</span>}
                </td>
                <td>
                  <bdi>{document.title}</bdi>
                </td>
                <td>
                  <bdi>{[document.source, document.coSources].filter(Boolean).join(", ")}</bdi>
                </td>
                <td>{formatInstant(document.submittedAt, meeting.timeZone, locale)}</td>
                <td>
                  {document.withdrawnAt ? (
                    <strong className="tag tag--WITHDRAWN">{t("list.withdrawn")}</strong>
                  ) : (
                    <a href={`/manage/${token}/documents/${document.id}/file`} download>
                      {t("list.download", { number, size: formatFileSize(document.file.size, locale) })}
                    </a>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {documents.length === 0 && <p>{t("list.noneYet")}</p>}

      {timing === "closed" ? (
        <p>{t("closed")}</p>
      ) : (
        <>
          <h2 id="submit">{t("form.heading")}</h2>
          <form method="post" action={`/manage/${token}/documents/upload`} encType="multipart/form-data" noValidate>
            <input type="hidden" name="submissionKey" value={randomBytes(16).toString("hex")} />
            {own.length > 0 && (
              <div className="form-group">
                <label className="label" htmlFor="revisionOf">
                  {t("form.versionOf")}
                </label>
                <Hint id="revisionOf-hint">{t("form.versionHint")}</Hint>
                <select
                  id="revisionOf"
                  name="revisionOf"
                  className="select"
                  aria-describedby="revisionOf-hint"
                  defaultValue={own.some((document) => document.id === query.revisionOf) ? query.revisionOf : ""}
                >
                  <option value="">{t("form.versionNone")}</option>
                  {own.map((document) => (
                    <option key={document.id} value={document.id}>
                      {formatDocumentNumber(document.seriesPrefix, document.number)} – {document.title}
                    </option>
                  ))}
                </select>
              </div>
            )}
            <TextField
              name="title"
              label={t("form.title")}
              error={errorFor("title")}
              errorLabel={common("errorLabel")}
              defaultValue={query.title ?? ""}
              maxLength={300}
            />
            <TextField
              name="source"
              label={t("form.source")}
              hint={t("form.sourceHint")}
              error={errorFor("source")}
              errorLabel={common("errorLabel")}
              defaultValue={query.source ?? defaultSource}
              maxLength={200}
            />
            <TextField
              name="coSources"
              label={
                <>
                  {t("form.coSources")} {common("optional")}
                </>
              }
              hint={t("form.coSourcesHint")}
              error={errorFor("coSources")}
              errorLabel={common("errorLabel")}
              defaultValue={query.coSources ?? ""}
              maxLength={500}
            />
            <TextField
              name="abstract"
              multiline
              rows={5}
              label={
                <>
                  {t("form.abstract")} {common("optional")}
                </>
              }
              error={errorFor("abstract")}
              errorLabel={common("errorLabel")}
              defaultValue={query.abstract ?? ""}
            />
            <div className={`form-group${errorFor("file") ? " form-group--error" : ""}`}>
              <label className="label" htmlFor="file">
                {t("form.file")}
              </label>
              <Hint id="file-hint">{t("form.fileHint", { size: maxMegabytes })}</Hint>
              <ErrorMessage id="file-error" label={common("errorLabel")} message={errorFor("file")} />
              <input
                id="file"
                name="file"
                type="file"
                className="file-upload"
                accept={ACCEPTED}
                aria-describedby={describedBy("file-hint", errorFor("file") ? "file-error" : undefined)}
                aria-invalid={errorFor("file") ? true : undefined}
              />
            </div>
            <button type="submit" className="button">
              {t("form.submit")}
            </button>
          </form>
        </>
      )}
    </>
  );
}
