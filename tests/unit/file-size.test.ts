// A file's size as participants read it beside a download link.
import { describe, expect, it } from "vitest";
import { formatFileSize } from "@/lib/i18n/format.ts";

describe("formatFileSize", () => {
  it.each([
    [0, "en", "1 kB"],
    [300, "en", "1 kB"],
    [200 * 1024, "en", "200 kB"],
    [1024 * 1024, "en", "1 MB"],
    [Math.round(2.46 * 1024 * 1024), "en", "2.5 MB"],
    [25 * 1024 * 1024, "fr", "25 Mo"],
    [Math.round(1.5 * 1024 * 1024), "ru", "1,5 МБ"],
  ])("%i bytes in %s read %s (never 0 MB for a small file)", (bytes, locale, expected) => {
    expect(formatFileSize(bytes, locale).replaceAll(/\s/g, " ")).toBe(expected);
  });
});
