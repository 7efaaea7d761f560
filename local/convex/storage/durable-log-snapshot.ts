/**
 * The durable log's snapshot file: written in chunks to a temp file, synced and renamed into
 * place; read back with every line checked.
 *
 * Snapshot file: UTF-8 lines, each ending in "\n":
 *   #durable-log-snapshot v1
 *   <crc32 of json, 8 lowercase hex digits> <json>      one line per entry
 *   #end <number of entries>
 */
import { open as openFile, readFile, rename, unlink } from "node:fs/promises";
import * as path from "node:path";
import { crc32 } from "node:zlib";
import { fdatasync, fsyncDir, noop, writeAll } from "./durable-log-files.ts";
import { damaged, parseJson, snapshotName, toJson } from "./durable-log-format.ts";

const SNAPSHOT_HEADER = "#durable-log-snapshot v1\n";
const SNAPSHOT_END = "#end ";
const SNAPSHOT_CHUNK_BYTES = 1 << 20;
const NEWLINE = 0x0a;

export async function readSnapshot(dir: string, gen: number): Promise<unknown[]> {
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

export async function writeSnapshot(dir: string, gen: number, entries: Iterable<unknown>): Promise<void> {
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
