// Result rows, their ratio to the bare-Node baseline of the same run, and the Markdown table.
// The issue asks for every figure beside that ratio: a rate is shown as a share of bare Node's
// requests/s, a time as a multiple of bare Node's latency at the same (or the stated) percentile.
// Sizes and counts have no bare-Node counterpart and say so.
import type { LatencySummary } from "./stats.ts";

export type Baseline = { requestsPerSecond: number; latency: LatencySummary };

export type Comparison =
  | { kind: "baseline" }
  | { kind: "rate" }
  | { kind: "time"; percentile: "p50" | "p95" | "p99" }
  | { kind: "none"; why: string };

export type Target = { text: string; met: boolean };

export type ResultRow = {
  phase: string;
  metric: string;
  value: number | null;
  unit: "req/s" | "registrations/s" | "MB/s" | "ms" | "s" | "count" | "bytes" | "kB" | "MB" | "rows";
  compare: Comparison;
  target?: Target;
  note?: string;
};

export type ComputedRow = ResultRow & { ratio: number | null; ratioText: string; valueText: string };

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return value.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

function formatValue(row: ResultRow): string {
  if (row.value === null) return "—";
  return row.unit === "count" ? formatNumber(row.value) : `${formatNumber(row.value)} ${row.unit}`;
}

export function compareToBaseline(row: ResultRow, baseline: Baseline | null): { ratio: number | null; ratioText: string } {
  if (row.compare.kind === "none") return { ratio: null, ratioText: `n/a (${row.compare.why})` };
  if (row.compare.kind === "baseline") return { ratio: 1, ratioText: "1 (the baseline)" };
  if (!baseline || row.value === null || !Number.isFinite(row.value)) return { ratio: null, ratioText: "n/a (no measurement)" };
  if (row.compare.kind === "rate") {
    const ratio = row.value / baseline.requestsPerSecond;
    return { ratio, ratioText: `${formatNumber(ratio * 100)} % of bare node` };
  }
  const bareMs = baseline.latency[row.compare.percentile];
  const valueMs = row.unit === "s" ? row.value * 1000 : row.value;
  const ratio = valueMs / bareMs;
  return { ratio, ratioText: `×${formatNumber(ratio)} bare-node ${row.compare.percentile} (${formatNumber(bareMs)} ms)` };
}

export function computeRows(rows: ResultRow[], baseline: Baseline | null): ComputedRow[] {
  return rows.map((row) => ({ ...row, ...compareToBaseline(row, baseline), valueText: formatValue(row) }));
}

const escapeCell = (text: string) => text.replaceAll("|", "\\|").replaceAll("\n", " ");

export function markdownTable(rows: ComputedRow[]): string {
  const lines = ["| Phase | Metric | Value | vs bare Node (same run) | Target | Met |", "| --- | --- | ---: | --- | --- | --- |"];
  for (const row of rows) {
    const met = row.target ? (row.target.met ? "yes" : "**NO**") : "";
    const metric = row.note ? `${row.metric} (${row.note})` : row.metric;
    lines.push(
      `| ${escapeCell(row.phase)} | ${escapeCell(metric)} | ${escapeCell(row.valueText)} | ${escapeCell(row.ratioText)} | ${escapeCell(row.target?.text ?? "")} | ${met} |`,
    );
  }
  return lines.join("\n");
}

export type IssueTarget = { text: string; met: boolean | null; measured: string };

export function markdownReport(options: {
  title: string;
  environment: Record<string, string>;
  rows: ComputedRow[];
  targets: IssueTarget[];
  notes: string[];
}): string {
  const environment = Object.entries(options.environment).map(([key, value]) => `- ${key}: ${value}`);
  const targets = options.targets.map(
    (target) => `- ${target.text}: ${target.met === null ? "NOT MEASURED" : target.met ? "met" : "**NOT MET**"} (${target.measured})`,
  );
  const notes = options.notes.map((note) => `- ${note}`);
  return [
    `# ${options.title}`,
    "",
    ...environment,
    "",
    markdownTable(options.rows),
    "",
    "## Targets (from the issue)",
    "",
    ...targets,
    "",
    "## Notes",
    "",
    ...notes,
    "",
  ].join("\n");
}
