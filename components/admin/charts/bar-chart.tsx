// Horizontal bars drawn on the server: one per label, the value written beside each bar (so no
// colour or length has to be read), the labels on the reading side (the right in Arabic).
import { horizontalBars } from "@/components/admin/charts/geometry.ts";
import { ChartFrame, type ChartTable } from "@/components/admin/charts/chart-frame.tsx";

export const CHART_COLOURS = {
  /** GOV.UK blue: 5.2:1 on white, above the 3:1 WCAG 1.4.11 asks of graphics. */
  bar: "#1d70b8",
  text: "#0b0c0c",
  grid: "#b1b4b6",
} as const;

const WIDTH = 720;
const FONT_SIZE = 14;

type Props = {
  id: string;
  title: string;
  description: string;
  showTable: string;
  direction: "ltr" | "rtl";
  data: ReadonlyArray<{ label: string; value: number }>;
  formatNumber: (value: number) => string;
  labelHeader: string;
  valueHeader: string;
  notes?: readonly string[];
};

export function BarChart({ id, title, description, showTable, direction, data, formatNumber, labelHeader, valueHeader, notes }: Props) {
  const chart = horizontalBars({
    labels: data.map((datum) => datum.label),
    values: data.map((datum) => datum.value),
    width: WIDTH,
    direction,
    fontSize: FONT_SIZE,
  });
  const table: ChartTable = {
    labelHeader,
    valueHeader,
    rows: data.map((datum) => ({ label: datum.label, value: formatNumber(datum.value) })),
  };
  const axisY = chart.height - FONT_SIZE * 2;
  return (
    <ChartFrame
      id={id}
      title={title}
      description={description}
      showTable={showTable}
      width={chart.width}
      height={chart.height}
      direction={direction}
      table={table}
      notes={notes}
    >
      <g fontSize={FONT_SIZE} fill={CHART_COLOURS.text}>
        {chart.ticks.map((tick) => (
          <g key={tick.value}>
            <line x1={tick.x} x2={tick.x} y1={0} y2={axisY} stroke={CHART_COLOURS.grid} strokeWidth={1} />
            <text x={tick.x} y={axisY + FONT_SIZE * 1.3} textAnchor="middle">
              {formatNumber(tick.value)}
            </text>
          </g>
        ))}
        {chart.rows.map((row, index) => (
          <g key={data[index]?.label}>
            <rect
              className="chart-bar"
              x={row.bar.x}
              y={row.bar.y}
              width={row.bar.width}
              height={row.bar.height}
              fill={CHART_COLOURS.bar}
            />
            <text x={row.label.x} textAnchor="end" dominantBaseline="central">
              {row.label.lines.map((line) => (
                <tspan key={line.text} x={row.label.x} y={line.y}>
                  {line.text}
                </tspan>
              ))}
            </text>
            <text x={row.value.x} y={row.value.y} textAnchor="start" dominantBaseline="central" fontWeight={700}>
              {formatNumber(data[index]?.value ?? 0)}
            </text>
          </g>
        ))}
        <line
          x1={direction === "rtl" ? chart.plot.x + chart.plot.width : chart.plot.x}
          x2={direction === "rtl" ? chart.plot.x + chart.plot.width : chart.plot.x}
          y1={0}
          y2={axisY}
          stroke={CHART_COLOURS.text}
          strokeWidth={1}
        />
      </g>
    </ChartFrame>
  );
}
