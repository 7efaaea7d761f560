/**
 * Tests for the in-memory index engine (indexes.ts): property tests against a
 * brute-force oracle that follows convex-test's scan-filter-sort semantics,
 * laziness (node-visit counter), compileRange, write validation, and range
 * validation messages compared with convex-test's own validator.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compareValues, convexToJson, jsonToConvex, type JSONValue, type Value } from "convex/values";
import { TableIndexes } from "./indexes.ts";
import { compareKeys, compareValue, compileRange, type Doc, type IndexDef, type RangeExpr } from "./index-keys.ts";
import { mulberry32, type Rng } from "../../random.ts";

// ---------------------------------------------------------------------------
// Seeded PRNG and random data
// ---------------------------------------------------------------------------

const int = (rng: Rng, n: number): number => Math.floor(rng() * n);
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[int(rng, xs.length)];

const MISSING = Symbol("missing");

const VALUES: readonly unknown[] = [
  undefined,
  null,
  -1,
  0,
  -0,
  1,
  2,
  2.5,
  NaN,
  Infinity,
  -Infinity,
  1n,
  5n,
  true,
  false,
  "",
  "a",
  "b",
  "ab",
  "é",
  "\uE000",
  "😀",
  "z",
  [1],
  ["a", 2],
  { x: 1 },
  { x: 2, y: null },
  new Uint8Array([1, 2]).buffer,
];
const CHANNELS: readonly unknown[] = [MISSING, null, "a", "b", "c", 1, true];

function randField(rng: Rng, doc: Record<string, unknown>, name: string, pool: readonly unknown[]): void {
  const v = pick(rng, [...pool, MISSING]);
  if (v === MISSING || v === undefined) delete doc[name];
  else doc[name] = v;
}

function randMeta(rng: Rng): unknown {
  switch (int(rng, 6)) {
    case 0:
      return MISSING;
    case 1:
      return "not an object";
    case 2:
      return [1, 2];
    case 3:
      return {};
    case 4:
      return { k: { deep: int(rng, 3) } };
    default: {
      const k = pick(rng, VALUES);
      return k === undefined ? {} : { k };
    }
  }
}

/** Re-randomizes the user fields of `doc` (each with probability p). */
function randomizeFields(rng: Rng, doc: Record<string, unknown>, p: number): void {
  if (rng() < p) randField(rng, doc, "channel", CHANNELS);
  if (rng() < p) randField(rng, doc, "n", VALUES);
  if (rng() < p) randField(rng, doc, "tag", VALUES);
  if (rng() < p) {
    const m = randMeta(rng);
    if (m === MISSING) delete doc.meta;
    else doc.meta = m;
  }
}

function randId(rng: Rng, taken: Map<string, Doc>): string {
  for (;;) {
    let s = "";
    for (let i = 0; i < 6; i++) s += String.fromCharCode(97 + int(rng, 26));
    if (!taken.has(s)) return s;
  }
}

function randDoc(rng: Rng, taken: Map<string, Doc>): Doc {
  const doc: Doc = { _id: randId(rng, taken), _creationTime: 1000 + int(rng, 200) };
  randomizeFields(rng, doc, 1);
  return doc;
}

// ---------------------------------------------------------------------------
// Oracle: convex-test semantics (filter every doc, sort by the index fields)
// ---------------------------------------------------------------------------

function oracleFieldPath(fieldPath: string, doc: unknown): unknown {
  let result: unknown = doc;
  for (const p of fieldPath.split(".")) {
    const simple =
      result !== undefined &&
      result !== null &&
      typeof result === "object" &&
      [null, Object.prototype].includes(Object.getPrototypeOf(result));
    result = simple ? (result as Record<string, unknown>)[p] : undefined;
  }
  return result;
}

function cmp(a: unknown, b: unknown): number {
  return compareValues(a as Value | undefined, b as Value | undefined);
}

function decode(v: unknown): unknown {
  if (typeof v === "object" && v !== null && "$undefined" in v) return undefined;
  return jsonToConvex(v as JSONValue);
}

function oracleMatches(doc: Doc, range: RangeExpr[]): boolean {
  return range.every((r) => {
    const c = cmp(oracleFieldPath(r.fieldPath, doc), decode(r.value));
    switch (r.type) {
      case "Eq":
        return c === 0;
      case "Gt":
        return c > 0;
      case "Gte":
        return c >= 0;
      case "Lt":
        return c < 0;
      case "Lte":
        return c <= 0;
    }
  });
}

