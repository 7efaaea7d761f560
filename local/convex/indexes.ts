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
import { compareValues, jsonToConvex, type JSONValue, type Value } from "convex/values";

export type Doc = Record<string, unknown> & { _id: string; _creationTime: number };
export type RangeExpr = {
  type: "Eq" | "Gt" | "Gte" | "Lt" | "Lte";
  fieldPath: string;
  value: unknown;
};
export interface IndexDef {
  name: string;
  fields: string[];
}
export type Key = unknown[];
export type Order = "asc" | "desc";

// ---------------------------------------------------------------------------
// Values and keys
// ---------------------------------------------------------------------------

/** `compareValues` with fast paths for the common number/string cases. */
export function compareValue(a: unknown, b: unknown): number {
  const ta = typeof a;
  if (ta === "number" && typeof b === "number") {
    return compareNumbers(a as number, b);
  }
  if (ta === "string" && typeof b === "string") {
    return compareStrings(a as string, b);
  }
  return slowCompare(a, b);
}

function slowCompare(a: unknown, b: unknown): number {
  return compareValues(a as Value | undefined, b as Value | undefined);
}

function compareNumbers(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  if (a === b && a !== 0) return 0;
  return slowCompare(a, b); // NaN, 0 vs -0
}

/** UTF-8 byte order (as `compareUTF8`); UTF-16 order is the same unless a surrogate differs. */
function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (isSurrogate(x) || isSurrogate(y)) return slowCompare(a, b);
    return x < y ? -1 : 1;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

function isSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdfff;
}

/** Lexicographic comparison of two keys of equal length. */
export function compareKeys(a: Key, b: Key): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareValue(a[i], b[i]);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/** Compares the first `prefix.length` components of `key` with `prefix`. */
function comparePrefix(key: Key, prefix: Key): number {
  for (let i = 0; i < prefix.length; i++) {
    const c = compareValue(key[i], prefix[i]);
    if (c !== 0) return c;
  }
  return 0;
}

function isSimpleObject(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return (
    proto === null ||
    proto === Object.prototype ||
    (proto as { constructor?: { name?: string } }).constructor?.name === "Object"
  );
}

/** convex-test's `evaluateFieldPath`, on a path already split on ".". */
export function evaluatePath(parts: readonly string[], doc: unknown): unknown {
  let result: unknown = doc;
  for (const p of parts) {
    result = isSimpleObject(result) ? (result as Record<string, unknown>)[p] : undefined;
  }
  return result;
}

/** Decodes a query value: convex JSON, or `{ "$undefined": null }` for undefined. */
export function decodeRangeValue(value: unknown): unknown {
  if (typeof value === "object" && value !== null && "$undefined" in value) {
    return undefined;
  }
  return jsonToConvex(value as JSONValue);
}

// ---------------------------------------------------------------------------
// Range expressions
// ---------------------------------------------------------------------------

type ValidationState = "eq" | "gt" | "lt" | "done";

/** Same checks and messages as convex-test's `validateIndexRangeExpression`. */
export function validateIndexRange(range: readonly RangeExpr[], fields: readonly string[]): void {
  let fieldIndex = 0;
  let state: ValidationState = "eq";
  range.forEach((filter, filterIndex) => {
    if (state === "done") {
      throw new Error(
        "Incorrect operator used in `withIndex`, cannot chain " +
          "more operators after both `.gt` and `.lt` were already used, " +
          `got \`${printIndexOperator(filter)}\`.`,
      );
    }
    const kind = operatorKind(filter.type);
    const transition = `${state}|${kind}`;
    if (transition === "eq|eq" || transition === "eq|gt" || transition === "eq|lt") {
      if (filter.fieldPath !== fields[fieldIndex]) {
        throw new Error(
          "Incorrect field used in `withIndex`, " + `expected "${fields[fieldIndex]}", got "${filter.fieldPath}"`,
        );
      }
      fieldIndex += 1;
      state = kind;
    } else if (transition === "lt|gt" || transition === "gt|lt") {
      if (!(fieldIndex > 0 && filter.fieldPath === fields[fieldIndex - 1])) {
        throw new Error(
          "Incorrect field used in `withIndex`, " +
            "`.gt` and `.lt` must operate on the same field, " +
            `expected "${fields[fieldIndex - 1]}", got "${filter.fieldPath}"`,
        );
      }
      state = "done";
    } else {
      throw new Error(
        "Incorrect operator used in `withIndex`, " +
          `cannot chain \`.${filter.type.toLowerCase()}()\` ` +
          `after \`.${range[filterIndex - 1].type.toLowerCase()}()\``,
      );
    }
  });
}

