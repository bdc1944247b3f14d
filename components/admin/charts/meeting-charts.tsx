// The organizer console's pictures of a meeting, the page /admin/meetings/<id>/statistics: registrations per day up to the deadline, by
// participant category, by UN region, and attendance per session. The page passes the figures
// (lib/registrants/statistics.ts, lib/attendance/queries.ts); this names and formats them for the
// reader's language, numbers included (Arabic-Indic digits in Arabic), and lays them out in its direction.
import { getLocale, getTranslations } from "next-intl/server";
import { BarChart } from "@/components/admin/charts/bar-chart.tsx";
import { ColumnChart } from "@/components/admin/charts/column-chart.tsx";
import { isLocale, textDirection } from "@/lib/i18n/config.ts";
import { formatZoneName } from "@/lib/i18n/format.ts";
import { formatLocale } from "@/lib/i18n/instant-format.ts";
import { PARTICIPANT_CATEGORIES, type ParticipantCategoryValue as ParticipantCategory } from "@/lib/participants/categories.ts";
import { regionName, type UnRegionCode } from "@/lib/participants/regions.ts";

type Props = {
  /** The meeting's short name, shown above the heading: the charts are a page of their own. */
  caption: string;
  timeZone: string;
  categories: readonly ParticipantCategory[];
  statistics: {
    perDay: ReadonlyArray<{ day: string; count: number | null }>;
    beforeFirstDay: number;
    afterDeadline: number;
    byCategory: ReadonlyArray<{ key: ParticipantCategory; count: number }>;
    byRegion: ReadonlyArray<{ key: UnRegionCode | "other"; count: number }>;
  };
  attendance: ReadonlyArray<{ startsAt: Date; endsAt: Date; attended: number }>;
};

/** A calendar day ("2027-03-03") as a date at midnight UTC, to format without a time zone shifting it. */
const calendarDate = (day: string) => new Date(`${day}T00:00:00Z`);

export async function MeetingCharts({ caption, timeZone, categories, statistics, attendance }: Props) {
  const t = await getTranslations("charts");
  const categoryLabel = await getTranslations("meeting.categories");
  const locale = await getLocale();
  const language = isLocale(locale) ? locale : "en";
  const direction = textDirection(locale);
  const numbers = new Intl.NumberFormat(formatLocale(locale));
  const formatNumber = (value: number) => numbers.format(value);
  const list = new Intl.ListFormat(formatLocale(locale), { type: "unit", style: "short" });
  const shortDay = new Intl.DateTimeFormat(formatLocale(locale), { timeZone: "UTC", day: "numeric", month: "short" });
  const longDay = new Intl.DateTimeFormat(formatLocale(locale), {
    timeZone: "UTC",
    weekday: "short",
    day: "numeric",
    month: "long",
    year: "numeric",
  });
  const sessionTime = new Intl.DateTimeFormat(formatLocale(locale), {
    timeZone,
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  const zone = formatZoneName(attendance[0]?.startsAt ?? new Date(), timeZone, locale);
  const barsDescription = (data: ReadonlyArray<{ label: string; value: number }>, itemKey: "registrationsItem" | "attendanceItem") =>
    t("barsDescription", { items: list.format(data.map((datum) => t(itemKey, { label: datum.label, value: datum.value }))) });

  // Registrations per day.
  const days = statistics.perDay.map((day) => ({
    shortLabel: shortDay.format(calendarDate(day.day)),
    label: longDay.format(calendarDate(day.day)),
    value: day.count,
  }));
  const first = statistics.perDay[0]?.day;
  const last = statistics.perDay.at(-1)?.day;
  const counted = statistics.perDay.flatMap((day) => (day.count === null ? [] : [{ day: day.day, count: day.count }]));
  const daysTotal = counted.reduce((sum, day) => sum + day.count, 0);
  const peak = counted.reduce<{ day: string; count: number } | undefined>(
    (best, day) => (best === undefined || day.count > best.count ? day : best),
    undefined,
  );
  const range = { first: first ? longDay.format(calendarDate(first)) : "", last: last ? longDay.format(calendarDate(last)) : "" };
  const perDayDescription =
    peak && daysTotal > 0
      ? t("perDay.description", {
          ...range,
          total: daysTotal,
          peak: longDay.format(calendarDate(peak.day)),
          peakCount: formatNumber(peak.count),
        })
      : t("perDay.descriptionEmpty", range);
  const perDayNotes = [
    t("perDay.zone", { zone: `${zone} (${timeZone})` }),
    ...(counted.length < statistics.perDay.length ? [t("perDay.toCome")] : []),
    ...(statistics.beforeFirstDay > 0 ? [t("perDay.beforeFirstDay", { count: statistics.beforeFirstDay, first: range.first })] : []),
    ...(statistics.afterDeadline > 0 ? [t("perDay.afterDeadline", { count: statistics.afterDeadline })] : []),
  ];

  // By category: the meeting's eligible categories and any other that has registrations, in ITU's order.
  const categoryCounts = new Map(statistics.byCategory.map((item) => [item.key, item.count]));
  const byCategory = PARTICIPANT_CATEGORIES.filter((category) => categories.includes(category) || categoryCounts.has(category)).map(
    (category) => ({ label: categoryLabel(category), value: categoryCounts.get(category) ?? 0 }),
  );

  // By region.
  const byRegion = statistics.byRegion.map((item) => ({
    label: item.key === "other" ? t("byRegion.other") : regionName(item.key, language),
    value: item.count,
  }));

  // Attendance per session.
  const sessions = attendance.map((session) => ({
    label: sessionTime.formatRange(session.startsAt, session.endsAt),
    value: session.attended,
  }));

  return (
    <section aria-labelledby="charts-heading" id="charts">
      <span className="caption">{caption}</span>
      <h1 id="charts-heading">{t("heading")}</h1>
      <p>{t("intro")}</p>
      <ColumnChart
        id="chart-days"
        title={t("perDay.title")}
        description={perDayDescription}
        showTable={t("showTable")}
        direction={direction}
        data={days}
        formatNumber={formatNumber}
        labelHeader={t("perDay.day")}
        valueHeader={t("registrations")}
        notes={perDayNotes}
      />
      <BarChart
        id="chart-categories"
        title={t("byCategory.title")}
        description={barsDescription(byCategory, "registrationsItem")}
        showTable={t("showTable")}
        direction={direction}
        data={byCategory}
        formatNumber={formatNumber}
        labelHeader={t("byCategory.label")}
        valueHeader={t("registrations")}
      />
      <BarChart
        id="chart-regions"
        title={t("byRegion.title")}
        description={barsDescription(byRegion, "registrationsItem")}
        showTable={t("showTable")}
        direction={direction}
        data={byRegion}
        formatNumber={formatNumber}
        labelHeader={t("byRegion.label")}
        valueHeader={t("registrations")}
        notes={[t("byRegion.source")]}
      />
      <BarChart
        id="chart-attendance"
        title={t("attendance.title")}
        description={barsDescription(sessions, "attendanceItem")}
        showTable={t("showTable")}
        direction={direction}
        data={sessions}
        formatNumber={formatNumber}
        labelHeader={t("attendance.session")}
        valueHeader={t("attendance.attended")}
        notes={[t("attendance.note"), t("attendance.zone", { zone: `${zone} (${timeZone})` })]}
      />
    </section>
  );
}
