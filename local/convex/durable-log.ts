/**
 * Durability layer of the local database server: an append-only log of JSON
 * records with fsync group commit, snapshot-based compaction and blob files.
 *
 * On-disk layout of the data directory:
 *   log-<gen>.bin         records appended during generation <gen> (6+ digit zero-padded decimal)
 *   snapshot-<gen>.jsonl  full state as of the start of log generation <gen>
 *   snapshot-<gen>.jsonl.tmp  snapshot being written (removed at open)
 *   blobs/<name>          blob files; blobs/<name>.<n>.tmp are unfinished writes (removed at open)
 *
 * Log record framing: [u32 LE payload length][u32 LE crc32 of payload][payload: UTF-8 JSON].
 *
 * Snapshot file: UTF-8 lines, each ending in "\n":
 *   #durable-log-snapshot v1
 *   <crc32 of json, 8 lowercase hex digits> <json>      one line per entry
 *   #end <number of entries>
 *
 * open() loads the newest snapshot G (if any) and replays log generations G, G+1, ... in order.
 * A torn record at the very end of the last written log is discarded with a warning; any other
 * damage is reported as an error.
 */
import * as fs from "node:fs";
import { mkdir, open as openFile, readdir, readFile, rename, unlink } from "node:fs/promises";
import * as path from "node:path";
import { crc32 } from "node:zlib";

export interface OpenedLog {
  log: DurableLog;
  /** Entries of the newest complete snapshot, in the order they were written (empty if none). */
  snapshot: unknown[];
  /** Records appended after that snapshot, in append order. */
  records: unknown[];
  /** Human-readable messages about recovery, e.g. a torn last record that was discarded. */
  warnings: string[];
}

const HEADER_BYTES = 8;
const SNAPSHOT_HEADER = "#durable-log-snapshot v1\n";
const SNAPSHOT_END = "#end ";
const SNAPSHOT_CHUNK_BYTES = 1 << 20;
const BLOB_NAME = /^[A-Za-z0-9_-]{1,200}$/;
const LOG_NAME = /^log-(\d+)\.bin$/;
const SNAPSHOT_NAME = /^snapshot-(\d+)\.jsonl$/;
const SNAPSHOT_TEMP_NAME = /^snapshot-\d+\.jsonl\.tmp$/;
const NEWLINE = 0x0a;

interface LogFile {
  gen: number;
  fd: number;
  bytes: number;
  needsDirSync: boolean;
  settled: Promise<void>;
}

interface PendingAppend {
  file: LogFile;
  frame: Buffer;
  resolve: () => void;
  reject: (error: Error) => void;
}

interface DirListing {
  logs: number[];
  snapshots: number[];
  temps: string[];
}

interface ParsedLog {
  records: unknown[];
  badOffset: number | null;
  reason: string;
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
    await mkdir(path.join(root, "blobs"), { recursive: true });
    const listing = listDir(await readdir(root));
    const snapshotGen = listing.snapshots.at(-1) ?? null;
    const snapshot = snapshotGen === null ? [] : await readSnapshot(root, snapshotGen);
    const base = snapshotGen ?? 1;
    const gens = listing.logs.filter((gen) => gen >= base);
    checkContiguous(root, base, gens, snapshotGen !== null);
    const { records, warnings } = await replayLogs(root, gens);
    const current = await openCurrentLog(root, gens.at(-1) ?? base);
    try {
      await removeStale(root, listing, base, snapshotGen);
      await fsyncDir(root);
    } catch (error) {
      await closeFd(current.fd);
      throw error;
    }
    return { log: new DurableLog(root, current), snapshot, records, warnings };
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

function noop(): void {}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === "ENOENT";
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

function toJson(value: unknown, what: string): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError(`${what} is not JSON-serializable.`);
  return json;
}

function encodeFrame(record: unknown): Buffer {
  const json = toJson(record, "Log record");
  const length = Buffer.byteLength(json);
  const frame = Buffer.allocUnsafe(HEADER_BYTES + length);
  frame.write(json, HEADER_BYTES, "utf8");
  frame.writeUInt32LE(length, 0);
  frame.writeUInt32LE(crc32(frame.subarray(HEADER_BYTES)), 4);
  return frame;
}

