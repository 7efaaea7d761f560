/**
 * Micro-benchmark for the in-memory index engine (indexes.ts).
 *
 * Run: npx tsx local/convex/storage/indexes.bench.ts
 * Prints one JSON line. For 100k and 1M documents in a table with an index on
 * [channel, n] (plus the built-in by_creation_time and by_id), it times:
 * insert per doc, update per doc (n changes), delete per doc, a scan of an Eq
 * range taking 50 ids, compileRange per call and contains per call. Baselines
 * (a sorted array with binary search + splice; convex-test's filter-and-sort
 * per query) and a node-size sweep justify the B+tree and its node size.
 * Units are in the field names (us = microseconds, ns, ms, mb).
 */
import { compareValues, type Value } from "convex/values";
import { TableIndexes } from "./indexes.ts";
import { compareKeys, compileRange, type Doc, type Key, type RangeExpr } from "./index-keys.ts";
import { mulberry32 } from "../../random.ts";

const CHANNELS = 100;
const SCANS = 20_000;
const TAKE = 50;

const rng = mulberry32(12345);
const int = (n: number): number => Math.floor(rng() * n);

function makeDocs(n: number): Doc[] {
  const docs: Doc[] = [];
  for (let i = 0; i < n; i++) {
    const id = `${int(2 ** 30).toString(36)}${i.toString(36)}`; // random-looking, unique
    docs.push({ _id: id, _creationTime: 1.7e12 + i, channel: `ch${int(CHANNELS)}`, n: int(1_000_000), body: "x" });
  }
  return docs;
}

