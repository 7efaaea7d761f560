/**
 * The durable log's on-disk format: file names, directory listing and log record framing.
 *
 * On-disk layout of the data directory:
 *   log-<gen>.bin         records appended during generation <gen> (6+ digit zero-padded decimal)
 *   snapshot-<gen>.jsonl  full state as of the start of log generation <gen>
 *   snapshot-<gen>.jsonl.tmp  snapshot being written (removed at open)
 *   blobs/<name>          blob files; blobs/<name>.<n>.tmp are unfinished writes (removed at open)
 *
 * Log record framing: [u32 LE payload length][u32 LE crc32 of payload][payload: UTF-8 JSON].
 */
import { crc32 } from "node:zlib";

const HEADER_BYTES = 8;
const LOG_NAME = /^log-(\d+)\.bin$/;
const SNAPSHOT_NAME = /^snapshot-(\d+)\.jsonl$/;
const SNAPSHOT_TEMP_NAME = /^snapshot-\d+\.jsonl\.tmp$/;

export interface DirListing {
  logs: number[];
  snapshots: number[];
  temps: string[];
}

interface ParsedLog {
  records: unknown[];
  badOffset: number | null;
  reason: string;
}

export function toJson(value: unknown, what: string): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError(`${what} is not JSON-serializable.`);
  return json;
}

export function encodeFrame(record: unknown): Buffer {
  const json = toJson(record, "Log record");
  const length = Buffer.byteLength(json);
  const frame = Buffer.allocUnsafe(HEADER_BYTES + length);
  frame.write(json, HEADER_BYTES, "utf8");
  frame.writeUInt32LE(length, 0);
  frame.writeUInt32LE(crc32(frame.subarray(HEADER_BYTES)), 4);
  return frame;
}

export function logName(gen: number): string {
  return `log-${String(gen).padStart(6, "0")}.bin`;
}

export function snapshotName(gen: number): string {
  return `snapshot-${String(gen).padStart(6, "0")}.jsonl`;
}

export function damaged(dir: string, file: string, offset: number, problem: string): Error {
  return new Error(
    `The data directory ${dir} is damaged: ${file} at offset ${offset}: ${problem}. ` +
      `Refusing to open it; restore the directory from a backup or move the damaged file away.`,
  );
}

export function listDir(names: string[]): DirListing {
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

export function parseLog(buf: Buffer): ParsedLog {
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

export function parseJson(buf: Buffer, start: number, end: number): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(buf.toString("utf8", start, end)) };
  } catch {
    return { ok: false };
  }
}

export function hasValidFrameAfter(buf: Buffer, from: number): boolean {
  for (let offset = from; offset + HEADER_BYTES < buf.length; offset++) {
    if (framingProblem(buf, offset) !== null) continue;
    if (parseJson(buf, offset + HEADER_BYTES, offset + HEADER_BYTES + buf.readUInt32LE(offset)).ok) return true;
  }
  return false;
}
