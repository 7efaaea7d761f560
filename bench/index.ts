/**
 * `npm run bench -- [name …]`: runs the named benchmarks (all when none is named); each prints
 * one JSON line of figures.
 */
import { benchBackend } from "./backend.ts";
import { benchImport } from "./import.ts";
import { benchScale } from "./scale.ts";
import { benchSend } from "./send.ts";
import { benchUi } from "./ui.ts";

const benches: Record<string, () => Promise<Record<string, unknown>>> = {
  backend: benchBackend,
  import: benchImport,
  scale: benchScale,
  send: benchSend,
  ui: benchUi,
};

const names = process.argv.slice(2).filter((a) => !a.startsWith("-"));
for (const name of names) {
  if (!(name in benches)) {
    console.error(`Unknown benchmark "${name}". Known: ${Object.keys(benches).join(", ")}`);
    process.exit(2);
  }
}
for (const name of names.length > 0 ? names : Object.keys(benches)) {
  const figures = await benches[name]();
  console.log(JSON.stringify({ bench: name, ...figures }));
}
process.exit(0);
