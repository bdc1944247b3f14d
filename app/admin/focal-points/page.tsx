import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { getDatabase } from "@/lib/db/client.ts";
import { removeFocalPointAction } from "@/lib/focal-points/actions.ts";
import { EXAMPLE_LIST } from "@/lib/focal-points/import.ts";
import { requireFocalPointsPage } from "@/lib/focal-points/page-access.ts";
import { listFocalPoints } from "@/lib/focal-points/queries.ts";
import { LOCALE_NAMES, isLocale } from "@/lib/i18n/config.ts";
import { oneOf } from "@/lib/i18n/keys.ts";
import { countryName } from "@/lib/participants/country-names.ts";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.focalPoints");
  return { title: t("title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const DONE = ["added", "changed", "removed", "imported"] as const;
const ERRORS = ["invalid", "import-too-large", "import-no-file", "import-encoding", "import-gone", "import-applied"] as const;
const count = (value: unknown) => (typeof value === "string" && /^\d{1,6}$/.test(value) ? Number(value) : 0);

export default async function FocalPointsPage({ searchParams }: Props) {
  const db = getDatabase();
  await requireFocalPointsPage(db);
  const search = await searchParams;
  const t = await getTranslations("admin.focalPoints");
  const admin = await getTranslations("admin");
  const locale = await getLocale();
  const focalPoints = await listFocalPoints(db);
  const done = typeof search.done === "string" ? oneOf(search.done, DONE, "none") : "none";
  const error = typeof search.error === "string" ? oneOf(search.error, ERRORS, "invalid") : undefined;
  return (
    <>
      <p>
        <a href="/admin">{admin("allMeetings")}</a>
      </p>
      <h1>{t("title")}</h1>
      {done !== "none" && (
        <div className="notice" role="status">
          {t(`done.${done}`, { added: count(search.added), updated: count(search.updated) })}
        </div>
      )}
      {error && (
        <div className="error-summary" role="alert">
          <h2>{admin("problem")}</h2>
          <p>{t(`errors.${error}`)}</p>
        </div>
      )}
      <p>{t("intro")}</p>
      <p>
        <a className="button" href="/admin/focal-points/new">
          {t("addHeading")}
        </a>
      </p>
      {focalPoints.length === 0 ? (
        <p>{t("empty")}</p>
      ) : (
        <div className="table-wrapper">
          <table className="table">
            <caption className="visually-hidden">{t("caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("scope")}</th>
                <th scope="col">{t("name")}</th>
                <th scope="col">{t("email")}</th>
                <th scope="col">{t("role")}</th>
                <th scope="col">{t("language")}</th>
                <th scope="col">{t("meetings")}</th>
                <th scope="col">{t("actions")}</th>
              </tr>
            </thead>
            <tbody>
              {focalPoints.map((point) => (
                <tr key={point.id}>
                  <td>
                    {point.memberState ? countryName(point.memberState, locale) : point.organization}
                    {point.aliases.length > 0 && <span className="hint"> {t("aliasesOf", { aliases: point.aliases.join(", ") })}</span>}
                  </td>
                  <th scope="row">{point.name}</th>
                  <td>{point.email}</td>
                  <td>{t(`roles.${point.role}`)}</td>
                  <td lang={point.locale}>{isLocale(point.locale) ? LOCALE_NAMES[point.locale] : point.locale}</td>
                  <td>{point.allMeetings ? t("allMeetings") : point.meetings.map((link) => link.meeting.shortName).join(", ")}</td>
                  <td>
                    <div className="button-group">
                      <a className="button button--secondary" href={`/admin/focal-points/${point.id}`}>
                        {t("change")}
                        <span className="visually-hidden"> {t("ofWho", { name: point.name })}</span>
                      </a>
                      <form action={removeFocalPointAction}>
                        <input type="hidden" name="focalPointId" value={point.id} />
                        <button type="submit" className="button button--warning">
                          {t("remove")}
                          <span className="visually-hidden"> {t("ofWho", { name: point.name })}</span>
                        </button>
                      </form>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2 id="import">{t("import.heading")}</h2>
      <p>{t("import.intro")}</p>
      <pre className="example" dir="ltr">
        {EXAMPLE_LIST}
      </pre>
      <form action="/admin/focal-points/import" method="post" encType="multipart/form-data">
        <div className="form-group">
          <label className="label" htmlFor="list">
            {t("import.file")}
          </label>
          <p className="hint" id="list-hint">
            {t("import.fileHint")}
          </p>
          <input className="file-upload" id="list" name="list" type="file" accept=".csv,text/csv" aria-describedby="list-hint" />
        </div>
        <button type="submit" className="button button--secondary">
          {t("import.upload")}
        </button>
      </form>
    </>
  );
}
