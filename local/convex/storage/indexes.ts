/**
 * In-memory index engine for the local Convex server.
 *
 * convex-test answers every `withIndex` query by scanning and sorting the whole
 * table. This module keeps one B+tree per index (user indexes plus the built-in
 * `by_creation_time` and `by_id`) so a range scan costs O(log n + k).
 *
 * Semantics follow Convex / convex-test:
 * - values are ordered by `compareValues` from `convex/values` (a missing
 *   field is `undefined`, which sorts before everything, including null);
 * - a user index on [f1..fn] orders documents by [f1, …, fn, _creationTime, _id];
 *   `by_creation_time` is [_creationTime, _id] and `by_id` is [_id];
 * - dotted field paths are evaluated like convex-test's `evaluateFieldPath`;
 * - range expressions (Eq prefix, then optional lower and/or upper bound) are
 *   validated with the same messages as convex-test's
 *   `validateIndexRangeExpression`, and their values are convex JSON
 *   (`{ "$undefined": null }` meaning undefined).
 *
 * Every key ends with `_id`, so keys are unique and a key identifies its row.
 * Documents (and nested values in them) must not be mutated after `apply`:
 * each document's key is computed once per index and kept.
 *
 * Scans are lazy. If the table changes while an iterator is live, the
 * iterator re-seeks on its next step and resumes strictly after the last key
 * it yielded (so it never crashes or repeats a key, and it sees the current
 * state of the rest of the range). Callers that want snapshot semantics must
 * take the snapshot themselves.
 */
import { BPlusTree, DEFAULT_NODE_SIZE, RangeIterator, ScanStats } from "./btree.ts";
import {
  CompiledRange,
  Doc,
  IndexDef,
  Key,
  Order,
  RangeExpr,
  compareKeys,
  compileRange,
  evaluatePath,
} from "./index-keys.ts";

// ---------------------------------------------------------------------------
// Indexes of one table
// ---------------------------------------------------------------------------

interface IndexState {
  readonly name: string;
  readonly fields: string[];
  readonly paths: string[][];
  readonly tree: BPlusTree;
}

const SYSTEM_INDEXES: IndexDef[] = [
  { name: "by_creation_time", fields: ["_creationTime", "_id"] },
  { name: "by_id", fields: ["_id"] },
];

export class TableIndexes {
  /** Counters for tests and benchmarks. */
  readonly stats: ScanStats = { nodesVisited: 0 };
  private readonly byName = new Map<string, IndexState>();
  private readonly list: IndexState[] = [];
  /** Per document id, its key in each index (same order as `list`). */
  private readonly keys = new Map<string, Key[]>();

  private readonly nodeSize: number;

  constructor(
    userIndexes: IndexDef[],
    readonly tableName: string,
    options: { nodeSize?: number } = {},
  ) {
    this.nodeSize = options.nodeSize ?? DEFAULT_NODE_SIZE;
    for (const def of userIndexes) this.addIndex(def.name, [...def.fields, "_creationTime", "_id"]);
    for (const def of SYSTEM_INDEXES) this.addIndex(def.name, def.fields);
  }

  private addIndex(name: string, fields: string[]): void {
    if (this.byName.has(name)) {
      throw new Error(`Index "${name}" is declared twice for table "${this.tableName}".`);
    }
    const paths = fields.map((f) => f.split("."));
    const state = { name, fields, paths, tree: new BPlusTree(this.stats, this.nodeSize) };
    this.byName.set(name, state);
    this.list.push(state);
  }

  /** Full key fields of an index, including _creationTime/_id. */
  fieldsOf(indexName: string): string[] {
    return [...this.index(indexName).fields];
  }

  private index(indexName: string): IndexState {
    const state = this.byName.get(indexName);
    if (state === undefined) {
      throw new Error(
        `Cannot use index "${indexName}" for table "${this.tableName}" because ` + "it is not declared in the schema.",
      );
    }
    return state;
  }

  size(): number {
    return this.keys.size;
  }

  has(id: string): boolean {
    return this.keys.has(id);
  }

  /** Keep every index in step with one document write. old/new null for insert/delete. */
  apply(oldDoc: Doc | null, newDoc: Doc | null): void {
    const id = this.checkWrite(oldDoc, newDoc);
    const oldKeys = oldDoc ? (this.keys.get(id) as Key[]) : null;
    const newKeys = newDoc ? this.list.map((ix) => keyOf(ix.paths, newDoc)) : null;
    this.list.forEach((ix, i) => {
      const oldKey = oldKeys ? oldKeys[i] : null;
      const newKey = newKeys ? newKeys[i] : null;
      if (oldKey && newKey && compareKeys(oldKey, newKey) === 0) {
        (newKeys as Key[])[i] = oldKey; // key unchanged: the tree already holds it
        return;
      }
      if (oldKey && !ix.tree.delete(oldKey)) throw new Error(`TableIndexes: index "${ix.name}" lost ${id}`);
      if (newKey) ix.tree.insert(newKey);
    });
    if (newKeys) this.keys.set(id, newKeys);
    else this.keys.delete(id);
  }

  /** Validates a write before touching any index; returns the document id. */
  private checkWrite(oldDoc: Doc | null, newDoc: Doc | null): string {
    const doc = newDoc ?? oldDoc;
    if (doc === null) throw new Error("TableIndexes.apply: both documents are null");
    if (oldDoc && newDoc && oldDoc._id !== newDoc._id) {
      throw new Error(`TableIndexes.apply: update changes _id from ${oldDoc._id} to ${newDoc._id}`);
    }
    const present = this.keys.has(doc._id);
    if (oldDoc && !present) {
      const op = newDoc ? "update" : "delete";
      throw new Error(`TableIndexes.apply: cannot ${op} ${doc._id} in table "${this.tableName}": not indexed`);
    }
    if (!oldDoc && present) {
      throw new Error(`TableIndexes.apply: cannot insert ${doc._id} in table "${this.tableName}": already indexed`);
    }
    return doc._id;
  }

  /**
   * Ids of documents in the range, in index order, produced lazily; with `startAfter` (a full
   * key, as in a pagination cursor) only those strictly after it in that order.
   */
  scan(indexName: string, range: RangeExpr[], order: Order, startAfter?: Key): IterableIterator<string> {
    const ix = this.index(indexName);
    return new RangeIterator(ix.tree, compileRange(ix.fields, range), order, startAfter ?? null);
  }

  /** Like `scan`, with a range already compiled for this index's fields. */
  scanCompiled(indexName: string, range: CompiledRange, order: Order): IterableIterator<string> {
    return new RangeIterator(this.index(indexName).tree, range, order);
  }

  /** Tests only: checks every tree's invariants and returns its ids in order. */
  debugCheck(indexName: string): string[] {
    const keys = this.index(indexName).tree.checkInvariants();
    return keys.map((k) => k[k.length - 1] as string);
  }
}

function keyOf(paths: readonly string[][], doc: Doc): Key {
  const key = new Array<unknown>(paths.length);
  for (let i = 0; i < paths.length; i++) key[i] = evaluatePath(paths[i], doc);
  return key;
}
