/** The index engine's B+tree (see indexes.ts): ordered unique keys with lazy range iterators that survive concurrent changes. */
import { CompiledRange, Key, Order, compareKeys } from "./index-keys.ts";

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

export class RangeIterator implements IterableIterator<string> {
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
