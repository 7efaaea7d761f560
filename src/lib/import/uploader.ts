/**
 * Uploads a prepared import (see `convex/model/shared/contactImport.ts`) to the backend: creates the
 * list, sends the accepted rows in batches sized for Convex's transaction limits, then the
 * rejected rows, then finishes the list. Plain TypeScript over any client with
 * `mutation(ref, args)` (ConvexClient in the browser, ConvexHttpClient in scripts).
 *
 * Resuming: batches are numbered and the backend stores each once (`appendBatch` ignores a batch
 * it already has and answers with how many it has), so after a failure `upload()` again — or a
 * new uploader given the `listId` — starts over from batch 0 and skips ahead to where the backend
 * stands. It must be given the same prepared import (same file, mapping and batch size).
 *
 * Imports are relative (not `$convex`/`$lib`) so the CLI and the benchmark run this file in Node.
 */
import type { FunctionArgs, FunctionReference, FunctionReturnType } from "convex/server";
import { api } from "../../../convex/_generated/api";
import type { Id } from "../../../convex/_generated/dataModel";
import type { AcceptedEntry, ImportResult, RejectedRow } from "../../../convex/model/shared/contactImport";
import { errorCode, errorMessage } from "../../../convex/model/shared/errors";

/** What the uploader needs of a Convex client. */
export interface MutationClient {
  mutation<M extends FunctionReference<"mutation">>(ref: M, args: FunctionArgs<M>): Promise<FunctionReturnType<M>>;
}

export type UploadPhase = "creating" | "contacts" | "rejections" | "finishing" | "done";

export type UploadProgress = {
  phase: UploadPhase;
  /** Accepted rows the backend has stored, of `rows`. */
  rowsDone: number;
  rows: number;
  batchesDone: number;
  batches: number;
  /** 0–1 over the whole upload, for a progress bar. */
  fraction: number;
};

export type UploadOptions = {
  /** Rows per `appendBatch` (500: see convex/model/contactLists/README.md for the limits behind it). */
  batchSize?: number;
  /** Bytes of rows (JSON) per batch at most, whatever their count. */
  maxBatchBytes?: number;
  /** Attempts per call when the network or the server fails (errors with a Parley code are not retried). */
  attempts?: number;
  /** Waits between attempts; tests pass one that doesn't wait. */
  sleep?: (ms: number) => Promise<void>;
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
  /** An existing list to resume. */
  listId?: Id<"contactLists">;
};

export type ListDetails = { officeId: Id<"offices">; name: string; tags: string[] };

export const BATCH_SIZE = 500;
export const MAX_BATCH_BYTES = 2 * 1024 * 1024;
const REJECTIONS_PER_CALL = 500;

/** The failure of an upload after its retries; the list stays "importing" and `upload()` resumes it. */
export class UploadError extends Error {
  constructor(
    readonly listId: Id<"contactLists"> | null,
    readonly cause: unknown,
  ) {
    super(errorCode(cause) !== null ? errorMessage(cause) : cause instanceof Error ? cause.message : String(cause));
    this.name = "UploadError";
  }
}

const encoder = new TextEncoder();

/** Accepted rows cut into batches of at most `maxRows` rows and `maxBytes` bytes of JSON. Deterministic. */
export function planBatches(entries: readonly AcceptedEntry[], maxRows = BATCH_SIZE, maxBytes = MAX_BATCH_BYTES) {
  const batches: AcceptedEntry[][] = [];
  let current: AcceptedEntry[] = [];
  let bytes = 0;
  for (const entry of entries) {
    const size = encoder.encode(JSON.stringify(entry)).length;
    if (current.length > 0 && (current.length >= maxRows || bytes + size > maxBytes)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(entry);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class ListUploader {
  listId: Id<"contactLists"> | null;
  private readonly options: UploadOptions;

  constructor(
    private readonly client: MutationClient,
    options: UploadOptions = {},
  ) {
    this.options = options;
    this.listId = options.listId ?? null;
  }

  /** Runs (or resumes) the whole upload; returns the list's id. Throws UploadError. */
  async upload(prepared: ImportResult, details: ListDetails): Promise<Id<"contactLists">> {
    const batches = planBatches(prepared.accepted, this.options.batchSize, this.options.maxBatchBytes);
    const rows = prepared.accepted.length;
    const report = (phase: UploadPhase, batchesDone: number, fraction: number) => {
      const rowsDone = batches.slice(0, batchesDone).reduce((n, b) => n + b.length, 0);
      this.options.onProgress?.({ phase, rowsDone, rows, batchesDone, batches: batches.length, fraction });
    };
    try {
      report("creating", 0, 0);
      const listId = (this.listId ??= await this.call(api.contactLists.create, {
        ...details,
        columns: prepared.columns,
      }));
      for (let i = 0; i < batches.length;) {
        const entries = batches[i];
        const { importedBatches } = await this.call(api.contactLists.appendBatch, { listId, batchIndex: i, entries });
        i = Math.max(i + 1, importedBatches);
        report("contacts", Math.min(i, batches.length), 0.95 * (Math.min(i, batches.length) / batches.length));
      }
      await this.sendRejections(listId, prepared.rejected, (done) =>
        report("rejections", batches.length, 0.95 + 0.04 * done),
      );
      report("finishing", batches.length, 0.99);
      await this.call(api.contactLists.finish, { listId, duplicates: prepared.duplicates });
      report("done", batches.length, 1);
      return listId;
    } catch (error) {
      throw error instanceof UploadError ? error : new UploadError(this.listId, error);
    }
  }

  private async sendRejections(
    listId: Id<"contactLists">,
    rejected: readonly RejectedRow[],
    progress: (f: number) => void,
  ) {
    for (let from = 0; from < rejected.length; from += REJECTIONS_PER_CALL) {
      const rows = rejected.slice(from, from + REJECTIONS_PER_CALL).map(({ row, reason }) => ({ row, reason }));
      await this.call(api.contactLists.addRejections, { listId, rows });
      progress(Math.min(1, (from + rows.length) / rejected.length));
    }
  }

  /** One mutation, retried with backoff (0.5 s, 1 s, 2 s, …) unless it failed with a Parley error code. */
  private async call<M extends FunctionReference<"mutation">>(
    ref: M,
    args: FunctionArgs<M>,
  ): Promise<FunctionReturnType<M>> {
    const attempts = this.options.attempts ?? 4;
    for (let attempt = 1; ; attempt++) {
      if (this.options.signal?.aborted) throw new UploadError(this.listId, new Error("The upload was cancelled."));
      try {
        return await this.client.mutation(ref, args);
      } catch (error) {
        if (errorCode(error) !== null || attempt >= attempts) throw new UploadError(this.listId, error);
        await (this.options.sleep ?? wait)(500 * 2 ** (attempt - 1));
      }
    }
  }
}
