// Chart geometry, pure: scales, axis ticks, bar and column boxes, label wrapping, and the mirror
// image for right-to-left pages. The SVG components in this folder draw what these return; the
// numbers are in the SVG's own units (its viewBox), so the drawing scales with the page.

export type Direction = "ltr" | "rtl";
export type Box = { x: number; y: number; width: number; height: number };

/**
 * Round axis values from 0 to at least `max`, about `target` steps apart: steps of 1, 2 or 5 × 10ⁿ,
 * never below 1 (the charts count people). An empty chart still gets an axis from 0 to 1.
 */
export function niceTicks(max: number, target = 5): number[] {
  const top = Math.max(max, 1);
  const rough = top / Math.max(target, 1);
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(1, [1, 2, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= rough) ?? 10 * magnitude);
  const ticks: number[] = [];
  for (let value = 0; value < top + step; value += step) {
    ticks.push(value);
    if (value >= top) break;
  }
  return ticks;
}

/** A linear scale from [0, domainMax] onto [0, length]; values outside are clamped. */
export function linearScale(domainMax: number, length: number): (value: number) => number {
  if (domainMax <= 0) return () => 0;
  return (value) => (Math.min(Math.max(value, 0), domainMax) / domainMax) * length;
}

/** The x of a box of `width` at `x`, seen in a mirror `total` wide (left becomes right). */
export function mirrorX(x: number, width: number, total: number): number {
  return total - x - width;
}

/** A rough width of `text` in a sans-serif font of `fontSize`: wide (CJK, Hangul, full-width) characters count 1 em, others 0.6 em. */
export function estimateTextWidth(text: string, fontSize: number): number {
  let ems = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    ems +=
      (code >= 0x1100 && code <= 0x11ff) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xff00 && code <= 0xff60)
        ? 1
        : 0.6;
  }
  return ems * fontSize;
}

/**
 * `text` broken into at most `maxLines` lines no wider than `maxWidth`: at spaces, or between any
 * two characters in a script written without spaces (Chinese). A last line that does not fit ends in "…".
 */
export function wrapLabel(text: string, maxWidth: number, fontSize: number, maxLines = 2): string[] {
  const words = /\s/.test(text.trim()) ? text.trim().split(/\s+/) : [...text.trim()];
  const joiner = /\s/.test(text.trim()) ? " " : "";
  const lines: string[] = [];
  let line = "";
  for (const word of words) {
    const candidate = line === "" ? word : `${line}${joiner}${word}`;
    if (line !== "" && estimateTextWidth(candidate, fontSize) > maxWidth) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line !== "") lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = `${kept[maxLines - 1]}${joiner}${lines.slice(maxLines).join(joiner)}`;
  while (last.length > 1 && estimateTextWidth(`${last}…`, fontSize) > maxWidth) last = [...last].slice(0, -1).join("");
  kept[maxLines - 1] = `${last.trimEnd()}…`;
  return kept;
}

export type HorizontalBarsInput = {
  labels: readonly string[];
  values: readonly number[];
  width: number;
  direction: Direction;
  fontSize?: number;
};

export type HorizontalBars = {
  width: number;
  height: number;
  /** Where the bars grow from (x of the value 0) and how long the longest could be. */
  plot: Box;
  ticks: Array<{ value: number; x: number }>;
  rows: Array<{
    bar: Box;
    /** Label lines, right-aligned against the plot in left-to-right (left-aligned in right-to-left). */
    label: { x: number; lines: Array<{ text: string; y: number }> };
    /** Where the value is written: just past the bar's end. */
    value: { x: number; y: number };
  }>;
};

const LINE_HEIGHT = 1.25;

/**
 * Horizontal bars, one per label: labels on the reading side (left, or right in right-to-left),
 * bars growing away from them, the value written past each bar's end, ticks along the bottom.
 */
