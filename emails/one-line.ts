/** Subjects and other header text must stay on one line whatever went into them. */
export function oneLine(text: string, maxLength = 250): string {
  const flat = text
    .replaceAll(/[\p{Cc}\u2028\u2029]+/gu, " ")
    // Runs of spaces become one; no-break spaces stay (French puts one before ":" and "?").
    .replaceAll(/[^\S\u00A0\u202F]+/g, " ")
    .trim();
  // Cut by code points, never through the middle of an emoji's surrogate pair.
  return Array.from(flat).slice(0, maxLength).join("");
}

/**
 * A value put into a translated sentence, isolated from the sentence's direction (Unicode FSI …
 * PDI): a Latin title or address inside Arabic text, or an Arabic name inside English, keeps its
 * own order and does not pull the punctuation around it. Invisible in both HTML and plain text.
 */
export function isolated(value: string): string {
  return `\u2068${value}\u2069`;
}
