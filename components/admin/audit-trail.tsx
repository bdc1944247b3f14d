// The audit log as a table people can read: when, who, what (translated), and each changed field
// as "field: before → after" with values formatted for the reader (codes translated, countries
// named, nested values such as an export's filters as "field: value"). Secrets arrive masked.
import { getLocale, getTranslations } from "next-intl/server";
import type { AuditLogEntry } from "@/lib/audit/catalogue.ts";
import { isLocale, LOCALE_NAMES } from "@/lib/i18n/config.ts";
import { formatInstant } from "@/lib/i18n/format.ts";
import { keyFromData } from "@/lib/i18n/keys.ts";

type Props = {
  entries: AuditLogEntry[];
  meetingId: string;
  timeZone: string;
  showLinks: boolean;
  /** A country's name in the reader's language (the page has the server-only names). */
  countryName: (code: string) => string;
};

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

export async function AuditTrail({ entries, meetingId, timeZone, showLinks, countryName }: Props) {
  const t = await getTranslations("admin");
  const categories = await getTranslations("meeting.categories");
  const formats = await getTranslations("meeting.formats");
  const locale = await getLocale();
  // Keys built from what the log holds: shown translated when the catalogue has them, else as stored.
  const translated = (key: string) => (t.has(keyFromData(key)) ? t(keyFromData(key)) : null);
  // A meeting's own fields are labelled as in the meeting form; everything else as in the audit catalogue.
  const fieldLabel = (key: string, action?: string): string =>
    translatedTextLabel(key) ??
    (action?.startsWith("meeting.") ? translated(`fields.${key}`) : null) ??
    translated(`audit.fields.${key}`) ??
    translated(`fields.${key}`) ??
    key;
  // A meeting text in another language, "texts.ru.title": the form's label and the language's own name.
  const translatedTextLabel = (key: string): string | null => {
    const [, language, field] = /^texts\.([a-z]{2})\.(\w+)$/.exec(key) ?? [];
    if (!isLocale(language) || !field) return null;
    const label = translated(`fields.${field}`);
    return label ? `${label} (${LOCALE_NAMES[language]})` : null;
  };
  const actorLabel = (label: string) => translated(`audit.actors.${label}`) ?? label;
  const codeLabel = (key: string, value: string): string | null => {
    if (key === "status") return translated(`statuses.${value}`);
    if (key === "role") return translated(`roles.${value}`);
    if (key === "category" || key === "eligibleCategories")
      return categories.has(keyFromData(value)) ? categories(keyFromData(value)) : null;
    if (key === "country" || key === "memberState") return /^[A-Z]{2}$/.test(value) ? countryName(value) : null;
    if (key === "format") return formats.has(keyFromData(value)) ? formats(keyFromData(value)) : null;
    if (key === "approvalMode") return translated(`approvalModes.${value}`);
    if (key === "locale" || key === "defaultLocale") return isLocale(value) ? LOCALE_NAMES[value] : null;
    if (key === "sort") return translated(`sorts.${value}`);
    return translated(`audit.values.${key}.${value}`);
  };
  const formatValue = (key: string, value: unknown): string => {
    if (value === null || value === undefined || value === "") return t("audit.empty");
    if (typeof value === "boolean") return value ? t("yes") : t("no");
    if (typeof value === "number") return new Intl.NumberFormat(locale).format(value);
    if (Array.isArray(value)) return value.map((item) => formatValue(key, item)).join(", ");
    if (typeof value === "string") {
      if (ISO_INSTANT.test(value)) return formatInstant(new Date(value), timeZone, locale);
      return codeLabel(key, value) ?? value;
    }
    if (typeof value === "object") {
      const parts = Object.entries(value).filter(([, inner]) => inner !== null && inner !== undefined && inner !== "");
      return parts.length > 0
        ? parts.map(([inner, innerValue]) => `${fieldLabel(inner)}: ${formatValue(inner, innerValue)}`).join("; ")
        : t("audit.empty");
    }
    return String(value);
  };
  const changes = (entry: AuditLogEntry) => {
    const keys = [...new Set([...Object.keys(entry.before ?? {}), ...Object.keys(entry.after ?? {})])];
    return keys.map((key) => {
      const hadBefore = entry.before !== null && key in entry.before;
      const after = formatValue(key, entry.after?.[key]);
      return {
        key,
        label: fieldLabel(key, entry.action),
        text: hadBefore ? `${formatValue(key, entry.before?.[key])} → ${after}` : after,
      };
    });
  };

  return (
    <div className="table-wrapper">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t("when")}</th>
            <th scope="col">{t("who")}</th>
            <th scope="col">{t("what")}</th>
            <th scope="col">{t("audit.changes")}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id}>
              <td>{formatInstant(entry.createdAt, timeZone, locale)}</td>
              <td>
                <bdi>{actorLabel(entry.actorLabel)}</bdi>
              </td>
              <td>
                {(entry.known && translated(`audit.actions.${entry.action}`)) || <code>{entry.action}</code>}
                {showLinks && entry.entityType === "registration" && (
                  <>
                    {" "}
                    <a href={`/admin/meetings/${meetingId}/registrations/${entry.entityId}`}>{t("open")}</a>
                  </>
                )}
              </td>
              <td>
                {changes(entry).length > 0 && (
                  <ul className="audit-changes">
                    {changes(entry).map((change) => (
                      <li key={change.key}>
                        {change.label}: <bdi>{change.text}</bdi>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