function oracleScan(docs: Map<string, Doc>, fields: string[], range: RangeExpr[], order: "asc" | "desc"): string[] {
  const out = [...docs.values()].filter((d) => oracleMatches(d, range));
  out.sort((a, b) => {
    for (const f of fields) {
      const c = cmp(oracleFieldPath(f, a), oracleFieldPath(f, b));
      if (c !== 0) return order === "asc" ? c : -c;
    }
    return 0;
  });
  return out.map((d) => d._id);
}

// ---------------------------------------------------------------------------
// Random ranges
// ---------------------------------------------------------------------------

function encode(v: unknown): unknown {
  return v === undefined ? { $undefined: null } : convexToJson(v as Value);
}

function randBoundValue(rng: Rng, field: string, docs: Doc[]): unknown {
  if (docs.length > 0 && rng() < 0.6) return oracleFieldPath(field, pick(rng, docs));
  return pick(rng, VALUES);
}

function randRange(rng: Rng, fields: string[], docs: Map<string, Doc>): RangeExpr[] {
  const all = [...docs.values()];
  const k = int(rng, fields.length + 1);
  const base = all.length > 0 && rng() < 0.8 ? pick(rng, all) : null;
  const range: RangeExpr[] = [];
  for (let i = 0; i < k; i++) {
    const v = base ? oracleFieldPath(fields[i], base) : randBoundValue(rng, fields[i], all);
    range.push({ type: "Eq", fieldPath: fields[i], value: encode(v) });
  }
  if (k === fields.length) return range;
  const f = fields[k];
  const lo: RangeExpr = { type: rng() < 0.5 ? "Gt" : "Gte", fieldPath: f, value: encode(randBoundValue(rng, f, all)) };
  const hi: RangeExpr = { type: rng() < 0.5 ? "Lt" : "Lte", fieldPath: f, value: encode(randBoundValue(rng, f, all)) };
  switch (int(rng, 5)) {
    case 0:
      return range;
    case 1:
      return [...range, lo];
    case 2:
      return [...range, hi];
    case 3:
      return [...range, lo, hi];
    default:
      return [...range, hi, lo];
  }
}

// ---------------------------------------------------------------------------
// Property tests
// ---------------------------------------------------------------------------

const USER_INDEXES: IndexDef[] = [
  { name: "by_channel_n", fields: ["channel", "n"] },
  { name: "by_meta", fields: ["meta.k", "channel"] },
  { name: "by_tag", fields: ["tag"] },
];
const INDEX_NAMES = [...USER_INDEXES.map((i) => i.name), "by_creation_time", "by_id"];

function take(it: Iterator<string>, k: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < k; i++) {
    const r = it.next();
    if (r.done) break;
    out.push(r.value);
  }
  return out;
}

function checkAgainstOracle(rng: Rng, t: TableIndexes, docs: Map<string, Doc>, rounds: number): void {
  for (let i = 0; i < rounds; i++) {
    const name = pick(rng, INDEX_NAMES);
    const fields = t.fieldsOf(name);
    const range = randRange(rng, fields, docs);
    for (const order of ["asc", "desc"] as const) {
      const expected = oracleScan(docs, fields, range, order);
      expect([...t.scan(name, range, order)], `${name} ${JSON.stringify(range)} ${order}`).toEqual(expected);
      const k = int(rng, 5);
      expect(take(t.scan(name, range, order), k)).toEqual(expected.slice(0, k));
    }
    const compiled = compileRange(fields, range);
    for (const d of docs.values()) {
      expect(compiled.contains(d)).toBe(oracleMatches(d, range));
    }
  }
}

function checkTrees(t: TableIndexes, docs: Map<string, Doc>): void {
  for (const name of INDEX_NAMES) {
    expect(t.debugCheck(name)).toEqual(oracleScan(docs, t.fieldsOf(name), [], "asc"));
  }
  expect(t.size()).toBe(docs.size);
}

type OpWeights = { insert: number; update: number };

function randomOp(rng: Rng, t: TableIndexes, docs: Map<string, Doc>, w: OpWeights): void {
  const r = rng();
  const ids = docs.size > 0 ? [...docs.keys()] : [];
  if (r < w.insert || ids.length === 0) {
    const d = randDoc(rng, docs);
    t.apply(null, d);
    docs.set(d._id, d);
  } else if (r < w.insert + w.update) {
    const old = docs.get(pick(rng, ids)) as Doc;
    const next: Doc = structuredClone(old);
    randomizeFields(rng, next, rng() < 0.3 ? 0 : 0.5);
    t.apply(old, next);
    docs.set(next._id, next);
  } else {
    const old = docs.get(pick(rng, ids)) as Doc;
    t.apply(old, null);
    docs.delete(old._id);
  }
}