/** Microseconds per operation of `f` run `ops` times in total. */
function time(ops: number, f: () => void): number {
  const t0 = performance.now();
  f();
  return ((performance.now() - t0) * 1000) / ops;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

function shuffled<T>(xs: T[]): T[] {
  const out = xs.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = int(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function eqRange(channel: string): RangeExpr[] {
  return [{ type: "Eq", fieldPath: "channel", value: channel }];
}

function scanTake(t: TableIndexes, range: RangeExpr[], order: "asc" | "desc"): number {
  let got = 0;
  for (const _ of t.scan("by_channel_n", range, order)) if (++got === TAKE) break;
  return got;
}

function benchScans(t: TableIndexes): Record<string, number> {
  const ranges = Array.from({ length: SCANS }, () => eqRange(`ch${int(CHANNELS)}`));
  const bounded = ranges.map((r) => [
    ...r,
    { type: "Gte", fieldPath: "n", value: int(900_000) } as RangeExpr,
    { type: "Lt", fieldPath: "n", value: 1_000_000 } as RangeExpr,
  ]);
  let sink = 0;
  const eqAsc = time(SCANS, () => ranges.forEach((r) => (sink += scanTake(t, r, "asc"))));
  const eqDesc = time(SCANS, () => ranges.forEach((r) => (sink += scanTake(t, r, "desc"))));
  const eqBounds = time(SCANS, () => bounded.forEach((r) => (sink += scanTake(t, r, "asc"))));
  if (sink === 0) throw new Error("scans returned nothing");
  t.stats.nodesVisited = 0;
  scanTake(t, ranges[0], "asc");
  return {
    scan_eq_take50_asc_us: round(eqAsc),
    scan_eq_take50_desc_us: round(eqDesc),
    scan_eq_gte_lt_take50_us: round(eqBounds),
    scan_take50_nodes_visited: t.stats.nodesVisited,
  };
}

function benchContains(docs: Doc[], fields: string[]): Record<string, number> {
  const CALLS = 200_000;
  const ranges = Array.from({ length: 1000 }, () => [
    ...eqRange(`ch${int(CHANNELS)}`),
    { type: "Gt", fieldPath: "n", value: int(1_000_000) } as RangeExpr,
  ]);
  let compiled = ranges.map((r) => compileRange(fields, r));
  const compileUs = time(CALLS, () => {
    for (let i = 0; i < CALLS; i++) compiled[i % 1000] = compileRange(fields, ranges[i % 1000]);
  });
  const sample = Array.from({ length: 1000 }, () => docs[int(docs.length)]);
  let hits = 0;
  const containsUs = time(CALLS * 5, () => {
    for (let i = 0; i < CALLS * 5; i++) if (compiled[i % 1000].contains(sample[(i * 7) % 1000])) hits++;
  });
  compiled = [];
  return {
    compileRange_us: round(compileUs),
    contains_ns: round(containsUs * 1000),
    contains_hit_rate: round(hits / (CALLS * 5)),
  };
}

function benchWrites(n: number): Record<string, number> {
  const docs = makeDocs(n);
  const t = new TableIndexes([{ name: "by_channel_n", fields: ["channel", "n"] }], "messages");
  const heap0 = process.memoryUsage().heapUsed;
  const insertUs = time(n, () => docs.forEach((d) => t.apply(null, d)));
  const heapMb = (process.memoryUsage().heapUsed - heap0) / 2 ** 20;
  const scans = benchScans(t);
  const contains = benchContains(docs, t.fieldsOf("by_channel_n"));
  const victims = shuffled(docs).slice(0, Math.min(n, 100_000));
  const updated = victims.map((d) => ({ ...d, n: int(1_000_000) }));
  const updateUs = time(victims.length, () => victims.forEach((d, i) => t.apply(d, updated[i])));
  const deleteUs = time(victims.length, () => updated.forEach((d) => t.apply(d, null)));
  return {
    docs: n,
    insert_us_per_doc: round(insertUs),
    update_us_per_doc: round(updateUs),
    delete_us_per_doc: round(deleteUs),
    index_heap_mb: Math.round(heapMb),
    ...scans,
    ...contains,
  };
}

/** Baseline: one sorted array of keys with binary search + splice. */
function benchSortedArray(n: number): Record<string, number> {
  const keys: Key[] = makeDocs(n).map((d) => [d.channel, d.n, d._creationTime, d._id]);
  keys.sort(compareKeys);
  const extra: Key[] = makeDocs(2000).map((d) => [d.channel, d.n, d._creationTime + 1e9, d._id + "z"]);
  const insertUs = time(extra.length, () => {
    for (const k of extra) keys.splice(lowerBound(keys, k), 0, k);
  });
  const deleteUs = time(extra.length, () => {
    for (const k of extra) keys.splice(lowerBound(keys, k), 1);
  });
  return { docs: n, insert_us_per_key: round(insertUs), delete_us_per_key: round(deleteUs) };
}

function lowerBound(keys: Key[], key: Key): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareKeys(keys[mid], key) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** What convex-test does per query: filter every doc, sort the matches by the index key, take 50. */
function benchConvexTestStyle(n: number): Record<string, number> {
  const docs = makeDocs(n);
  const fields = ["channel", "n", "_creationTime", "_id"];
  const runs = n > 100_000 ? 2 : 10;
  const ms =
    time(runs, () => {
      for (let r = 0; r < runs; r++) {
        const ch = `ch${int(CHANNELS)}`;
        const hits = docs.filter((d) => compareValues(d.channel as Value, ch) === 0);
        hits.sort((a, b) => {
          for (const f of fields) {
            const c = compareValues(a[f] as Value, b[f] as Value);
            if (c !== 0) return c;
          }
          return 0;
        });
        if (hits.slice(0, TAKE).length === 0) throw new Error("no hits");
      }
    }) / 1000;
  return { docs: n, query_eq_take50_ms: round(ms) };
}

/** Insert and scan cost at 100k for a few node sizes. */
function benchNodeSizes(): Record<string, Record<string, number>> {
  const docs = makeDocs(100_000);
  const out: Record<string, Record<string, number>> = {};
  for (const nodeSize of [16, 32, 64, 128, 256]) {
    const t = new TableIndexes([{ name: "by_channel_n", fields: ["channel", "n"] }], "m", { nodeSize });
    const insertUs = time(docs.length, () => docs.forEach((d) => t.apply(null, d)));
    const ranges = Array.from({ length: SCANS }, () => eqRange(`ch${int(CHANNELS)}`));
    const scanUs = time(SCANS, () => ranges.forEach((r) => scanTake(t, r, "asc")));
    const deleteUs = time(docs.length, () => docs.forEach((d) => t.apply(d, null)));
    out[nodeSize] = { insert_us: round(insertUs), delete_us: round(deleteUs), scan_take50_us: round(scanUs) };
  }
  return out;
}

function main(): void {
  const result = {
    bench: "local/convex/indexes",
    node: process.version,
    indexes_per_table: 3,
    btree: [benchWrites(100_000), benchWrites(1_000_000)],
    sorted_array_baseline: [benchSortedArray(100_000), benchSortedArray(1_000_000)],
    convex_test_scan_baseline: [benchConvexTestStyle(100_000), benchConvexTestStyle(1_000_000)],
    node_size_sweep_100k: benchNodeSizes(),
  };
  console.log(JSON.stringify(result));
}

main();
