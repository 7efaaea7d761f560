/**
 * Index-backed query evaluation for the local backend.
 *
 * convex-test scans and sorts a whole table for every query; here each table keeps sorted
 * indexes (see indexes.ts) in step with commits, and a query walks only its index range,
 * lazily, merged with the current transaction's own uncommitted writes. Pagination seeks to its
 * cursor instead of skipping rows. Search queries keep convex-test's evaluation.
 */
import { convexToJson, jsonToConvex, type Value } from "convex/values";
import { compareKeys, compileRange, type RangeExpr } from "../storage/index-keys.ts";
import { TableIndexes } from "../storage/indexes.ts";
import type { Runtime } from "./internals-runtime.ts";
import type { Doc, FakeDb, PageResult, PaginateArgs, QueryJson } from "./internals-shapes.ts";

export interface Source {
  table: string;
  indexName: string;
  range: RangeExpr[];
  order: "asc" | "desc";
}

/** IndexRange and FullTableScan sources as an index walk; null for search. */
export function indexSource(query: QueryJson): Source | null {
  const s = query.source;
  if (s.type === "FullTableScan")
    return { table: s.tableName, indexName: "by_creation_time", range: [], order: s.order ?? "asc" };
  if (s.type === "IndexRange") {
    const [table, indexName] = s.indexName.split(".");
    return { table, indexName, range: s.range as RangeExpr[], order: s.order ?? "asc" };
  }
  return null;
}

export function fieldValue(doc: Record<string, unknown>, fieldPath: string): unknown {
  let value: unknown = doc;
  for (const part of fieldPath.split(".")) {
    value =
      value !== null && typeof value === "object" && !Array.isArray(value)
        ? (value as Record<string, unknown>)[part]
        : undefined;
  }
  return value;
}

function keyOf(doc: Doc, fields: string[]): unknown[] {
  return fields.map((f) => fieldValue(doc, f));
}

export function encodeCursor(key: unknown[]): string {
  return JSON.stringify(key.map((k) => (k === undefined ? null : JSON.stringify(convexToJson(k as Value)))));
}

export function decodeCursor(cursor: string): unknown[] {
  return (JSON.parse(cursor) as (string | null)[]).map((k) => (k === null ? undefined : jsonToConvex(JSON.parse(k))));
}

type Pending = (db: FakeDb, table: string) => Map<string, Doc | null>;

export class QueryEngine {
  private readonly tables = new Map<string, TableIndexes>();

  constructor(
    private readonly indexesOf: (component: string, table: string) => { name: string; fields: string[] }[],
    private readonly pending: Pending,
  ) {}

  table(component: string, table: string): TableIndexes {
    const key = `${component}\u0000${table}`;
    let t = this.tables.get(key);
    if (!t) this.tables.set(key, (t = new TableIndexes(this.indexesOf(component, table), table)));
    return t;
  }

  /** Drops every index so the next access rebuilds them from the new schema's definitions. */
  reset(load: (component: string, table: string) => Iterable<Doc>, keys: [string, string][]): void {
    this.tables.clear();
    for (const [component, table] of keys) {
      const t = this.table(component, table);
      for (const doc of load(component, table)) t.apply(null, doc);
    }
  }

  apply(component: string, table: string, before: Doc | null, after: Doc | null): void {
    this.table(component, table).apply(before, after);
  }

  fields(component: string, source: Source): string[] {
    return this.table(component, source.table).fieldsOf(source.indexName);
  }

  /** Documents of the source's range in index order, after `startAfter` when given. */
  *walk(db: FakeDb, source: Source, startAfter: unknown[] | null): Generator<Doc> {
    const component = db._componentPath;
    const index = this.table(component, source.table);
    const fields = index.fieldsOf(source.indexName);
    const pending = this.pending(db, source.table);
    const committed = index.scan(source.indexName, source.range, source.order, startAfter ?? undefined);
    if (pending.size === 0) {
      for (const id of committed) yield db._documents[id];
      return;
    }
    const sign = source.order === "asc" ? 1 : -1;
    const range = compileRange(fields, source.range);
    const extra = [...pending.values()]
      .filter((d): d is Doc => d !== null && range.contains(d))
      .map((d) => ({ doc: d, key: keyOf(d, fields) }))
      .filter((e) => startAfter === null || sign * compareKeys(e.key, startAfter) > 0)
      .sort((a, b) => sign * compareKeys(a.key, b.key));
    let next = 0;
    for (const id of committed) {
      if (pending.has(id)) continue;
      const doc = db._documents[id];
      const key = keyOf(doc, fields);
      while (next < extra.length && sign * compareKeys(extra[next].key, key) < 0) yield extra[next++].doc;
      yield doc;
    }
    while (next < extra.length) yield extra[next++].doc;
  }
}