// nodeSize 4 makes trees deep at small sizes, exercising internal splits, borrows and merges.
const CONFIGS: [seed: number, nodeSize: number][] = [
  [1, 4],
  [2, 4],
  [3, 5],
  [4, 64],
  [5, 64],
];

describe("TableIndexes vs brute-force oracle", () => {
  for (const [seed, nodeSize] of CONFIGS) {
    it(`random writes and scans, seed ${seed}, node size ${nodeSize}`, () => {
      const rng = mulberry32(seed);
      const t = new TableIndexes(USER_INDEXES, "messages", { nodeSize });
      const docs = new Map<string, Doc>();
      const phases: [number, OpWeights][] = [
        [1500, { insert: 0.6, update: 0.25 }],
        [1500, { insert: 0.3, update: 0.4 }],
        [2500, { insert: 0.1, update: 0.2 }],
      ];
      for (const [steps, weights] of phases) {
        for (let s = 0; s < steps; s++) {
          randomOp(rng, t, docs, weights);
          if (s % 250 === 0) checkAgainstOracle(rng, t, docs, 6);
        }
        checkTrees(t, docs);
      }
    });
  }

  it.each([4, 64])("drains to empty and refills, node size %i", (nodeSize) => {
    const rng = mulberry32(42);
    const t = new TableIndexes(USER_INDEXES, "messages", { nodeSize });
    const docs = new Map<string, Doc>();
    for (let i = 0; i < 3000; i++) randomOp(rng, t, docs, { insert: 1, update: 0 });
    checkTrees(t, docs);
    while (docs.size > 0) randomOp(rng, t, docs, { insert: 0, update: 0 });
    checkTrees(t, docs);
    expect([...t.scan("by_id", [], "asc")]).toEqual([]);
    expect([...t.scan("by_channel_n", [], "desc")]).toEqual([]);
    for (let i = 0; i < 500; i++) randomOp(rng, t, docs, { insert: 0.7, update: 0.2 });
    checkTrees(t, docs);
    checkAgainstOracle(rng, t, docs, 20);
  });
});

// ---------------------------------------------------------------------------
// Laziness
// ---------------------------------------------------------------------------

describe("laziness", () => {
  const t = new TableIndexes([{ name: "by_channel_n", fields: ["channel", "n"] }], "messages");
  const N = 100_000;
  for (let i = 0; i < N; i++) {
    t.apply(null, { _id: `id${i}`, _creationTime: i, channel: `c${i % 100}`, n: i });
  }

  for (const order of ["asc", "desc"] as const) {
    it(`taking 10 of a 100k index visits few nodes (${order})`, () => {
      t.stats.nodesVisited = 0;
      const range: RangeExpr[] = [{ type: "Eq", fieldPath: "channel", value: "c42" }];
      const ids = take(t.scan("by_channel_n", range, order), 10);
      expect(ids).toHaveLength(10);
      const expectedN = order === "asc" ? 42 : N - 100 + 42;
      expect(ids[0]).toBe(`id${expectedN}`);
      // height is 3-4 at 100k with 64-way nodes; allow a couple of leaf steps.
      expect(t.stats.nodesVisited).toBeLessThanOrEqual(8);
    });
  }

  it("an unbounded full scan touches every leaf only once", () => {
    t.stats.nodesVisited = 0;
    let n = 0;
    for (const _ of t.scan("by_id", [], "asc")) n++;
    expect(n).toBe(N);
    expect(t.stats.nodesVisited).toBeLessThan(N / 30);
  });
});

// ---------------------------------------------------------------------------
// Writes during iteration
// ---------------------------------------------------------------------------

describe("writes while a scan is live", () => {
  it.each([4, 64])("resumes after the last yielded key and never repeats, node size %i", (nodeSize) => {
    const rng = mulberry32(7);
    const t = new TableIndexes([{ name: "by_n", fields: ["n"] }], "t", { nodeSize });
    const docs = new Map<string, Doc>();
    for (let i = 0; i < 2000; i++) {
      const d: Doc = { _id: `d${i}`, _creationTime: i, n: int(rng, 500) };
      t.apply(null, d);
      docs.set(d._id, d);
    }
    for (const order of ["asc", "desc"] as const) {
      const before = new Set(docs.keys());
      const deleted = new Set<string>();
      const seen: string[] = [];
      for (const id of t.scan("by_n", [], order)) {
        seen.push(id);
        const victim = pick(rng, [...docs.keys()]);
        if (victim !== id && rng() < 0.3) {
          t.apply(docs.get(victim) as Doc, null);
          docs.delete(victim);
          deleted.add(victim);
        }
      }
      const keyOf = (id: string) => {
        const d = docs.get(id) as Doc;
        return [d.n, d._creationTime, id];
      };
      expect(new Set(seen).size).toBe(seen.length);
      for (const id of before) if (!deleted.has(id)) expect(seen).toContain(id);
      const stillThere = seen.filter((id) => docs.has(id));
      for (let i = 1; i < stillThere.length; i++) {
        const c = compareKeys(keyOf(stillThere[i - 1]), keyOf(stillThere[i]));
        expect(order === "asc" ? c < 0 : c > 0).toBe(true);
      }
    }
  });
});

