import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { languageMark, meetingText } from "@/lib/i18n/meeting-texts.ts";
import { getDatabase } from "@/lib/db/client.ts";
import { formatInstant, formatMeetingDates } from "@/lib/i18n/format.ts";
import type { Locale } from "@/lib/i18n/config.ts";
import { listPublicMeetings, type PublicMeeting, type PublicMeetingPage } from "@/lib/meetings/queries.ts";

type SearchParams = Record<string, string | string[] | undefined>;
type Translate = Awaited<ReturnType<typeof getTranslations<"home">>>;

// Each list has its own page number in the address, so a link to one page of one list keeps the
// other list where it was.
const PAGE_PARAMS = { open: "page", other: "otherPage" } as const;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("home");
  return { title: t("title") };
}

function pageNumber(value: string | string[] | undefined): number {
  return typeof value === "string" && /^\d{1,6}$/.test(value) ? Number(value) : 1;
}

/** The page numbers to show: the first, the last, and the current one with its neighbours. */
function visiblePages(current: number, count: number): Array<number | "gap"> {
  const shown = [...new Set([1, current - 1, current, current + 1, count])]
    .filter((page) => page >= 1 && page <= count)
    .sort((a, b) => a - b);
  return shown.flatMap((page, index) => (index > 0 && page - (shown[index - 1] ?? page) > 1 ? ["gap" as const, page] : [page]));
}

/** GOV.UK pagination: previous and next links around numbered pages, the current one marked. */
function Pagination({
  list,
  label,
  result,
  pages,
  t,
}: {
  list: keyof typeof PAGE_PARAMS;
  label: string;
  result: PublicMeetingPage;
  pages: Record<keyof typeof PAGE_PARAMS, number>;
  t: Translate;
}) {
  if (result.pageCount <= 1) return null;
  const href = (page: number) => {
    const params = new URLSearchParams();
    for (const [name, param] of Object.entries(PAGE_PARAMS) as Array<[keyof typeof PAGE_PARAMS, string]>) {
      const value = name === list ? page : pages[name];
      if (value > 1) params.set(param, String(value));
    }
    return `?${params.toString()}`;
  };
  return (
    <nav className="pagination" aria-label={t("pagesOf", { list: label })}>
      {result.page > 1 && (
        <a href={href(result.page - 1)} rel="prev">
          {t("previousPage")}
        </a>
      )}
      <ul style={{ display: "flex", flexWrap: "wrap", gap: "1rem", listStyle: "none", margin: 0, padding: 0 }}>
        {visiblePages(result.page, result.pageCount).map((page, index) =>
          page === "gap" ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: a gap has no identity of its own
            <li key={`gap-${index}`} aria-hidden="true">
              …
            </li>
          ) : (
            <li key={page}>
              {page === result.page ? (
                <a href={href(page)} aria-label={t("pageNumber", { page })} aria-current="page">
                  <strong>{page}</strong>
                </a>
              ) : (
                <a href={href(page)} aria-label={t("pageNumber", { page })}>
                  {page}
                </a>
              )}
            </li>
          ),
        )}
      </ul>
      {result.page < result.pageCount && (
        <a href={href(result.page + 1)} rel="next">
          {t("nextPage")}
        </a>
      )}
    </nav>
  );
}

/** The meeting's title in the reader's language, or in the meeting's own, marked with its language. */
function MeetingTitle({ meeting, locale }: { meeting: PublicMeeting; locale: Locale }) {
  const title = meetingText(meeting, "title", locale) ?? { text: meeting.title, lang: locale };
  return (
    <a href={`/meetings/${meeting.slug}`} {...languageMark(title, locale)}>
      {title.text}
    </a>
  );
}

export default async function HomePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const now = new Date();
  const locale = await getLocale();
  const t = await getTranslations("home");
  const search = await searchParams;
  const requested = { open: pageNumber(search[PAGE_PARAMS.open]), other: pageNumber(search[PAGE_PARAMS.other]) };
  const { open, other } = await listPublicMeetings(getDatabase(), now, requested);
  const pages = { open: open.page, other: other.page };
  return (
    <>
      <h1>{t("title")}</h1>
      <h2>{t("openHeading")}</h2>
      {open.total === 0 ? (
        <p>{t("noneOpen")}</p>
      ) : (
        <>
          <ul className="meeting-list">
            {open.meetings.map((meeting) => (
              <li key={meeting.id}>
                <h3>
                  <MeetingTitle meeting={meeting} locale={locale} />
                </h3>
                <p>{formatMeetingDates(meeting.startsAt, meeting.endsAt, meeting.timeZone, locale)}</p>
                <p>{t("closesAt", { deadline: formatInstant(meeting.registrationClosesAt, meeting.timeZone, locale) })}</p>
              </li>
            ))}
          </ul>
          <Pagination list="open" label={t("openHeading")} result={open} pages={pages} t={t} />
        </>
      )}
      {other.total > 0 && (
        <>
          <h2>{t("otherHeading")}</h2>
          <ul className="meeting-list">
            {other.meetings.map((meeting) => (
              <li key={meeting.id}>
                <h3>
                  <MeetingTitle meeting={meeting} locale={locale} />
                </h3>
                <p>{formatMeetingDates(meeting.startsAt, meeting.endsAt, meeting.timeZone, locale)}</p>
                <p>
                  {now < meeting.registrationOpensAt
                    ? t("opensAt", { date: formatInstant(meeting.registrationOpensAt, meeting.timeZone, locale) })
                    : t("closed")}
                </p>
              </li>
            ))}
          </ul>
          <Pagination list="other" label={t("otherHeading")} result={other} pages={pages} t={t} />
        </>
      )}
    </>
  );
}
