// "3 days 4 hours" style durations for deadlines, through Intl so they translate.

export function formatTimeLeft(milliseconds: number, locale: string): string {
  const minutes = Math.floor(milliseconds / 60_000);
  const days = Math.floor(minutes / (24 * 60));
  const hours = Math.floor((minutes % (24 * 60)) / 60);
  const format = (value: number, unit: "day" | "hour" | "minute") =>
    new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "long" }).format(value);
  if (days > 0) return `${format(days, "day")} ${format(hours, "hour")}`;
  if (hours > 0) return `${format(hours, "hour")} ${format(minutes % 60, "minute")}`;
  return format(Math.max(0, minutes), "minute");
}