// ---------------------------------------------------------------------------
// Writes, compareValue, compileRange
// ---------------------------------------------------------------------------

describe("apply", () => {
  it("rejects writes for documents that were never inserted, and duplicate inserts", () => {
    const t = new TableIndexes([{ name: "by_n", fields: ["n"] }], "t");
    const a: Doc = { _id: "a", _creationTime: 1, n: 1 };
    t.apply(null, a);
    expect(() => t.apply({ _id: "b", _creationTime: 2 }, null)).toThrow(/cannot delete b/);
    expect(() => t.apply({ _id: "b", _creationTime: 2 }, { _id: "b", _creationTime: 2 })).toThrow(/cannot update b/);
    expect(() => t.apply(null, a)).toThrow(/cannot insert a/);
    expect(() => t.apply(a, { ...a, _id: "c" })).toThrow(/changes _id/);
    expect(t.size()).toBe(1);
    expect([...t.scan("by_n", [], "asc")]).toEqual(["a"]);
  });

  it("handles updates that keep or change the key", () => {
    const t = new TableIndexes([{ name: "by_n", fields: ["n"] }], "t");
    const a: Doc = { _id: "a", _creationTime: 1, n: 1 };
    const b: Doc = { _id: "b", _creationTime: 2, n: 2 };
    t.apply(null, a);
    t.apply(null, b);
    t.apply(a, { ...a, other: "x" });
    expect([...t.scan("by_n", [], "asc")]).toEqual(["a", "b"]);
    t.apply({ ...a, other: "x" }, { ...a, n: 3 });
    expect([...t.scan("by_n", [], "asc")]).toEqual(["b", "a"]);
    expect([...t.scan("by_n", [{ type: "Eq", fieldPath: "n", value: 3 }], "asc")]).toEqual(["a"]);
  });

  it("fieldsOf includes the system fields and rejects unknown indexes", () => {
    const t = new TableIndexes([{ name: "by_n", fields: ["n"] }], "messages");
    expect(t.fieldsOf("by_n")).toEqual(["n", "_creationTime", "_id"]);
    expect(t.fieldsOf("by_creation_time")).toEqual(["_creationTime", "_id"]);
    expect(t.fieldsOf("by_id")).toEqual(["_id"]);
    expect(() => t.fieldsOf("by_x")).toThrow(
      'Cannot use index "by_x" for table "messages" because it is not declared in the schema.',
    );
    expect(() => t.scan("by_x", [], "asc")).toThrow(/Cannot use index "by_x"/);
  });
});

describe("compareValue", () => {
  it("agrees with compareValues on random values, strings and numbers", () => {
    const rng = mulberry32(99);
    const chars = ["a", "b", "é", "\uE000", "\uFFFF", "😀", "𝄞", "\uD800", "\uDC00", "z"];
    const randStr = () => Array.from({ length: int(rng, 4) }, () => pick(rng, chars)).join("");
    const nums = [-Infinity, -1, -0, 0, 0.5, 1, Infinity, NaN, -NaN];
    for (let i = 0; i < 20_000; i++) {
      const [a, b] =
        i % 3 === 0
          ? [randStr(), randStr()]
          : i % 3 === 1
            ? [pick(rng, nums), pick(rng, nums)]
            : [pick(rng, VALUES), pick(rng, VALUES)];
      expect(Math.sign(compareValue(a, b)), `${String(a)} vs ${String(b)}`).toBe(Math.sign(cmp(a, b)));
    }
  });
});