function operatorKind(type: RangeExpr["type"]): "eq" | "gt" | "lt" {
  if (type === "Gt" || type === "Gte") return "gt";
  if (type === "Lt" || type === "Lte") return "lt";
  return "eq";
}

function printIndexOperator(filter: RangeExpr): string {
  return `.${filter.type.toLowerCase()}(${filter.fieldPath}, ${JSON.stringify(filter.value)})`;
}

type Bound = { value: unknown; inclusive: boolean };

export interface CompiledRange {
  /** Full key fields of the index the range was compiled for. */
  readonly fields: readonly string[];
  /** Decoded Eq values, one per leading field. */
  readonly eq: readonly unknown[];
  /** Key prefix of the lower bound ([] = unbounded) and whether it is included. */
  readonly lower: unknown[];
  readonly lowerInclusive: boolean;
  /** Key prefix of the upper bound ([] = unbounded) and whether it is included. */
  readonly upper: unknown[];
  readonly upperInclusive: boolean;
  /** Whether the document's key for this index lies in the range. */
  contains(doc: Record<string, unknown>): boolean;
  /** Whether a full index key lies on or above the lower bound. */
  aboveLower(key: Key): boolean;
  /** Whether a full index key lies on or below the upper bound. */
  belowUpper(key: Key): boolean;
}

/** Validates `range` against the index `fields` and compiles it into key bounds. */
export function compileRange(fields: string[], range: RangeExpr[]): CompiledRange {
  validateIndexRange(range, fields);
  const eq: unknown[] = [];
  let lo: Bound | null = null;
  let hi: Bound | null = null;
  for (const r of range) {
    const value = decodeRangeValue(r.value);
    if (r.type === "Eq") eq.push(value);
    else if (r.type === "Gt" || r.type === "Gte") lo = { value, inclusive: r.type === "Gte" };
    else hi = { value, inclusive: r.type === "Lte" };
  }
  return buildRange(fields, eq, lo, hi);
}

function buildRange(fields: string[], eq: unknown[], lo: Bound | null, hi: Bound | null): CompiledRange {
  const lower = lo ? [...eq, lo.value] : eq.slice();
  const upper = hi ? [...eq, hi.value] : eq.slice();
  const lowerInclusive = lo ? lo.inclusive : true;
  const upperInclusive = hi ? hi.inclusive : true;
  return {
    fields,
    eq,
    lower,
    lowerInclusive,
    upper,
    upperInclusive,
    contains: makeContains(fields, eq, lo, hi),
    aboveLower: (key) => {
      const c = comparePrefix(key, lower);
      return lowerInclusive ? c >= 0 : c > 0;
    },
    belowUpper: (key) => {
      const c = comparePrefix(key, upper);
      return upperInclusive ? c <= 0 : c < 0;
    },
  };
}

/** Per-field check of a document, touching only the fields the range constrains. */
function makeContains(
  fields: string[],
  eq: unknown[],
  lo: Bound | null,
  hi: Bound | null,
): (doc: Record<string, unknown>) => boolean {
  const paths = fields.map((f) => f.split("."));
  const boundPath = paths[eq.length];
  return (doc) => {
    for (let i = 0; i < eq.length; i++) {
      if (compareValue(evaluatePath(paths[i], doc), eq[i]) !== 0) return false;
    }
    if (lo === null && hi === null) return true;
    const v = evaluatePath(boundPath, doc);
    if (lo !== null) {
      const c = compareValue(v, lo.value);
      if (lo.inclusive ? c < 0 : c <= 0) return false;
    }
    if (hi !== null) {
      const c = compareValue(v, hi.value);
      if (hi.inclusive ? c > 0 : c >= 0) return false;
    }
    return true;
  };
}

// ---------------------------------------------------------------------------
// B+tree
// ---------------------------------------------------------------------------

