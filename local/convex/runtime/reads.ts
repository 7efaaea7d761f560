/**
 * Read sets: what a query execution read (index ranges, single documents, whole tables), and
 * an index from tables to the subscriptions that read them, so a commit re-runs only the
 * subscriptions whose reads intersect its writes.
 */
import type { Change, Doc } from "./internals-shapes.ts";

export interface RangeRead {
  component: string;
  table: string;
  contains: (doc: Doc) => boolean;
}

export class ReadSet {
  readonly ranges: RangeRead[] = [];
  /** `component\0id` of single-document reads. */
  readonly ids = new Set<string>();
  /** The pagination end cursor from the subscription's journal, applied on re-execution. */
  journalIn: string | null;
  journalOut: string | null = null;

  constructor(journalIn: string | null = null) {
    this.journalIn = journalIn;
  }

  addRange(component: string, table: string, contains: (doc: Doc) => boolean): void {
    this.ranges.push({ component, table, contains });
  }

  addTable(component: string, table: string): void {
    this.ranges.push({ component, table, contains: () => true });
  }

  addId(component: string, id: string): void {
    this.ids.add(`${component}\u0000${id}`);
  }
}

/** Which subscriptions (keys K) a set of document changes invalidates. */
export class SubscriptionIndex<K> {
  private readonly byTable = new Map<string, Map<K, RangeRead[]>>();
  private readonly byId = new Map<string, Set<K>>();
  private readonly current = new Map<K, ReadSet>();

  set(key: K, reads: ReadSet): void {
    this.delete(key);
    this.current.set(key, reads);
    for (const range of reads.ranges) {
      const tableKey = `${range.component}\u0000${range.table}`;
      let subs = this.byTable.get(tableKey);
      if (!subs) this.byTable.set(tableKey, (subs = new Map()));
      const list = subs.get(key);
      if (list) list.push(range);
      else subs.set(key, [range]);
    }
    for (const id of reads.ids) {
      let subs = this.byId.get(id);
      if (!subs) this.byId.set(id, (subs = new Set()));
      subs.add(key);
    }
  }

  delete(key: K): void {
    const reads = this.current.get(key);
    if (!reads) return;
    this.current.delete(key);
    for (const range of reads.ranges) this.byTable.get(`${range.component}\u0000${range.table}`)?.delete(key);
    for (const id of reads.ids) {
      const subs = this.byId.get(id);
      subs?.delete(key);
      if (subs?.size === 0) this.byId.delete(id);
    }
  }

  get size(): number {
    return this.current.size;
  }

  affected(changes: Change[]): Set<K> {
    const hit = new Set<K>();
    for (const change of changes) {
      for (const key of this.byId.get(`${change.component}\u0000${change.id}`) ?? []) hit.add(key);
      const subs = this.byTable.get(`${change.component}\u0000${change.table}`);
      if (!subs) continue;
      for (const [key, ranges] of subs) {
        if (hit.has(key)) continue;
        const touches = (doc: Doc | null) => doc !== null && ranges.some((r) => r.contains(doc));
        if (touches(change.before) || touches(change.after)) hit.add(key);
      }
    }
    return hit;
  }
}
