/**
 * What DurableLog.open() does to recover a data directory: checks that no log generation is
 * missing, replays the logs (discarding a torn last record, refusing other damage) and removes
 * what an interrupted compaction or blob write left behind; and, after a compaction, the
 * generations the new snapshot replaces.
 *
 * open() loads the newest snapshot G (if any) and replays log generations G, G+1, ... in order.
 * A torn record at the very end of the last written log is discarded with a warning; any other
 * damage is reported as an error.
 */
import { mkdir, open as openFile, readdir, readFile, unlink } from "node:fs/promises";
import * as path from "node:path";
import { closeFd, fsyncDir, noop, openCurrentLog, type LogFile } from "./durable-log-files.ts";
import {
  damaged,
  hasValidFrameAfter,
  listDir,
  logName,
  parseLog,
  snapshotName,
  type DirListing,
} from "./durable-log-format.ts";
import { readSnapshot } from "./durable-log-snapshot.ts";

export interface RecoveredDir {
  /** The newest log generation, open for appending. */
  current: LogFile;
  snapshot: unknown[];
  records: unknown[];
  warnings: string[];
}

/** What DurableLog.open() does with the data directory `root` before the log can append. */
export async function recoverDir(root: string): Promise<RecoveredDir> {
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
  return { current, snapshot, records, warnings };
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

export async function removeGenerationsBelow(dir: string, gen: number): Promise<void> {
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