function logName(gen: number): string {
  return `log-${String(gen).padStart(6, "0")}.bin`;
}

function snapshotName(gen: number): string {
  return `snapshot-${String(gen).padStart(6, "0")}.jsonl`;
}

function damaged(dir: string, file: string, offset: number, problem: string): Error {
  return new Error(
    `The data directory ${dir} is damaged: ${file} at offset ${offset}: ${problem}. ` +
      `Refusing to open it; restore the directory from a backup or move the damaged file away.`,
  );
}

function listDir(names: string[]): DirListing {
  const listing: DirListing = { logs: [], snapshots: [], temps: [] };
  for (const name of names) {
    const log = LOG_NAME.exec(name);
    const snapshot = SNAPSHOT_NAME.exec(name);
    if (log) listing.logs.push(Number(log[1]));
    else if (snapshot) listing.snapshots.push(Number(snapshot[1]));
    else if (SNAPSHOT_TEMP_NAME.test(name)) listing.temps.push(name);
  }
  listing.logs.sort((a, b) => a - b);
  listing.snapshots.sort((a, b) => a - b);
  return listing;
}

function checkContiguous(dir: string, base: number, gens: number[], hasSnapshot: boolean): void {
  gens.forEach((gen, index) => {
    if (gen !== base + index) {
      const missing = logName(base + index);
      const after = hasSnapshot ? ` (needed after ${snapshotName(base)})` : "";
      throw new Error(`The data directory ${dir} is damaged: ${missing} is missing${after}.`);
    }
  });
}

async function replayLogs(dir: string, gens: number[]): Promise<{ records: unknown[]; warnings: string[] }> {
  const buffers = await Promise.all(gens.map((gen) => readFile(path.join(dir, logName(gen)))));
  const lastWritten = buffers.findLastIndex((buf) => buf.length > 0);
  const records: unknown[] = [];
  const warnings: string[] = [];
  for (let i = 0; i < buffers.length; i++) {
    const name = logName(gens[i]);
    const parsed = parseLog(buffers[i]);
    for (const record of parsed.records) records.push(record);
    if (parsed.badOffset === null) continue;
    const buf = buffers[i];
    if (i !== lastWritten || hasValidFrameAfter(buf, parsed.badOffset + 1)) {
      throw damaged(dir, name, parsed.badOffset, `${parsed.reason}, and valid data follows it`);
    }
    await truncateFile(path.join(dir, name), parsed.badOffset);
    warnings.push(
      `Discarded a torn record at the end of ${name} (${buf.length - parsed.badOffset} bytes at offset ` +
        `${parsed.badOffset}): the write in progress when the process stopped never completed.`,
    );
  }
  return { records, warnings };
}

function parseLog(buf: Buffer): ParsedLog {
  const records: unknown[] = [];
  let offset = 0;
  while (offset < buf.length) {
    const problem = framingProblem(buf, offset);
    if (problem) return { records, badOffset: offset, reason: problem };
    const end = offset + HEADER_BYTES + buf.readUInt32LE(offset);
    const parsed = parseJson(buf, offset + HEADER_BYTES, end);
    if (!parsed.ok) return { records, badOffset: offset, reason: "record payload is not valid JSON" };
    records.push(parsed.value);
    offset = end;
  }
  return { records, badOffset: null, reason: "" };
}

function framingProblem(buf: Buffer, offset: number): string | null {
  if (buf.length - offset < HEADER_BYTES) return "incomplete record header";
  const length = buf.readUInt32LE(offset);
  const start = offset + HEADER_BYTES;
  if (length === 0) return "record with zero length";
  if (buf.length - start < length) return `incomplete record (header claims ${length} bytes)`;
  if (crc32(buf.subarray(start, start + length)) !== buf.readUInt32LE(offset + 4)) return "record checksum mismatch";
  return null;
}