/** Default max entries per leaf / children per internal node; the min is half of it. */
export const DEFAULT_NODE_SIZE = 64;

export interface ScanStats {
  /** Tree nodes visited by seeks and leaf-to-leaf steps of scans. */
  nodesVisited: number;
}

class Leaf {
  readonly leaf = true;
  keys: Key[] = [];
  prev: Leaf | null = null;
  next: Leaf | null = null;
}

class Internal {
  readonly leaf = false;
  /** keys[i] separates children[i] (keys < keys[i]) from children[i+1] (keys >= keys[i]). */
  constructor(
    public keys: Key[],
    public children: TreeNode[],
  ) {}
}

type TreeNode = Leaf | Internal;
type Split = { sep: Key; node: TreeNode };
type Pos = { leaf: Leaf | null; idx: number };

/** First index i in `keys` with pred(keys[i]) true, for a monotone predicate. */
function firstTrue(keys: Key[], pred: (k: Key) => boolean): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pred(keys[mid])) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Number of keys in a sorted array that are <= key. */
function countLessOrEqual(keys: Key[], key: Key): number {
  return firstTrue(keys, (k) => compareKeys(k, key) > 0);
}

function nodeSize(node: TreeNode): number {
  return node.leaf ? node.keys.length : node.children.length;
}

export class BPlusTree {
  private root: TreeNode = new Leaf();
  private count = 0;
  /** Bumped on every change; live iterators use it to detect they must re-seek. */
  version = 0;

  private readonly max: number;
  private readonly min: number;

  constructor(
    private readonly stats: ScanStats,
    nodeSize = DEFAULT_NODE_SIZE,
  ) {
    if (!(nodeSize >= 4)) throw new Error("BPlusTree: node size must be at least 4");
    this.max = nodeSize;
    this.min = nodeSize >> 1;
  }

  size(): number {
    return this.count;
  }

  insert(key: Key): void {
    const split = this.insertInto(this.root, key);
    if (split) this.root = new Internal([split.sep], [this.root, split.node]);
    this.count++;
    this.version++;
  }

  /** Removes `key`; returns false if it was not present. */
  delete(key: Key): boolean {
    if (!this.deleteFrom(this.root, key)) return false;
    const root = this.root;
    if (!root.leaf && root.children.length === 1) this.root = root.children[0];
    this.count--;
    this.version++;
    return true;
  }

  private insertInto(node: TreeNode, key: Key): Split | null {
    if (node.leaf) return this.insertIntoLeaf(node, key);
    const c = countLessOrEqual(node.keys, key);
    const split = this.insertInto(node.children[c], key);
    if (!split) return null;
    node.keys.splice(c, 0, split.sep);
    node.children.splice(c + 1, 0, split.node);
    return node.children.length > this.max ? splitInternal(node) : null;
  }

  private insertIntoLeaf(leaf: Leaf, key: Key): Split | null {
    const i = countLessOrEqual(leaf.keys, key);
    if (i > 0 && compareKeys(leaf.keys[i - 1], key) === 0) {
      throw new Error(`BPlusTree: duplicate key ${String(key[key.length - 1])}`);
    }
    leaf.keys.splice(i, 0, key);
    return leaf.keys.length > this.max ? splitLeaf(leaf) : null;
  }

  private deleteFrom(node: TreeNode, key: Key): boolean {
    if (node.leaf) {
      const i = countLessOrEqual(node.keys, key) - 1;
      if (i < 0 || compareKeys(node.keys[i], key) !== 0) return false;
      node.keys.splice(i, 1);
      return true;
    }
    const c = countLessOrEqual(node.keys, key);
    if (!this.deleteFrom(node.children[c], key)) return false;
    if (nodeSize(node.children[c]) < this.min) rebalance(node, c, this.min);
    return true;
  }

  /** Position of the first key with pred true (pred must be monotone false→true). */
  seek(pred: (k: Key) => boolean): Pos {
    let node = this.root;
    while (!node.leaf) {
      this.stats.nodesVisited++;
      node = node.children[firstTrue(node.keys, pred)];
    }
    this.stats.nodesVisited++;
    return this.normalizeForward({ leaf: node, idx: firstTrue(node.keys, pred) });
  }

