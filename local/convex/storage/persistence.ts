/**
 * What the durable log holds for a deployment, and how state is rebuilt from it.
 *
 * A commit record: `{ ts, c: { component: [nextDocId, lastCreationTime] }, w: [[component, id,
 * doc | null]] }` with documents in Convex's JSON encoding (int64, bytes survive). A snapshot is a
 * `meta` entry followed by one entry per document.
 */
import { convexToJson, jsonToConvex, type JSONValue, type Value } from "convex/values";
import type { Runtime } from "../runtime/internals-runtime.ts";
import type { CommitInfo, Doc } from "../runtime/internals-shapes.ts";

type Counters = { nextDocId: number; lastCreationTime: number };
type CommitRecord = { ts: string; c: Record<string, [number, number]>; w: [string, string, JSONValue | null][] };
type SnapshotMeta = { meta: { ts: string; counters: Record<string, [number, number]> } };
type SnapshotDoc = { c: string; d: JSONValue };

export interface RestoredState {
  ts: bigint;
  documents: Map<string, Map<string, Doc>>;
  counters: Map<string, Counters>;
}

export function encodeCommit(commit: CommitInfo): CommitRecord {
  const c: Record<string, [number, number]> = {};
  for (const [component, v] of Object.entries(commit.counters)) c[component] = [v.nextDocId, v.lastCreationTime];
  return {
    ts: commit.ts.toString(),
    c,
    w: commit.changes.map((ch) => [ch.component, ch.id, ch.after === null ? null : convexToJson(ch.after as Value)]),
  };
}

export function* snapshotEntries(runtime: Runtime, ts: bigint): Generator<SnapshotMeta | SnapshotDoc> {
  const counters: Record<string, [number, number]> = {};
  for (const component of runtime.componentPaths()) {
    const v = runtime.counters(component);
    counters[component] = [v.nextDocId, v.lastCreationTime];
  }
  yield { meta: { ts: ts.toString(), counters } };
  for (const component of runtime.componentPaths()) {
    for (const doc of runtime.documents(component)) yield { c: component, d: convexToJson(doc as Value) };
  }
}

export function restoreState(snapshot: unknown[], records: unknown[]): RestoredState {
  const state: RestoredState = { ts: 0n, documents: new Map(), counters: new Map() };
  const docsOf = (component: string) => {
    let docs = state.documents.get(component);
    if (!docs) state.documents.set(component, (docs = new Map()));
    return docs;
  };
  const setCounters = (c: Record<string, [number, number]>) => {
    for (const [component, [nextDocId, lastCreationTime]] of Object.entries(c)) {
      state.counters.set(component, { nextDocId, lastCreationTime });
      docsOf(component);
    }
  };
  for (const entry of snapshot as (SnapshotMeta | SnapshotDoc)[]) {
    if ("meta" in entry) {
      state.ts = BigInt(entry.meta.ts);
      setCounters(entry.meta.counters);
    } else {
      const doc = jsonToConvex(entry.d) as Doc;
      docsOf(entry.c).set(doc._id, doc);
    }
  }
  for (const record of records as CommitRecord[]) {
    const ts = BigInt(record.ts);
    if (ts > state.ts) state.ts = ts;
    setCounters(record.c);
    for (const [component, id, doc] of record.w) {
      if (doc === null) docsOf(component).delete(id);
      else docsOf(component).set(id, jsonToConvex(doc) as Doc);
    }
  }
  return state;
}

/** File name of a stored blob: component path and storage id, in the log's allowed alphabet. */
export function blobName(component: string, storageId: string): string {
  const c = component === "" ? "root" : `c-${component.replace(/[^A-Za-z0-9]/g, "-")}`;
  return `${c}_${storageId.replace(/[^A-Za-z0-9_-]/g, "-")}`;
}
