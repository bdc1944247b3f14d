// Columns over days drawn on the server, earliest first in the reading direction (right to left in
// Arabic); a day still to come has no column. Each column carries its value when there is room.
import { CHART_COLOURS } from "@/components/admin/charts/bar-chart.tsx";
import { ChartFrame, type ChartTable } from "@/components/admin/charts/chart-frame.tsx";
import { columns } from "@/components/admin/charts/geometry.ts";

const WIDTH = 720;
const HEIGHT = 280;
const FONT_SIZE = 14;

type Props = {
  id: string;
  title: string;
  description: string;
  showTable: string;
  direction: "ltr" | "rtl";
  /** Short labels under the columns ("3 Mar"), long ones in the table ("Wed 3 March 2027"). */
  data: ReadonlyArray<{ shortLabel: string; label: string; value: number | null }>;
  formatNumber: (value: number) => string;
  labelHeader: string;
  valueHeader: string;
  notes?: readonly string[];
};

export function ColumnChart({ id, title, description, showTable, direction, data, formatNumber, labelHeader, valueHeader, notes }: Props) {
  const chart = columns({ values: data.map((datum) => datum.value), width: WIDTH, height: HEIGHT, direction, fontSize: FONT_SIZE });
  const bottom = chart.plot.y + chart.plot.height;
  const table: ChartTable = {
    labelHeader,
    valueHeader,
    rows: data.flatMap((datum) => (datum.value === null ? [] : [{ label: datum.label, value: formatNumber(datum.value) }])),
  };
  return (
    <ChartFrame
      id={id}
      title={title}
      description={description}
      showTable={showTable}
      width={WIDTH}
      height={HEIGHT}
      direction={direction}
      table={table}
      notes={notes}
    >
      <g fontSize={FONT_SIZE} fill={CHART_COLOURS.text}>
        {chart.ticks.map((tick) => (
          <g key={tick.value}>
            <line
              x1={chart.plot.x}
              x2={chart.plot.x + chart.plot.width}
              y1={tick.y}
              y2={tick.y}
              stroke={CHART_COLOURS.grid}
              strokeWidth={1}
            />
            <text x={chart.tickLabelX} y={tick.y} textAnchor="end" dominantBaseline="central">
              {formatNumber(tick.value)}
            </text>
          </g>
        ))}
        {chart.columns.map((column, index) => {
          const datum = data[index];
          return (
            <g key={datum?.label}>
              {column.bar && (
                <rect
                  className="chart-bar"
                  x={column.bar.x}
                  y={column.bar.y}
                  width={column.bar.width}
                  height={column.bar.height}
                  fill={CHART_COLOURS.bar}
                />
              )}
              {column.valueLabel && column.bar && datum?.value !== null && datum?.value !== undefined && (
                <text x={column.centerX} y={column.bar.y - 4} textAnchor="middle" fontSize={FONT_SIZE * 0.85}>
                  {formatNumber(datum.value)}
                </text>
              )}
              {column.labelled && (
                <>
                  <line x1={column.centerX} x2={column.centerX} y1={bottom} y2={bottom + 5} stroke={CHART_COLOURS.text} strokeWidth={1} />
                  <text x={column.centerX} y={bottom + FONT_SIZE * 1.5} textAnchor="middle">
                    {datum?.shortLabel}
                  </text>
                </>
              )}
            </g>
          );
        })}
        <line x1={chart.plot.x} x2={chart.plot.x + chart.plot.width} y1={bottom} y2={bottom} stroke={CHART_COLOURS.text} strokeWidth={1} />
      </g>
    </ChartFrame>
  );
}