  /** Position of the last key with pred true (pred must be monotone true→false). */
  seekLast(pred: (k: Key) => boolean): Pos {
    const p = this.seek((k) => !pred(k));
    if (p.leaf === null) {
      const last = this.lastLeaf();
      return this.stepBack({ leaf: last, idx: last.keys.length });
    }
    return this.stepBack(p);
  }

  /** Moves past the end of a leaf to the next non-empty leaf. */
  normalizeForward(p: Pos): Pos {
    let { leaf, idx } = p;
    while (leaf !== null && idx >= leaf.keys.length) {
      leaf = leaf.next;
      idx = 0;
      if (leaf) this.stats.nodesVisited++;
    }
    return { leaf, idx };
  }

  /** Position just before `p` (p.idx may be one past the leaf's end). */
  stepBack(p: Pos): Pos {
    let leaf = p.leaf;
    let idx = p.idx - 1;
    while (leaf !== null && idx < 0) {
      leaf = leaf.prev;
      if (leaf) {
        this.stats.nodesVisited++;
        idx = leaf.keys.length - 1;
      }
    }
    return { leaf, idx };
  }

  private lastLeaf(): Leaf {
    let node = this.root;
    while (!node.leaf) node = node.children[node.children.length - 1];
    return node;
  }

  /** Checks B+tree invariants (tests only). Returns all keys in order. */
  checkInvariants(): Key[] {
    const out: Key[] = [];
    checkNode(this.root, { lo: null, hi: null, isRoot: true, min: this.min, max: this.max }, out);
    for (let i = 1; i < out.length; i++) {
      if (compareKeys(out[i - 1], out[i]) >= 0) throw new Error("keys out of order");
    }
    if (out.length !== this.count) throw new Error("count mismatch");
    let leaf: Leaf | null = this.firstLeaf();
    let n = 0;
    for (; leaf !== null; leaf = leaf.next) {
      if (leaf.next && leaf.next.prev !== leaf) throw new Error("broken leaf links");
      n += leaf.keys.length;
    }
    if (n !== this.count) throw new Error("leaf chain count mismatch");
    return out;
  }

  private firstLeaf(): Leaf {
    let node = this.root;
    while (!node.leaf) node = node.children[0];
    return node;
  }
}

function splitLeaf(leaf: Leaf): Split {
  const right = new Leaf();
  right.keys = leaf.keys.splice(leaf.keys.length >> 1);
  right.next = leaf.next;
  if (right.next) right.next.prev = right;
  right.prev = leaf;
  leaf.next = right;
  return { sep: right.keys[0], node: right };
}

function splitInternal(node: Internal): Split {
  const mid = node.children.length >> 1;
  const rightChildren = node.children.splice(mid);
  const rightKeys = node.keys.splice(mid);
  const sep = node.keys.pop() as Key;
  return { sep, node: new Internal(rightKeys, rightChildren) };
}

/** Fixes an underfull child `c` of `parent` by borrowing from or merging with a sibling. */
function rebalance(parent: Internal, c: number, min: number): void {
  const left = c > 0 ? parent.children[c - 1] : null;
  const right = c + 1 < parent.children.length ? parent.children[c + 1] : null;
  if (left && nodeSize(left) > min) borrowFromLeft(parent, c);
  else if (right && nodeSize(right) > min) borrowFromRight(parent, c);
  else if (left) merge(parent, c - 1);
  else if (right) merge(parent, c);
}

function borrowFromLeft(parent: Internal, c: number): void {
  const child = parent.children[c];
  const left = parent.children[c - 1];
  if (child.leaf && left.leaf) {
    child.keys.unshift(left.keys.pop() as Key);
    parent.keys[c - 1] = child.keys[0];
  } else if (!child.leaf && !left.leaf) {
    child.children.unshift(left.children.pop() as TreeNode);
    child.keys.unshift(parent.keys[c - 1]);
    parent.keys[c - 1] = left.keys.pop() as Key;
  }
}

function borrowFromRight(parent: Internal, c: number): void {
  const child = parent.children[c];
  const right = parent.children[c + 1];
  if (child.leaf && right.leaf) {
    child.keys.push(right.keys.shift() as Key);
    parent.keys[c] = right.keys[0];
  } else if (!child.leaf && !right.leaf) {
    child.children.push(right.children.shift() as TreeNode);
    child.keys.push(parent.keys[c]);
    parent.keys[c] = right.keys.shift() as Key;
  }
}

