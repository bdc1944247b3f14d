// What every console chart shares: a heading, the SVG as one image with a title and a description
// in words (role="img": screen readers read those, not the drawing's pieces), notes, and the data as
// a table in a <details> anyone can open. A visible table and not a visually hidden one: people who
// cannot read the bars without being screen-reader users (low vision, colour vision deficiency,
// zoom, cognitive load) need the numbers too, and GOV.UK's charts offer the same switch to a table
// (docs/decisions/0011-console-charts.md).
import type { ReactNode } from "react";

export type ChartTable = {
  labelHeader: string;
  valueHeader: string;
  rows: Array<{ label: string; value: string }>;
};

type Props = {
  id: string;
  title: string;
  description: string;
  showTable: string;
  width: number;
  height: number;
  direction: "ltr" | "rtl";
  table: ChartTable;
  notes?: readonly string[];
  children: ReactNode;
};

export function ChartFrame({ id, title, description, showTable, width, height, direction, table, notes = [], children }: Props) {
  return (
    <section className="chart" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{title}</h3>
      <svg
        role="img"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-desc`}
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
        direction={direction}
        className="chart-drawing"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {children}
      </svg>
      {notes.map((note) => (
        <p key={note} className="hint">
          {note}
        </p>
      ))}
      <details className="chart-data">
        <summary>{showTable}</summary>
        <div className="table-wrapper">
          <table className="table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{table.labelHeader}</th>
                <th scope="col" className="numeric">
                  {table.valueHeader}
                </th>
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row) => (
                <tr key={row.label}>
                  <th scope="row">{row.label}</th>
                  <td className="numeric">{row.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