describe("compileRange", () => {
  it("contains() and the key bounds agree with the oracle", () => {
    const rng = mulberry32(5);
    const docs = new Map<string, Doc>();
    for (let i = 0; i < 300; i++) {
      const d = randDoc(rng, docs);
      docs.set(d._id, d);
    }
    const fields = ["meta.k", "channel", "_creationTime", "_id"];
    for (let i = 0; i < 300; i++) {
      const range = randRange(rng, fields, docs);
      const c = compileRange(fields, range);
      for (const d of docs.values()) {
        const key = fields.map((f) => oracleFieldPath(f, d));
        const want = oracleMatches(d, range);
        expect(c.contains(d)).toBe(want);
        expect(c.aboveLower(key) && c.belowUpper(key)).toBe(want);
      }
    }
  });

  it("exposes lower/upper key prefixes", () => {
    const c = compileRange(
      ["channel", "n", "_creationTime", "_id"],
      [
        { type: "Eq", fieldPath: "channel", value: "x" },
        { type: "Gt", fieldPath: "n", value: convexToJson(5n) },
        { type: "Lte", fieldPath: "n", value: { $undefined: null } },
      ],
    );
    expect(c.lower).toEqual(["x", 5n]);
    expect(c.lowerInclusive).toBe(false);
    expect(c.upper).toEqual(["x", undefined]);
    expect(c.upperInclusive).toBe(true);
    expect(c.contains({ channel: "x", n: 6n })).toBe(false); // 6n > undefined
  });
});

// ---------------------------------------------------------------------------
// Range validation messages
// ---------------------------------------------------------------------------

type Validator = (source: { range: RangeExpr[] }, fields: string[]) => void;

/** convex-test's own validateIndexRangeExpression, lifted from its dist file. */
function loadConvexTestValidator(): Validator {
  const src = readFileSync(new URL("../../../node_modules/convex-test/dist/index.js", import.meta.url), "utf8");
  const start = src.indexOf("function validateIndexRangeExpression(");
  const end = src.indexOf("function validateFieldNames(");
  expect(start).toBeGreaterThan(0);
  expect(end).toBeGreaterThan(start);
  return new Function(`${src.slice(start, end)}\nreturn validateIndexRangeExpression;`)() as Validator;
}

function errorOf(f: () => unknown): string | null {
  try {
    f();
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

describe("range validation", () => {
  const fields = ["channel", "n", "_creationTime", "_id"];
  const cases: [RangeExpr[], string][] = [
    [[{ type: "Eq", fieldPath: "n", value: 1 }], 'Incorrect field used in `withIndex`, expected "channel", got "n"'],
    [
      [
        { type: "Eq", fieldPath: "channel", value: "a" },
        { type: "Gt", fieldPath: "n", value: 1 },
        { type: "Lt", fieldPath: "channel", value: 2 },
      ],
      'Incorrect field used in `withIndex`, `.gt` and `.lt` must operate on the same field, expected "n", got "channel"',
    ],
    [
      [
        { type: "Gte", fieldPath: "channel", value: "a" },
        { type: "Lte", fieldPath: "channel", value: "b" },
        { type: "Eq", fieldPath: "n", value: 3 },
      ],
      "Incorrect operator used in `withIndex`, cannot chain more operators after both `.gt` and `.lt` were already used, got `.eq(n, 3)`.",
    ],
    [
      [
        { type: "Gt", fieldPath: "channel", value: "a" },
        { type: "Eq", fieldPath: "n", value: 1 },
      ],
      "Incorrect operator used in `withIndex`, cannot chain `.eq()` after `.gt()`",
    ],
    [
      [
        { type: "Lt", fieldPath: "channel", value: "a" },
        { type: "Lte", fieldPath: "channel", value: "b" },
      ],
      "Incorrect operator used in `withIndex`, cannot chain `.lte()` after `.lt()`",
    ],
  ];

  it("throws convex-test's messages", () => {
    const reference = loadConvexTestValidator();
    for (const [range, message] of cases) {
      expect(() => compileRange(fields, range)).toThrow(message);
      expect(errorOf(() => reference({ range }, fields))).toBe(message);
    }
    const t = new TableIndexes([{ name: "by_channel_n", fields: ["channel", "n"] }], "t");
    expect(() => t.scan("by_channel_n", cases[0][0], "asc")).toThrow(cases[0][1]);
  });

  it("accepts and rejects exactly what convex-test does on random expressions", () => {
    const reference = loadConvexTestValidator();
    const rng = mulberry32(11);
    const types: RangeExpr["type"][] = ["Eq", "Gt", "Gte", "Lt", "Lte"];
    const paths = [...fields, "bogus"];
    for (let i = 0; i < 5000; i++) {
      const range: RangeExpr[] = Array.from({ length: int(rng, 6) }, () => ({
        type: pick(rng, types),
        fieldPath: rng() < 0.7 ? fields[Math.min(int(rng, 3), fields.length - 1)] : pick(rng, paths),
        value: int(rng, 3),
      }));
      expect(errorOf(() => compileRange(fields, range))).toBe(errorOf(() => reference({ range }, fields)));
    }
  });
});
