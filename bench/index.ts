/**
 * `npm run bench -- [name …]`: runs the named benchmarks (all when none is named), in order. Each
 * prints its one JSON line of figures on stdout as it finishes; at the end a table of every figure
 * against its target (`results.ts`), and `bench/results.json` is written: the benches run now
 * replace their entries, the others keep their last results (with their own date). Exits 1 when
 * a bench misses a target or fails, 2 for an unknown name.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { benchBackend } from "./backend.ts";
import { benchBadInput } from "./bad-input.ts";
import { benchFaults } from "./faults.ts";
import { benchImport } from "./import.ts";
import { benchLoad } from "./load.ts";
import { machine, merge, result, table, type BenchResult, type ResultsFile } from "./results.ts";
import { benchScale } from "./scale.ts";
import { benchSend } from "./send.ts";
import { benchUi } from "./ui.ts";

const benches: Record<string, () => Promise<Record<string, unknown>>> = {
  backend: benchBackend,
  scale: benchScale,
  import: benchImport,
  send: benchSend,
  ui: benchUi,
  load: benchLoad,
  faults: benchFaults,
  badinput: benchBadInput,
};

const RESULTS = path.join(import.meta.dirname, "results.json");

const names = process.argv.slice(2).filter((a) => !a.startsWith("-"));
for (const name of names) {
  if (!(name in benches)) {
    console.error(`Unknown benchmark "${name}". Known: ${Object.keys(benches).join(", ")}`);
    process.exit(2);
  }
}
const started = performance.now();
const fresh: Record<string, BenchResult> = {};
for (const name of names.length > 0 ? names : Object.keys(benches)) {
  const t0 = performance.now();
  try {
    const figures = await benches[name]();
    console.log(JSON.stringify({ bench: name, ...figures }));
    fresh[name] = result(name, figures, (performance.now() - t0) / 1000);
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    console.error(`The ${name} benchmark failed:\n${message}`);
    fresh[name] = result(name, {}, (performance.now() - t0) / 1000, message);
  }
}
const previous = existsSync(RESULTS) ? (JSON.parse(readFileSync(RESULTS, "utf8")) as ResultsFile) : null;
writeFileSync(RESULTS, JSON.stringify(merge(previous, fresh, machine()), null, 2) + "\n");
console.log(`\n${table(fresh)}`);
console.log(`${Math.round((performance.now() - started) / 1000)} s in all; results in bench/results.json`);
process.exit(Object.values(fresh).every((r) => r.pass) ? 0 : 1);
