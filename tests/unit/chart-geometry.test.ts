// The console charts' geometry (components/admin/charts/geometry.ts): axis ticks, scales, label
// wrapping, bar and column boxes, and their mirror image on right-to-left pages.
import { describe, expect, it } from "vitest";
import {
  columns,
  estimateTextWidth,
  horizontalBars,
  linearScale,
  mirrorX,
  niceTicks,
  wrapLabel,
} from "@/components/admin/charts/geometry.ts";

describe("niceTicks", () => {
  it("steps by 1, 2 or 5 × 10ⁿ from 0 to at least the maximum", () => {
    expect(niceTicks(10)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(niceTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(95)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(100_000)).toEqual([0, 20_000, 40_000, 60_000, 80_000, 100_000]);
    expect(niceTicks(1234)).toEqual([0, 500, 1000, 1500]);
  });

  it("never steps by less than one person, and draws an axis to 1 for an empty chart", () => {
    expect(niceTicks(3)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(-5)).toEqual([0, 1]);
  });
});

describe("linearScale", () => {
  it("maps 0..max onto 0..length and clamps outside values", () => {
    const scale = linearScale(200, 400);
    expect(scale(0)).toBe(0);
    expect(scale(50)).toBe(100);
    expect(scale(200)).toBe(400);
    expect(scale(500)).toBe(400);
    expect(scale(-1)).toBe(0);
    expect(linearScale(0, 400)(10)).toBe(0);
  });
});

describe("mirrorX", () => {
  it("puts a box as far from the right edge as it was from the left", () => {
    expect(mirrorX(10, 30, 100)).toBe(60);
    expect(mirrorX(mirrorX(10, 30, 100), 30, 100)).toBe(10);
  });
});

describe("labels", () => {
  it("counts Chinese characters as wider than Latin letters", () => {
    expect(estimateTextWidth("亚洲", 10)).toBe(20);
    expect(estimateTextWidth("Asia", 10)).toBe(24);
  });

  it("wraps at spaces, or between characters in Chinese, and shortens what does not fit in two lines", () => {
    expect(wrapLabel("Individual from an ITU member country", 150, 10)).toEqual(["Individual from an ITU", "member country"]);
    expect(wrapLabel("国际电联成员国的主管部门", 60, 10)).toEqual(["国际电联成员", "国的主管部门"]);
    const long = wrapLabel("one two three four five six seven eight nine ten", 60, 10);
    expect(long).toHaveLength(2);
    expect(long[1]?.endsWith("…")).toBe(true);
    expect(wrapLabel("Europe", 200, 10)).toEqual(["Europe"]);
  });
});

describe("horizontalBars", () => {
  const input = { labels: ["Africa", "Europe", "Oceania"], values: [10, 40, 0], width: 600 };

  it("draws bars in proportion from a common start, the longest to the top tick, the value past each end", () => {
    const chart = horizontalBars({ ...input, direction: "ltr" });
    const [africa, europe, oceania] = chart.rows;
    expect(chart.ticks.map((tick) => tick.value)).toEqual([0, 10, 20, 30, 40]);
    expect(europe?.bar.width).toBeCloseTo(chart.plot.width);
    expect(africa?.bar.width).toBeCloseTo(chart.plot.width / 4);
    expect(oceania?.bar.width).toBe(0);
    expect(new Set(chart.rows.map((row) => row.bar.x))).toEqual(new Set([chart.plot.x]));
    expect(africa?.value.x).toBeGreaterThan((africa?.bar.x ?? 0) + (africa?.bar.width ?? 0));
    expect(africa?.label.x).toBeLessThan(chart.plot.x);
    expect((europe?.bar.y ?? 0) > (africa?.bar.y ?? 0)).toBe(true);
    expect(chart.height).toBeGreaterThan((oceania?.bar.y ?? 0) + (oceania?.bar.height ?? 0));
  });

  it("mirrors the chart on right-to-left pages: labels on the right, bars growing leftwards", () => {
    const ltr = horizontalBars({ ...input, direction: "ltr" });
    const rtl = horizontalBars({ ...input, direction: "rtl" });
    rtl.rows.forEach((row, index) => {
      const mirrored = ltr.rows[index];
      expect(row.bar.x + row.bar.width).toBeCloseTo(600 - (mirrored?.bar.x ?? 0));
      expect(row.label.x).toBeCloseTo(600 - (mirrored?.label.x ?? 0));
      expect(row.value.x).toBeCloseTo(600 - (mirrored?.value.x ?? 0));
      expect(row.bar.y).toBe(mirrored?.bar.y);
    });
    expect(rtl.ticks.map((tick) => tick.x)).toEqual(ltr.ticks.map((tick) => 600 - tick.x));
  });

  it("gives a two-line label a taller row", () => {
    const chart = horizontalBars({
      labels: ["Administration of an ITU Member State, a rather long category name", "Academia"],
      values: [1, 1],
      width: 500,
      direction: "ltr",
    });
    expect(chart.rows[0]?.label.lines).toHaveLength(2);
    expect(chart.rows[1]?.label.lines).toHaveLength(1);
  });
});

describe("columns", () => {
  it("draws one column per day in order, none for days to come, heights in proportion", () => {
    const chart = columns({ values: [2, 4, 0, null], width: 400, height: 200, direction: "ltr" });
    const [first, second, third, fourth] = chart.columns;
    expect(chart.ticks.map((tick) => tick.value)).toEqual([0, 1, 2, 3, 4]);
    expect(second?.bar?.height).toBeCloseTo(chart.plot.height);
    expect(first?.bar?.height).toBeCloseTo(chart.plot.height / 2);
    expect(third?.bar?.height).toBe(0);
    expect(fourth?.bar).toBeNull();
    expect((first?.centerX ?? 0) < (second?.centerX ?? 0)).toBe(true);
    expect(first?.bar?.y).toBeCloseTo(chart.plot.y + chart.plot.height / 2);
    const topTick = chart.ticks.at(-1);
    expect(topTick?.y).toBeCloseTo(chart.plot.y);
  });

  it("labels every k-th day counted back from the deadline when the days are too many to label", () => {
    const chart = columns({ values: Array.from({ length: 60 }, () => 1), width: 600, height: 200, direction: "ltr" });
    const labelled = chart.columns.flatMap((column, index) => (column.labelled ? [index] : []));
    expect(labelled.at(-1)).toBe(59);
    expect(labelled.length).toBeLessThan(60);
    const steps = new Set(labelled.slice(1).map((index, i) => index - (labelled[i] ?? 0)));
    expect(steps.size).toBe(1);
    expect(chart.columns.every((column) => !column.valueLabel)).toBe(true);
    const few = columns({ values: [1, 2, 3], width: 600, height: 200, direction: "ltr" });
    expect(few.columns.every((column) => column.labelled && column.valueLabel)).toBe(true);
  });

  it("runs time from right to left on right-to-left pages, with the value axis on the right", () => {
    const ltr = columns({ values: [1, 2, 3], width: 400, height: 200, direction: "ltr" });
    const rtl = columns({ values: [1, 2, 3], width: 400, height: 200, direction: "rtl" });
    expect((rtl.columns[0]?.centerX ?? 0) > (rtl.columns[2]?.centerX ?? 0)).toBe(true);
    rtl.columns.forEach((column, index) => {
      expect(column.centerX).toBeCloseTo(400 - (ltr.columns[index]?.centerX ?? 0));
    });
    expect(rtl.tickLabelX).toBeCloseTo(400 - ltr.tickLabelX);
    expect(rtl.tickLabelX).toBeGreaterThan(rtl.plot.x + rtl.plot.width);
  });
});