export function horizontalBars({ labels, values, width, direction, fontSize = 14 }: HorizontalBarsInput): HorizontalBars {
  const gap = 8;
  const valueRoom = estimateTextWidth("000 000", fontSize) + gap;
  const longest = Math.max(0, ...labels.map((label) => estimateTextWidth(label, fontSize)));
  // The estimate can fall short of a font's real widths: 5 % and a few units more keep the label
  // off the edge.
  const labelWidth = Math.min(Math.ceil(longest * 1.05) + gap + 4, Math.floor(width * 0.45));
  const wrapped = labels.map((label) => wrapLabel(label, labelWidth - gap, fontSize));
  const line = fontSize * LINE_HEIGHT;
  const rowHeights = wrapped.map((lines) => Math.max(2 * fontSize, lines.length * line) + 12);
  const axisHeight = fontSize * 2;
  const plotHeight = rowHeights.reduce((sum, height) => sum + height, 0);
  const plot: Box = { x: labelWidth, y: 0, width: Math.max(width - labelWidth - valueRoom, 10), height: plotHeight };
  const ticks = niceTicks(Math.max(0, ...values));
  const scale = linearScale(ticks.at(-1) ?? 1, plot.width);
  const place = (x: number, boxWidth: number) => (direction === "rtl" ? mirrorX(x, boxWidth, width) : x);
  let top = 0;
  const rows = wrapped.map((lines, index) => {
    const rowHeight = rowHeights[index] ?? 0;
    const barHeight = Math.min(rowHeight - 12, 2 * fontSize);
    const length = scale(values[index] ?? 0);
    const middle = top + rowHeight / 2;
    const bar = { x: place(plot.x, length), y: middle - barHeight / 2, width: length, height: barHeight };
    const firstLine = middle - ((lines.length - 1) * line) / 2;
    const row = {
      bar,
      label: { x: place(plot.x - gap, 0), lines: lines.map((text, lineIndex) => ({ text, y: firstLine + lineIndex * line })) },
      value: { x: place(plot.x + length + gap / 2, 0), y: middle },
    };
    top += rowHeight;
    return row;
  });
  return {
    width,
    height: plotHeight + axisHeight,
    plot: { ...plot, x: place(plot.x, plot.width) },
    ticks: ticks.map((value) => ({ value, x: place(plot.x + scale(value), 0) })),
    rows,
  };
}

export type ColumnsInput = {
  /** One per column, in reading order; null draws no column (a day still to come). */
  values: ReadonlyArray<number | null>;
  width: number;
  height: number;
  direction: Direction;
  fontSize?: number;
};

export type Columns = {
  width: number;
  height: number;
  plot: Box;
  ticks: Array<{ value: number; y: number }>;
  /** x of the value axis labels (right-aligned in left-to-right). */
  tickLabelX: number;
  columns: Array<{ bar: Box | null; centerX: number; labelled: boolean; valueLabel: boolean }>;
};

/**
 * Columns over a category axis (days), earliest first in the reading direction (right to left in
 * Arabic), the value axis on the reading side. Not every column can carry its label: every k-th
 * does, counted back from the last (the deadline's day is always labelled).
 */
export function columns({ values, width, height, direction, fontSize = 14 }: ColumnsInput): Columns {
  const ticks = niceTicks(Math.max(0, ...values.map((value) => value ?? 0)));
  const axisWidth = estimateTextWidth(String(ticks.at(-1) ?? 0), fontSize) + 16;
  const labelHeight = fontSize * 2.5;
  const plot: Box = { x: axisWidth, y: fontSize * 1.5, width: width - axisWidth - 4, height: height - labelHeight - fontSize * 1.5 };
  const scale = linearScale(ticks.at(-1) ?? 1, plot.height);
  const count = Math.max(values.length, 1);
  const band = plot.width / count;
  const barWidth = Math.max(band * 0.7, 1);
  const every = Math.max(1, Math.ceil((fontSize * 4.5) / band));
  const valueLabels = band >= estimateTextWidth("000", fontSize * 0.85) + 4;
  const place = (x: number, boxWidth: number) => (direction === "rtl" ? mirrorX(x, boxWidth, width) : x);
  const bottom = plot.y + plot.height;
  return {
    width,
    height,
    plot: { ...plot, x: place(plot.x, plot.width) },
    ticks: ticks.map((value) => ({ value, y: bottom - scale(value) })),
    tickLabelX: place(plot.x - 8, 0),
    columns: values.map((value, index) => {
      const left = plot.x + index * band + (band - barWidth) / 2;
      const barHeight = value === null ? 0 : scale(value);
      return {
        bar: value === null ? null : { x: place(left, barWidth), y: bottom - barHeight, width: barWidth, height: barHeight },
        centerX: place(left + barWidth / 2, 0),
        labelled: (values.length - 1 - index) % every === 0,
        valueLabel: valueLabels && value !== null,
      };
    }),
  };
}
