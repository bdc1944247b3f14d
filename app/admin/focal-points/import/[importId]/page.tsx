import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { getDatabase } from "@/lib/db/client.ts";
import { applyFocalPointImportAction } from "@/lib/focal-points/actions.ts";
import { requireFocalPointsPage } from "@/lib/focal-points/page-access.ts";
import { findFocalPointImport } from "@/lib/focal-points/queries.ts";
import { previewFocalPointImport } from "@/lib/focal-points/service.ts";
import { isUuid } from "@/lib/forms/ids.ts";
import { LOCALE_NAMES, isLocale } from "@/lib/i18n/config.ts";
import { countryName } from "@/lib/participants/country-names.ts";

type Props = { params: Promise<{ importId: string }> };

async function load(importId: string) {
  const db = getDatabase();
  const organizer = await requireFocalPointsPage(db);
  const stored = isUuid(importId) ? await findFocalPointImport(db, { importId, userId: organizer.userId, now: new Date() }) : null;
  if (!stored) notFound();
  return { stored, preview: await previewFocalPointImport(db, stored.content) };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { stored, preview } = await load((await params).importId);
  const t = await getTranslations("admin.focalPoints.import");
  const common = await getTranslations("common");
  const title = preview.ok ? t("previewTitle", { file: stored.fileName }) : t("errorsTitle");
  return { title: preview.ok ? title : common("errorPrefix", { title }) };
}

/** Preview of an uploaded focal-point list: what it would change, or every line that stops it. */
export default async function FocalPointImportPage({ params }: Props) {
  const { stored, preview } = await load((await params).importId);
  const t = await getTranslations("admin.focalPoints");
  const locale = await getLocale();
  if (!preview.ok) {
    return (
      <>
        <p>
          <a href="/admin/focal-points#import">{t("back")}</a>
        </p>
        <div className="error-summary" role="alert" tabIndex={-1}>
          <h1>{t("import.errorsTitle")}</h1>
          <p>{t("import.errorsIntro")}</p>
          <ul>
            {preview.errors.map((error) => {
              const message = t(`importErrors.${error.code}`, { value: error.value ?? "" });
              return (
                <li key={`${error.line}-${error.code}`}>
                  {error.line > 0 ? t("import.lineError", { line: error.line, message }) : message}
                </li>
              );
            })}
          </ul>
        </div>
      </>
    );
  }
  const count = (kind: string) => preview.changes.filter((change) => change.change === kind).length;
  return (
    <>
      <p>
        <a href="/admin/focal-points">{t("back")}</a>
      </p>
      <h1>{t("import.previewTitle", { file: stored.fileName })}</h1>
      <p>{t("import.previewIntro")}</p>
      <p>{t("import.summary", { added: count("add"), updated: count("update"), unchanged: count("unchanged") })}</p>
      <div className="table-wrapper">
        <table className="table">
          <caption className="visually-hidden">{t("import.previewTitle", { file: stored.fileName })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("import.line")}</th>
              <th scope="col">{t("import.change")}</th>
              <th scope="col">{t("scope")}</th>
              <th scope="col">{t("name")}</th>
              <th scope="col">{t("email")}</th>
              <th scope="col">{t("role")}</th>
              <th scope="col">{t("language")}</th>
            </tr>
          </thead>
          <tbody>
            {preview.changes.map(({ change, line, entry }) => (
              <tr key={line}>
                <td>{line}</td>
                <td>
                  <strong>{t(`import.changes.${change}`)}</strong>
                </td>
                <td>{"memberState" in entry.scope ? countryName(entry.scope.memberState, locale) : entry.scope.organization}</td>
                <th scope="row">{entry.name}</th>
                <td>{entry.email}</td>
                <td>{t(`roles.${entry.role}`)}</td>
                <td lang={entry.locale}>{isLocale(entry.locale) ? LOCALE_NAMES[entry.locale] : entry.locale}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="button-group">
        <form action={applyFocalPointImportAction}>
          <input type="hidden" name="importId" value={stored.id} />
          <button type="submit" className="button">
            {t("import.confirm")}
          </button>
        </form>
        <a className="button button--secondary" href="/admin/focal-points">
          {t("import.cancel")}
        </a>
      </div>
    </>
  );
}