/** Merges children[i + 1] into children[i]. */
function merge(parent: Internal, i: number): void {
  const a = parent.children[i];
  const b = parent.children[i + 1];
  if (a.leaf && b.leaf) {
    for (const k of b.keys) a.keys.push(k);
    a.next = b.next;
    if (b.next) b.next.prev = a;
  } else if (!a.leaf && !b.leaf) {
    a.keys.push(parent.keys[i]);
    for (const k of b.keys) a.keys.push(k);
    for (const ch of b.children) a.children.push(ch);
  }
  parent.keys.splice(i, 1);
  parent.children.splice(i + 1, 1);
}

type CheckBounds = { lo: Key | null; hi: Key | null; isRoot: boolean; min: number; max: number };

/** Checks one subtree (sizes, separator bounds, balance); returns its height. */
function checkNode(node: TreeNode, b: CheckBounds, out: Key[]): number {
  if (!b.isRoot && nodeSize(node) < b.min) throw new Error("underfull node");
  if (nodeSize(node) > b.max) throw new Error("overfull node");
  if (node.leaf) {
    for (const k of node.keys) {
      if ((b.lo && compareKeys(k, b.lo) < 0) || (b.hi && compareKeys(k, b.hi) >= 0)) {
        throw new Error("key outside separator bounds");
      }
      out.push(k);
    }
    return 1;
  }
  if (node.keys.length !== node.children.length - 1) throw new Error("bad internal node");
  if (b.isRoot && node.children.length < 2) throw new Error("root with one child");
  const depths = node.children.map((ch, i) => {
    const lo = i === 0 ? b.lo : node.keys[i - 1];
    const hi = i === node.keys.length ? b.hi : node.keys[i];
    return checkNode(ch, { ...b, lo, hi, isRoot: false }, out);
  });
  if (depths.some((d) => d !== depths[0])) throw new Error("unbalanced tree");
  return depths[0] + 1;
}

// ---------------------------------------------------------------------------
// Lazy range iterator
// ---------------------------------------------------------------------------

class RangeIterator implements IterableIterator<string> {
  private pos: Pos | null = null;
  private version = -1;
  private lastKey: Key | null = null;
  private done = false;

  constructor(
    private readonly tree: BPlusTree,
    private readonly range: CompiledRange,
    private readonly order: Order,
    startAfter: Key | null = null,
  ) {
    this.lastKey = startAfter;
  }

  [Symbol.iterator](): IterableIterator<string> {
    return this;
  }

  next(): IteratorResult<string> {
    if (this.done) return { done: true, value: undefined };
    if (this.pos === null || this.version !== this.tree.version) this.reseek();
    const pos = this.pos as Pos;
    const key = pos.leaf?.keys[pos.idx];
    if (key === undefined || !this.inRangeAhead(key)) return this.finish();
    this.pos =
      this.order === "asc" ? this.tree.normalizeForward({ leaf: pos.leaf, idx: pos.idx + 1 }) : this.tree.stepBack(pos);
    this.lastKey = key;
    return { done: false, value: key[key.length - 1] as string };
  }

  return(): IteratorResult<string> {
    return this.finish();
  }

  private finish(): IteratorResult<string> {
    this.done = true;
    this.pos = null;
    return { done: true, value: undefined };
  }

  /** Whether `key` has not yet passed the far end of the range. */
  private inRangeAhead(key: Key): boolean {
    return this.order === "asc" ? this.range.belowUpper(key) : this.range.aboveLower(key);
  }

  /** (Re)positions on the first key at or after the start, past the last key yielded. */
  private reseek(): void {
    const { range, lastKey } = this;
    if (this.order === "asc") {
      this.pos = this.tree.seek((k) => range.aboveLower(k) && (lastKey === null || compareKeys(k, lastKey) > 0));
    } else {
      this.pos = this.tree.seekLast((k) => range.belowUpper(k) && (lastKey === null || compareKeys(k, lastKey) < 0));
    }
    this.version = this.tree.version;
  }
}

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
