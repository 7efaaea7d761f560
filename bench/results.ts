/**
 * `bench/results.json` and the table `npm run bench` prints: each benchmark's figures checked
 * against its targets (`TARGETS` below, one place for every bench), the machine they were measured
 * on, and whether everything passed. A bench's own `pass` (its correctness verdicts: nothing lost,
 * nothing sent twice, …) counts as a target too, so a wrong result fails the run even when every
 * timing is fine.
 */
import os from "node:os";

/** "aim": a figure reported against what we aim for, which does not fail the run (the issue sets no target). */
export type Op = "<=" | ">=" | "==" | "aim <=";
export interface Target {
  figure: string;
  op: Op;
  value: number | boolean;
  unit?: string;
}

/** What each bench must reach. Figures are top-level keys of the bench's JSON line. */
export const TARGETS: Record<string, Target[]> = {
  backend: [
    { figure: "p95_ms_100k", op: "<=", value: 20, unit: "ms" },
    { figure: "p95_ratio_100k_to_1k", op: "<=", value: 2 },
    { figure: "restart_ms_100k", op: "<=", value: 5000, unit: "ms" },
  ],
  scale: [
    { figure: "worstRatio", op: "<=", value: 1.1 },
    { figure: "withinLimits", op: "==", value: true },
  ],
  import: [
    { figure: "total_s", op: "<=", value: 60, unit: "s" },
    { figure: "stored", op: "==", value: true },
  ],
  send: [
    { figure: "achieved_over_limit", op: ">=", value: 0.95 },
    { figure: "max_in_any_1s_window", op: "<=", value: 200, unit: "texts" },
    { figure: "duplicates", op: "==", value: 0 },
    { figure: "all_final_with_reasons", op: "==", value: true },
  ],
  ui: [
    { figure: "inbound_to_row_p95_ms", op: "<=", value: 250, unit: "ms" },
    { figure: "campaign_view_js_gzip_kb", op: "<=", value: 250, unit: "KB" },
  ],
  load: [
    { figure: "texts_lost", op: "==", value: 0 },
    { figure: "texts_duplicated", op: "==", value: 0 },
    { figure: "agents_converged", op: "==", value: true },
    { figure: "converge_after_last_text_s", op: "<=", value: 60, unit: "s" },
    { figure: "propagation_p95_ms", op: "aim <=", value: 2000, unit: "ms" },
  ],
  faults: [
    { figure: "kill_duplicate_sends", op: "==", value: 0 },
    { figure: "kill_missing_sends", op: "==", value: 0 },
    { figure: "kill_inbound_lost", op: "==", value: 0 },
    { figure: "outage_duplicate_sends", op: "==", value: 0 },
    { figure: "outage_missing_sends", op: "==", value: 0 },
    { figure: "replay_rows_differing", op: "==", value: 0 },
  ],
  badinput: [
    { figure: "webhook_unclear_answers", op: "==", value: 0 },
    { figure: "webhook_rows_stored", op: "==", value: 0 },
    { figure: "csv_unexplained_rows", op: "==", value: 0 },
    { figure: "csv_crashes", op: "==", value: 0 },
    { figure: "batches_accepted", op: "==", value: 0 },
    { figure: "batches_unclear_errors", op: "==", value: 0 },
    { figure: "batch_rows_stored", op: "==", value: 0 },
    { figure: "cli_crashes", op: "==", value: 0 },
    { figure: "backend_answers", op: "==", value: true },
  ],
};

export interface Check {
  figure: string;
  op: Op;
  target: number | boolean;
  value: unknown;
  unit?: string;
  pass: boolean;
}

export interface BenchResult {
  date: string;
  seconds: number;
  figures: Record<string, unknown>;
  checks: Check[];
  pass: boolean;
  error?: string;
}

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  loadAverage: number[];
  node: string;
  platform: string;
}

export interface ResultsFile {
  machine: Machine;
  date: string;
  benches: Record<string, BenchResult & { machine?: Machine }>;
}

export function machine(): Machine {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

function holds(value: unknown, op: Op, target: number | boolean): boolean {
  if (op === "aim <=") return true;
  if (op === "==") return value === target;
  if (typeof value !== "number" || Number.isNaN(value) || typeof target !== "number") return false;
  return op === "<=" ? value <= target : value >= target;
}

/** The bench's figures against its targets, plus its own `pass` verdict when it gives one. */
export function check(name: string, figures: Record<string, unknown>): Check[] {
  const checks: Check[] = (TARGETS[name] ?? []).map((t) => ({
    figure: t.figure,
    op: t.op,
    target: t.value,
    value: figures[t.figure] ?? null,
    ...(t.unit ? { unit: t.unit } : {}),
    pass: holds(figures[t.figure], t.op, t.value),
  }));
  if ("pass" in figures)
    checks.push({ figure: "pass", op: "==", target: true, value: figures.pass, pass: figures.pass === true });
  return checks;
}

export function result(name: string, figures: Record<string, unknown>, seconds: number, error?: string): BenchResult {
  const checks = error ? [] : check(name, figures);
  return {
    date: new Date().toISOString(),
    seconds: Math.round(seconds * 10) / 10,
    figures,
    checks,
    pass: !error && checks.every((c) => c.pass),
    ...(error ? { error } : {}),
  };
}

/**
 * The new results over the previous file's: benches run now replace theirs, the others stay as
 * they were (each keeps its own date and, when it differs, the machine it ran on).
 */
export function merge(previous: ResultsFile | null, fresh: Record<string, BenchResult>, now: Machine): ResultsFile {
  const benches: ResultsFile["benches"] = {};
  for (const [name, old] of Object.entries(previous?.benches ?? {}))
    benches[name] = { ...old, machine: old.machine ?? previous?.machine };
  for (const [name, r] of Object.entries(fresh)) benches[name] = r;
  return { machine: now, date: new Date().toISOString(), benches };
}

const show = (v: unknown) => (typeof v === "number" ? String(Math.round(v * 1000) / 1000) : JSON.stringify(v));

/** A plain-text table: one line per target, then a total line. */
export function table(results: Record<string, BenchResult>): string {
  const rows: string[][] = [["bench", "figure", "value", "target", "ok"]];
  for (const [name, r] of Object.entries(results)) {
    if (r.error) rows.push([name, "error", r.error.split("\n")[0].slice(0, 60), "", "FAIL"]);
    for (const c of r.checks)
      rows.push([
        name,
        c.figure,
        `${show(c.value)}${c.unit ? ` ${c.unit}` : ""}`,
        `${c.op} ${show(c.target)}`,
        c.op === "aim <="
          ? typeof c.value === "number" && c.value <= (c.target as number)
            ? "ok"
            : "above aim"
          : c.pass
            ? "ok"
            : "FAIL",
      ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) =>
    r
      .map((cell, i) => cell.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  const failed = Object.values(results).filter((r) => !r.pass).length;
  const total = Object.keys(results).length;
  return [
    line(rows[0]),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.slice(1).map(line),
    "",
    `${total - failed} of ${total} benches met every target`,
  ].join("\n");
}
