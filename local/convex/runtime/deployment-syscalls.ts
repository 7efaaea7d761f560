/**
 * The syscalls a deployment intercepts: what a query reads (index ranges, documents, tables) for
 * reactivity, journals that keep a paginated page's end fixed, file URLs and scheduling.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { compileRange, type RangeExpr } from "../storage/index-keys.ts";
import type { Runtime } from "./internals-runtime.ts";
import type { QueryJson } from "./internals-shapes.ts";
import type { Jobs } from "./jobs.ts";
import { indexSource, type QueryEngine } from "./query-engine.ts";
import type { ReadSet } from "./reads.ts";

export const readTracking = new AsyncLocalStorage<ReadSet>();

/** Everything the wrapped syscalls use from the deployment. */
export interface SyscallContext {
  runtime: Runtime;
  engine: QueryEngine;
  jobs: Jobs;
  cloudUrl: string;
  uploadToken: () => string;
}

/** Wraps the runtime's syscalls so queries record their reads and storage and scheduling work as on a deployment. */
export function wrapSyscalls({ runtime: rt, engine, jobs, cloudUrl, uploadToken }: SyscallContext): void {
  const recordQuery = (query: QueryJson) => {
    const reads = readTracking.getStore();
    if (!reads) return;
    const component = rt.currentComponentPath();
    const source = indexSource(query);
    if (!source) {
      reads.addTable(component, query.source.type === "Search" ? query.source.indexName.split(".")[0] : "");
      return;
    }
    const compiled = compileRange(engine.fields(component, source), source.range as RangeExpr[]);
    reads.addRange(component, source.table, (doc) => compiled.contains(doc));
  };
  rt.wrapSyscalls({
    sync: (op, args, next) => {
      if (op === "1.0/queryStream") recordQuery((JSON.parse(args) as { query: QueryJson }).query);
      return next(op, args);
    },
    async: async (op, args, next) => {
      const reads = readTracking.getStore();
      switch (op) {
        case "1.0/storageGetUrl": {
          const { storageId } = JSON.parse(args) as { storageId: string };
          reads?.addId(rt.currentComponentPath(), storageId);
          const found = JSON.parse(await next(op, args)) as string | null;
          return JSON.stringify(found === null ? null : `${cloudUrl}/api/storage/${encodeURIComponent(storageId)}`);
        }
        case "1.0/storageGenerateUploadUrl":
          return JSON.stringify(`${cloudUrl}/api/storage/upload?token=${uploadToken()}`);
        case "1.0/get":
        case "1.0/storageGet": {
          const parsed = JSON.parse(args) as { id?: string; storageId?: string };
          reads?.addId(rt.currentComponentPath(), (parsed.id ?? parsed.storageId) as string);
          return await next(op, args);
        }
        case "1.0/count":
          reads?.addTable(rt.currentComponentPath(), (JSON.parse(args) as { table: string }).table);
          return await next(op, args);
        case "1.0/queryPage":
          return await queryPage(args, next, recordQuery);
        case "1.0/schedule":
          return jobs.schedule(args);
        default:
          return await next(op, args);
      }
    },
  });
}

async function queryPage(
  args: string,
  next: (op: string, args: string) => Promise<string>,
  record: (q: QueryJson) => void,
): Promise<string> {
  const reads = readTracking.getStore();
  const parsed = JSON.parse(args) as { query: QueryJson; endCursor: string | null };
  record(parsed.query);
  if (reads?.journalIn && !parsed.endCursor) parsed.endCursor = reads.journalIn;
  const result = await next("1.0/queryPage", JSON.stringify(parsed));
  if (reads) reads.journalOut = parsed.endCursor ?? (JSON.parse(result) as { continueCursor: string }).continueCursor;
  return result;
}
