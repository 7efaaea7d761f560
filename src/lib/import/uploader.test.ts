import { getFunctionName, type FunctionReference } from "convex/server";
import { ConvexError } from "convex/values";
import { describe, expect, test } from "vitest";
import type { AcceptedEntry, ImportResult } from "$convex/model/shared/contactImport";
import { ListUploader, UploadError, planBatches, type MutationClient, type UploadProgress } from "./uploader";

const entry = (i: number): AcceptedEntry => ({
  row: i + 2,
  phone: `+1415${String(2000000 + i)}`,
  firstName: `F${i}`,
  lastName: "L",
  fields: { Program: "Nursing" },
});

const prepared = (accepted: number, rejected = 0): ImportResult => ({
  columns: ["Program"],
  accepted: Array.from({ length: accepted }, (_, i) => entry(i)),
  duplicates: 3,
  rejected: Array.from({ length: rejected }, (_, i) => ({ row: accepted + i + 2, reason: "missing phone" })),
  rows: accepted + rejected + 3,
});

const details = { officeId: "office1" as never, name: "Fall", tags: [] };

/** The backend's import rules in memory, with a way to make calls fail. */
class FakeBackend implements MutationClient {
  calls: string[] = [];
  stored: AcceptedEntry[] = [];
  batches = 0;
  rejections = new Map<number, string>();
  finished: { duplicates?: number } | null = null;
  lists = 0;
  /** Called before each call; throw to fail it. `after` fails it after the write (a lost response). */
  failWhen: ((name: string, args: Record<string, unknown>) => "before" | "after" | null) | null = null;

  async mutation<M extends FunctionReference<"mutation">>(ref: M, rawArgs: M["_args"]): Promise<M["_returnType"]> {
    const name = getFunctionName(ref);
    const args = rawArgs as Record<string, unknown>;
    this.calls.push(`${name}${"batchIndex" in args ? ` ${String(args.batchIndex)}` : ""}`);
    const fail = this.failWhen?.(name, args) ?? null;
    if (fail === "before") throw new TypeError("fetch failed");
    const result = this.apply(name, args);
    if (fail === "after") throw new TypeError("fetch failed");
    return result as M["_returnType"];
  }

  private apply(name: string, args: Record<string, unknown>): unknown {
    if (name === "contactLists:create") return `list${++this.lists}`;
    if (name === "contactLists:appendBatch") {
      const index = args.batchIndex as number;
      if (index > this.batches) throw new ConvexError({ code: "INVALID", message: "out of order" });
      if (index === this.batches) {
        this.stored.push(...(args.entries as AcceptedEntry[]));
        this.batches += 1;
      }
      return { importedBatches: this.batches, contactCount: this.stored.length, duplicateCount: 0 };
    }
    if (name === "contactLists:addRejections") {
      for (const r of args.rows as { row: number; reason: string }[]) this.rejections.set(r.row, r.reason);
      return this.rejections.size;
    }
    if (name === "contactLists:finish") return void (this.finished = { duplicates: args.duplicates as number });
    throw new Error(`unexpected ${name}`);
  }
}

const noWait = (waits: number[] = []) => ({ sleep: async (ms: number) => void waits.push(ms) });

describe("ListUploader", () => {
  test("creates the list, sends 500-row batches in order, then the rejected rows, then finishes", async () => {
    const backend = new FakeBackend();
    const progress: UploadProgress[] = [];
    const uploader = new ListUploader(backend, { ...noWait(), onProgress: (p) => progress.push(p) });
    const listId = await uploader.upload(prepared(1201, 600), details);
    expect(listId).toBe("list1");
    expect(backend.calls).toEqual([
      "contactLists:create",
      "contactLists:appendBatch 0",
      "contactLists:appendBatch 1",
      "contactLists:appendBatch 2",
      "contactLists:addRejections",
      "contactLists:addRejections",
      "contactLists:finish",
    ]);
    expect(backend.stored.map((e) => e.row)).toEqual(prepared(1201).accepted.map((e) => e.row));
    expect(backend.rejections.size).toBe(600);
    expect(backend.finished).toEqual({ duplicates: 3 });
    const fractions = progress.map((p) => p.fraction);
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
    expect(progress.at(-1)).toMatchObject({ phase: "done", fraction: 1, rowsDone: 1201, batchesDone: 3, batches: 3 });
  });

  test("a failed call is retried with backoff; a lost response makes the resent batch a no-op", async () => {
    const backend = new FakeBackend();
    let failures = 0;
    backend.failWhen = (name, args) => {
      if (name !== "contactLists:appendBatch" || args.batchIndex !== 1 || failures >= 2) return null;
      failures += 1;
      return failures === 1 ? "before" : "after";
    };
    const waits: number[] = [];
    await new ListUploader(backend, noWait(waits)).upload(prepared(1500), details);
    expect(waits).toEqual([500, 1000]);
    expect(backend.stored).toHaveLength(1500);
    expect(new Set(backend.stored.map((e) => e.phone)).size).toBe(1500);
  });

  test("after the retries the upload fails with the list's id, and upload() again resumes where the backend stands", async () => {
    const backend = new FakeBackend();
    backend.failWhen = (name, args) => (name === "contactLists:appendBatch" && args.batchIndex === 2 ? "before" : null);
    const uploader = new ListUploader(backend, { ...noWait(), attempts: 3 });
    const error = await uploader.upload(prepared(2000), details).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UploadError);
    expect((error as UploadError).listId).toBe("list1");
    expect(backend.batches).toBe(2);
    backend.failWhen = null;
    backend.calls = [];
    expect(await uploader.upload(prepared(2000), details)).toBe("list1");
    expect(backend.calls).toEqual([
      "contactLists:appendBatch 0",
      "contactLists:appendBatch 2",
      "contactLists:appendBatch 3",
      "contactLists:finish",
    ]);
    expect(backend.stored).toHaveLength(2000);
    expect(backend.lists).toBe(1);
  });

  test("a new uploader resumes a list by id; an error with a Parley code is not retried", async () => {
    const backend = new FakeBackend();
    backend.lists = 1;
    const resumed = new ListUploader(backend, { ...noWait(), listId: "list1" as never });
    expect(await resumed.upload(prepared(10), details)).toBe("list1");
    expect(backend.lists).toBe(1);
    const refusing: MutationClient = {
      mutation: () => Promise.reject(new ConvexError({ code: "FORBIDDEN", message: "Your role can't." })),
    };
    const waits: number[] = [];
    const error = await new ListUploader(refusing, noWait(waits))
      .upload(prepared(10), details)
      .catch((e: unknown) => e);
    expect((error as UploadError).message).toBe("Your role can't.");
    expect(waits).toEqual([]);
  });

  test("batches are cut by rows and by bytes, the same way every time", () => {
    expect(planBatches(prepared(1001).accepted).map((b) => b.length)).toEqual([500, 500, 1]);
    const wide = Array.from({ length: 10 }, (_, i) => ({ ...entry(i), fields: { Notes: "x".repeat(1000) } }));
    expect(planBatches(wide, 500, 3500).map((b) => b.length)).toEqual([3, 3, 3, 1]);
  });
});