function parseJson(buf: Buffer, start: number, end: number): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(buf.toString("utf8", start, end)) };
  } catch {
    return { ok: false };
  }
}

function hasValidFrameAfter(buf: Buffer, from: number): boolean {
  for (let offset = from; offset + HEADER_BYTES < buf.length; offset++) {
    if (framingProblem(buf, offset) !== null) continue;
    if (parseJson(buf, offset + HEADER_BYTES, offset + HEADER_BYTES + buf.readUInt32LE(offset)).ok) return true;
  }
  return false;
}

async function readSnapshot(dir: string, gen: number): Promise<unknown[]> {
  const name = snapshotName(gen);
  const buf = await readFile(path.join(dir, name));
  const fail = (offset: number, problem: string) => damaged(dir, name, offset, problem);
  const header = Buffer.byteLength(SNAPSHOT_HEADER);
  if (buf.toString("utf8", 0, header) !== SNAPSHOT_HEADER) throw fail(0, "missing snapshot header");
  const entries: unknown[] = [];
  let offset = header;
  while (offset < buf.length) {
    const end = buf.indexOf(NEWLINE, offset);
    if (end < 0) throw fail(offset, "incomplete last line (snapshot was not fully written)");
    if (buf[offset] === 0x23) {
      checkSnapshotEnd(buf, offset, end, entries.length, fail);
      return entries;
    }
    entries.push(parseSnapshotLine(buf, offset, end, fail));
    offset = end + 1;
  }
  throw fail(offset, "missing end marker (snapshot was not fully written)");
}

function parseSnapshotLine(
  buf: Buffer,
  offset: number,
  end: number,
  fail: (offset: number, problem: string) => Error,
): unknown {
  const start = offset + 9;
  if (start > end || buf[offset + 8] !== 0x20) throw fail(offset, "malformed entry line");
  if (crcHex(buf.subarray(start, end)) !== buf.toString("latin1", offset, offset + 8)) {
    throw fail(offset, "entry checksum mismatch");
  }
  const parsed = parseJson(buf, start, end);
  if (!parsed.ok) throw fail(offset, "entry is not valid JSON");
  return parsed.value;
}

function crcHex(bytes: Uint8Array): string {
  return crc32(bytes).toString(16).padStart(8, "0");
}

function checkSnapshotEnd(
  buf: Buffer,
  offset: number,
  end: number,
  count: number,
  fail: (offset: number, problem: string) => Error,
): void {
  const line = buf.toString("utf8", offset, end);
  if (line !== `${SNAPSHOT_END}${count}`)
    throw fail(offset, `bad end marker ${JSON.stringify(line)} after ${count} entries`);
  if (end + 1 !== buf.length) throw fail(end + 1, "unexpected data after the end marker");
}

async function writeSnapshot(dir: string, gen: number, entries: Iterable<unknown>): Promise<void> {
  const target = path.join(dir, snapshotName(gen));
  const temp = `${target}.tmp`;
  const handle = await openFile(temp, "w");
  try {
    await streamSnapshot(handle.fd, entries);
    await fdatasync(handle.fd);
  } catch (error) {
    await handle.close();
    await unlink(temp).catch(noop);
    throw error;
  }
  await handle.close();
  await rename(temp, target);
  await fsyncDir(dir);
}

async function streamSnapshot(fd: number, entries: Iterable<unknown>): Promise<void> {
  const chunk = Buffer.allocUnsafe(SNAPSHOT_CHUNK_BYTES);
  let used = chunk.write(SNAPSHOT_HEADER, 0, "utf8");
  let count = 0;
  for (const entry of entries) {
    const json = toJson(entry, `Snapshot entry ${count}`);
    const lineBytes = 10 + Buffer.byteLength(json);
    if (used + lineBytes > chunk.length) {
      await writeAll(fd, chunk.subarray(0, used));
      used = 0;
    }
    if (lineBytes > chunk.length) await writeAll(fd, encodeSnapshotLine(Buffer.allocUnsafe(lineBytes), 0, json));
    else used += encodeSnapshotLine(chunk, used, json).length;
    count++;
  }
  const end = Buffer.from(`${SNAPSHOT_END}${count}\n`);
  if (used + end.length > chunk.length) {
    await writeAll(fd, chunk.subarray(0, used));
    used = 0;
  }
  used += end.copy(chunk, used);
  await writeAll(fd, chunk.subarray(0, used));
}

