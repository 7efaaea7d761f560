/**
 * Durability layer of the local database server: an append-only log of JSON
 * records with fsync group commit, snapshot-based compaction and blob files.
 *
 * This module holds the log itself: the append queue (group commit), compaction and blobs. The
 * data directory's layout and the record framing are in durable-log-format.ts, the snapshot file
 * in durable-log-snapshot.ts, what open() does to recover in durable-log-recovery.ts, and the file
 * primitives in durable-log-files.ts.
 */
import { readFile, rename, unlink } from "node:fs/promises";
import * as path from "node:path";
import {
  asError,
  closeFd,
  createLogFileSync,
  fdatasync,
  fsyncDir,
  isNotFound,
  noop,
  writeAll,
  writeFileDurably,
  type LogFile,
} from "./durable-log-files.ts";
import { encodeFrame } from "./durable-log-format.ts";
import { recoverDir, removeGenerationsBelow } from "./durable-log-recovery.ts";
import { writeSnapshot } from "./durable-log-snapshot.ts";

export interface OpenedLog {
  log: DurableLog;
  /** Entries of the newest complete snapshot, in the order they were written (empty if none). */
  snapshot: unknown[];
  /** Records appended after that snapshot, in append order. */
  records: unknown[];
  /** Human-readable messages about recovery, e.g. a torn last record that was discarded. */
  warnings: string[];
}

const BLOB_NAME = /^[A-Za-z0-9_-]{1,200}$/;

interface PendingAppend {
  file: LogFile;
  frame: Buffer;
  resolve: () => void;
  reject: (error: Error) => void;
}

export class DurableLog {
  private current: LogFile;
  private queue: PendingAppend[] = [];
  private flushing = false;
  private idleWaiters: (() => void)[] = [];
  private failure: Error | null = null;
  private closed = false;
  private closing: Promise<void> | null = null;
  private compaction: Promise<void> | null = null;
  private syncs = 0;
  private blobCounter = 0;

  private constructor(
    private readonly dir: string,
    current: LogFile,
  ) {
    this.current = current;
  }

  static async open(dir: string): Promise<OpenedLog> {
    const root = path.resolve(dir);
    const { current, ...recovered } = await recoverDir(root);
    return { log: new DurableLog(root, current), ...recovered };
  }

  get logBytes(): number {
    return this.current.bytes;
  }

  /** Number of log write+fdatasync rounds so far (exposed for tests and metrics). */
  get syncCount(): number {
    return this.syncs;
  }

  append(record: unknown): Promise<void> {
    const unusable = this.unusableReason();
    if (unusable) return Promise.reject(unusable);
    let frame: Buffer;
    try {
      frame = encodeFrame(record);
    } catch (error) {
      return Promise.reject(asError(error));
    }
    const file = this.current;
    file.bytes += frame.length;
    const done = new Promise<void>((resolve, reject) => {
      this.queue.push({ file, frame, resolve, reject });
    });
    file.settled = done.then(noop, noop);
    this.scheduleFlush();
    return done;
  }

  /**
   * Replaces history with a snapshot of the state as of every record appended before this call.
   * `entries` is iterated asynchronously while the snapshot is written, so it must not change
   * until the returned promise settles. Rejects if another compaction is still running.
   */
  compact(entries: Iterable<unknown>): Promise<void> {
    const unusable = this.unusableReason();
    if (unusable) return Promise.reject(unusable);
    if (this.compaction) return Promise.reject(new Error("A compaction is already in progress."));
    const previous = this.current;
    try {
      this.current = createLogFileSync(this.dir, previous.gen + 1);
    } catch (error) {
      return Promise.reject(asError(error));
    }
    const run = this.runCompaction(previous, this.current.gen, entries).finally(() => {
      this.compaction = null;
    });
    this.compaction = run;
    return run;
  }

  async writeBlob(name: string, bytes: Uint8Array): Promise<void> {
    const target = this.blobPath(name);
    const temp = `${target}.${this.blobCounter++}.tmp`;
    await writeFileDurably(temp, bytes);
    await rename(temp, target);
    await fsyncDir(path.dirname(target));
  }

  async readBlob(name: string): Promise<Uint8Array | null> {
    const target = this.blobPath(name);
    try {
      const buf = await readFile(target);
      return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async deleteBlob(name: string): Promise<void> {
    const target = this.blobPath(name);
    try {
      await unlink(target);
    } catch (error) {
      if (isNotFound(error)) return;
      throw error;
    }
    await fsyncDir(path.dirname(target));
  }

  close(): Promise<void> {
    this.closed = true;
    this.closing ??= this.finishClose();
    return this.closing;
  }

  private async finishClose(): Promise<void> {
    await this.compaction?.catch(noop);
    await this.waitIdle();
    await closeFd(this.current.fd);
  }

  private unusableReason(): Error | null {
    if (this.closed) return new Error("DurableLog is closed.");
    if (this.failure) return new Error(`DurableLog is unusable after a write failure: ${this.failure.message}`);
    return null;
  }

  private scheduleFlush(): void {
    if (this.flushing) return;
    this.flushing = true;
    queueMicrotask(() => void this.flushLoop());
  }

  private async flushLoop(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      await this.writeBatch(batch);
    }
    this.flushing = false;
    for (const wake of this.idleWaiters.splice(0)) wake();
  }

  private async writeBatch(batch: PendingAppend[]): Promise<void> {
    for (const group of groupByFile(batch)) {
      if (this.failure) {
        rejectAll(group, this.failure);
        continue;
      }
      try {
        await this.commitGroup(group);
      } catch (error) {
        this.failure = asError(error);
        rejectAll(group, this.failure);
      }
    }
  }

  private async commitGroup(group: PendingAppend[]): Promise<void> {
    const file = group[0].file;
    const bytes = group.length === 1 ? group[0].frame : Buffer.concat(group.map((p) => p.frame));
    await writeAll(file.fd, bytes);
    await fdatasync(file.fd);
    if (file.needsDirSync) {
      await fsyncDir(this.dir);
      file.needsDirSync = false;
    }
    this.syncs++;
    for (const pending of group) pending.resolve();
  }

  private waitIdle(): Promise<void> {
    if (!this.flushing) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async runCompaction(previous: LogFile, gen: number, entries: Iterable<unknown>): Promise<void> {
    try {
      await writeSnapshot(this.dir, gen, entries);
    } finally {
      await previous.settled;
      await closeFd(previous.fd);
    }
    await removeGenerationsBelow(this.dir, gen);
  }

  private blobPath(name: string): string {
    if (typeof name !== "string" || !BLOB_NAME.test(name)) {
      throw new Error(`Invalid blob name ${JSON.stringify(name)}: use 1-200 characters from [A-Za-z0-9_-].`);
    }
    return path.join(this.dir, "blobs", name);
  }
}

function rejectAll(group: PendingAppend[], error: Error): void {
  for (const pending of group) pending.reject(error);
}

function groupByFile(batch: PendingAppend[]): PendingAppend[][] {
  const groups: PendingAppend[][] = [];
  for (const pending of batch) {
    const last = groups.at(-1);
    if (last && last[0].file === pending.file) last.push(pending);
    else groups.push([pending]);
  }
  return groups;
}