type Filter = (doc: Doc) => boolean;

/** Streams a query: range walk, then `.filter()` operators, then `.take()`-style limit. */
export function* evaluate(
  engine: QueryEngine,
  db: FakeDb,
  query: QueryJson,
  source: Source,
  filter: Filter,
): Generator<Doc> {
  const limitOp = query.operators.find((op): op is { limit: number } => "limit" in op);
  const limit = limitOp?.limit ?? Infinity;
  let returned = 0;
  if (returned >= limit) return;
  for (const doc of engine.walk(db, source, null)) {
    if (!filter(doc)) continue;
    yield doc;
    if (++returned >= limit) return;
  }
}

/** `.paginate()` with convex-test's cursor format and page semantics, seeking to the cursor. */
export function paginate(
  engine: QueryEngine,
  db: FakeDb,
  args: PaginateArgs,
  source: Source,
  filter: Filter,
): PageResult {
  const fields = engine.fields(db._componentPath, source);
  const cursorFields = fields.includes("_id") ? fields : [...fields, "_id"];
  const done: PageResult = {
    page: [],
    isDone: true,
    continueCursor: "_end_cursor",
    splitCursor: null,
    pageStatus: null,
  };
  if (args.cursor === "_end_cursor") return done;
  const sign = source.order === "asc" ? 1 : -1;
  const start = args.cursor ? decodeCursor(args.cursor) : null;
  const end = args.endCursor && args.endCursor !== "_end_cursor" ? decodeCursor(args.endCursor) : null;
  const unbounded = !args.endCursor;
  const page: Doc[] = [];
  const cursors: string[] = [];
  let continueCursor = "_end_cursor";
  let pageStatus: string | null = null;
  let rows = 0;
  let bytes = 0;
  const walk = engine.walk(db, source, start)[Symbol.iterator]();
  let item = walk.next();
  while (!item.done) {
    const doc = item.value;
    const key = keyOf(doc, cursorFields);
    if (end && sign * compareKeys(key, end) > 0) break;
    rows += 1;
    bytes += JSON.stringify(convexToJson(doc as Value)).length;
    const cursor = encodeCursor(key);
    cursors.push(cursor);
    if (filter(doc)) page.push(doc);
    item = walk.next();
    if (end && compareKeys(key, end) === 0) break;
    if (
      (args.maximumRowsRead && rows >= args.maximumRowsRead) ||
      (args.maximumBytesRead && bytes >= args.maximumBytesRead)
    ) {
      pageStatus = "SplitRequired";
      continueCursor = cursor;
      break;
    }
    if (unbounded && page.length >= args.pageSize) {
      if (!item.done) continueCursor = cursor;
      break;
    }
  }
  if (end && pageStatus === null) continueCursor = args.endCursor as string;
  let splitCursor: string | null = null;
  if (cursors.length >= 2 && (pageStatus === "SplitRequired" || rows > args.pageSize + 1)) {
    pageStatus ??= "SplitRecommended";
    splitCursor = cursors[Math.floor((cursors.length - 1) / 2)];
  }
  return { page, isDone: continueCursor === "_end_cursor", continueCursor, splitCursor, pageStatus };
}

/**
 * Makes every component of a runtime answer IndexRange and FullTableScan queries from indexes
 * built from its current documents. The caller keeps the indexes in step with commits
 * (`engine.apply` for each change).
 */
export function installQueryEngine(runtime: Runtime): QueryEngine {
  const engine = new QueryEngine(
    (c, table) => runtime.schemaIndexes(c, table),
    (db, table) => runtime.pendingWrites(db, table),
  );
  const keys: [string, string][] = [];
  for (const component of runtime.componentPaths()) {
    for (const table of runtime.db(component)._tableIds.keys()) keys.push([component, table]);
  }
  engine.reset((component, table) => {
    const db = runtime.db(component);
    return [...(db._tableIds.get(table) ?? [])].map((id) => db._documents[id]);
  }, keys);
  for (const component of runtime.componentPaths()) {
    runtime.overrideQueries(
      component,
      (db, query, original) => {
        const source = indexSource(query);
        return source ? evaluate(engine, db, query, source, runtime.filterOf(query)) : original(query);
      },
      (db, args, original) => {
        const source = indexSource(args.query);
        return source ? paginate(engine, db, args, source, runtime.filterOf(args.query)) : original(args);
      },
    );
  }
  return engine;
}