function encodeSnapshotLine(target: Buffer, offset: number, json: string): Buffer {
  const start = offset + 9;
  const end = start + target.write(json, start, "utf8");
  target.write(`${crcHex(target.subarray(start, end))} `, offset, "latin1");
  target[end] = NEWLINE;
  return target.subarray(offset, end + 1);
}

async function openCurrentLog(dir: string, gen: number): Promise<LogFile> {
  const flags = fs.constants.O_WRONLY | fs.constants.O_APPEND | fs.constants.O_CREAT;
  const fd = await openFd(path.join(dir, logName(gen)), flags);
  const { size } = await fstat(fd);
  return { gen, fd, bytes: size, needsDirSync: false, settled: Promise.resolve() };
}

function openFd(file: string, flags: number): Promise<number> {
  return new Promise((resolve, reject) =>
    fs.open(file, flags, 0o644, (error, fd) => (error ? reject(error) : resolve(fd))),
  );
}

function fstat(fd: number): Promise<fs.Stats> {
  return new Promise((resolve, reject) => fs.fstat(fd, (error, stats) => (error ? reject(error) : resolve(stats))));
}

function createLogFileSync(dir: string, gen: number): LogFile {
  const flags = fs.constants.O_WRONLY | fs.constants.O_APPEND | fs.constants.O_CREAT | fs.constants.O_EXCL;
  const fd = fs.openSync(path.join(dir, logName(gen)), flags, 0o644);
  return { gen, fd, bytes: 0, needsDirSync: true, settled: Promise.resolve() };
}

async function removeStale(dir: string, listing: DirListing, base: number, snapshotGen: number | null): Promise<void> {
  const names = [
    ...listing.temps,
    ...listing.logs.filter((gen) => gen < base).map(logName),
    ...listing.snapshots.filter((gen) => gen !== snapshotGen).map(snapshotName),
  ];
  await Promise.all(names.map((name) => unlink(path.join(dir, name))));
  const blobs = path.join(dir, "blobs");
  const blobTemps = (await readdir(blobs)).filter((name) => name.endsWith(".tmp"));
  await Promise.all(blobTemps.map((name) => unlink(path.join(blobs, name))));
}

async function removeGenerationsBelow(dir: string, gen: number): Promise<void> {
  const listing = listDir(await readdir(dir));
  const names = [
    ...listing.logs.filter((g) => g < gen).map(logName),
    ...listing.snapshots.filter((g) => g < gen).map(snapshotName),
  ];
  await Promise.all(names.map((name) => unlink(path.join(dir, name)).catch(noop)));
}

async function truncateFile(file: string, length: number): Promise<void> {
  const handle = await openFile(file, "r+");
  try {
    await handle.truncate(length);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function writeFileDurably(file: string, bytes: Uint8Array): Promise<void> {
  const handle = await openFile(file, "w");
  try {
    await writeAll(handle.fd, bytes);
    await fdatasync(handle.fd);
  } finally {
    await handle.close();
  }
}

function writeAll(fd: number, bytes: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    const step = (offset: number): void => {
      if (offset >= bytes.length) return resolve();
      fs.write(fd, bytes, offset, bytes.length - offset, null, (error, written) => {
        if (error) reject(error);
        else step(offset + written);
      });
    };
    step(0);
  });
}

function fdatasync(fd: number): Promise<void> {
  return new Promise((resolve, reject) => fs.fdatasync(fd, (error) => (error ? reject(error) : resolve())));
}

function closeFd(fd: number): Promise<void> {
  return new Promise((resolve, reject) => fs.close(fd, (error) => (error ? reject(error) : resolve())));
}

async function fsyncDir(dir: string): Promise<void> {
  const handle = await openFile(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
