import { spawn } from "node:child_process";
import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { crc32 } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { DurableLog, type OpenedLog } from "./durable-log.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const projectRoot = path.resolve(here, "../../..");
const dirs: string[] = [];
const opened: DurableLog[] = [];

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "durable-log-"));
  dirs.push(dir);
  return dir;
}

async function open(dir: string): Promise<OpenedLog> {
  const result = await DurableLog.open(dir);
  opened.push(result.log);
  return result;
}

async function writeRecords(dir: string, records: unknown[]): Promise<void> {
  const { log } = await open(dir);
  for (const record of records) await log.append(record);
  await log.close();
}

function frame(record: unknown): Buffer {
  const payload = Buffer.from(JSON.stringify(record));
  const header = Buffer.alloc(8);
  header.writeUInt32LE(payload.length, 0);
  header.writeUInt32LE(crc32(payload), 4);
  return Buffer.concat([header, payload]);
}

function logPath(dir: string, gen = 1): string {
  return path.join(dir, `log-${String(gen).padStart(6, "0")}.bin`);
}

type KV = { k: string; v: number };

function materialize(result: OpenedLog): Record<string, number> {
  const state: Record<string, number> = {};
  for (const entry of result.snapshot as [string, number][]) state[entry[0]] = entry[1];
  for (const record of result.records as KV[]) state[record.k] = record.v;
  return state;
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((log) => log.close().catch(() => {})));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("append and recovery", () => {
  it("recovers appended records in order with exact values", async () => {
    const dir = tempDir();
    const records = [
      { id: 1, nested: { list: [1, 2, { deep: [null, true, false] }], empty: {} } },
      "plain string",
      "unicode: héllo wörld 你好 🎉 \u2028 \u0000",
      'multi\nline\r\nstring\twith "quotes" and \\ backslashes',
      { text: "line1\nline2", emoji: "👩‍👩‍👧", n: -0.5, big: 1e300 },
      [1, "two", [3]],
      42,
      null,
    ];
    await writeRecords(dir, records);
    const result = await open(dir);
    expect(result.snapshot).toEqual([]);
    expect(result.records).toEqual(records);
    expect(result.warnings).toEqual([]);
    expect(result.log.logBytes).toBe(statSync(logPath(dir)).size);
  });

  it("creates the directory and starts empty", async () => {
    const dir = path.join(tempDir(), "nested", "data");
    const result = await open(dir);
    expect(result).toMatchObject({ snapshot: [], records: [], warnings: [] });
    expect(result.log.logBytes).toBe(0);
    expect(existsSync(logPath(dir))).toBe(true);
  });

  it("rejects non-serializable records without breaking the log", async () => {
    const dir = tempDir();
    const { log } = await open(dir);
    await expect(log.append(undefined)).rejects.toThrow(/not JSON-serializable/);
    await expect(log.append({ big: 1n })).rejects.toThrow();
    await log.append({ ok: true });
    await log.close();
    await expect(log.append({ late: true })).rejects.toThrow(/closed/);
    expect((await open(dir)).records).toEqual([{ ok: true }]);
  });

  it("close waits for pending appends", async () => {
    const dir = tempDir();
    const { log } = await open(dir);
    const pending = Array.from({ length: 50 }, (_, i) => log.append({ i }));
    await log.close();
    await Promise.all(pending);
    expect((await open(dir)).records).toEqual(Array.from({ length: 50 }, (_, i) => ({ i })));
  });
});

describe("group commit", () => {
  it("batches 1,000 concurrent appends into few fsyncs", async () => {
    const dir = tempDir();
    const { log } = await open(dir);
    const records = Array.from({ length: 1000 }, (_, i) => ({ i, text: `record ${i}` }));
    await Promise.all(records.map((record) => log.append(record)));
    expect(log.syncCount).toBeLessThan(10);
    await log.close();
    expect((await open(dir)).records).toEqual(records);
  });

  it("accumulates appends made while a write+fsync is in flight into the next single write+fsync", async () => {
    const dir = tempDir();
    const { log } = await open(dir);
    const first = log.append({ i: 0 });
    await Promise.resolve();
    const rest = Array.from({ length: 999 }, (_, i) => log.append({ i: i + 1 }));
    await Promise.all([first, ...rest]);
    expect(log.syncCount).toBe(2);
    await log.close();
    expect((await open(dir)).records).toEqual(Array.from({ length: 1000 }, (_, i) => ({ i })));
  });
});

describe("torn tail", () => {
  const partialHeader = Buffer.from([0x10, 0x00, 0x00]);
  const shortPayload = (() => {
    const header = Buffer.alloc(8);
    header.writeUInt32LE(100, 0);
    header.writeUInt32LE(0xdeadbeef, 4);
    return Buffer.concat([header, Buffer.from("0123456789")]);
  })();
  const badCrc = (() => {
    const bytes = frame({ never: "completed", pad: "x".repeat(20) });
    bytes.writeUInt32LE((bytes.readUInt32LE(4) ^ 0x5a5a5a5a) >>> 0, 4);
    return bytes;
  })();
  const zeroFilled = Buffer.alloc(4096);

  it.each([
    ["a header claiming 100 bytes followed by 10 bytes", shortPayload],
    ["a full-length record with a bad CRC", badCrc],
    ["a partial header", partialHeader],
    ["a zero-filled block", zeroFilled],
  ])("discards %s at the end of the log", async (_label, garbage) => {
    const dir = tempDir();
    const records = Array.from({ length: 5 }, (_, i) => ({ i, s: "x".repeat(i * 7) }));
    await writeRecords(dir, records);
    const cleanSize = statSync(logPath(dir)).size;
    appendFileSync(logPath(dir), garbage);

    const first = await open(dir);
    expect(first.records).toEqual(records);
    expect(first.warnings).toEqual([
      `Discarded a torn record at the end of log-000001.bin (${garbage.length} bytes at offset ${cleanSize}): ` +
        "the write in progress when the process stopped never completed.",
    ]);
    expect(statSync(logPath(dir)).size).toBe(cleanSize);
    expect(first.log.logBytes).toBe(cleanSize);

    await first.log.append({ after: "repair" });
    await first.log.close();
    const second = await open(dir);
    expect(second.records).toEqual([...records, { after: "repair" }]);
    expect(second.warnings).toEqual([]);
  });

  it("accepts a torn tail in a log followed only by an empty newer generation", async () => {
    const dir = tempDir();
    await writeRecords(dir, [{ a: 1 }]);
    appendFileSync(logPath(dir), shortPayload);
    writeFileSync(logPath(dir, 2), "");
    const result = await open(dir);
    expect(result.records).toEqual([{ a: 1 }]);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(/log-000001\.bin/);
  });
});

describe("damage", () => {
  it("refuses to open a log with a corrupt record in the middle", async () => {
    const dir = tempDir();
    await writeRecords(dir, [{ a: 1 }, { b: "second record" }, { c: 3 }]);
    const bytes = readFileSync(logPath(dir));
    const secondOffset = frame({ a: 1 }).length;
    bytes[secondOffset + 10] ^= 0xff;
    writeFileSync(logPath(dir), bytes);
    await expect(DurableLog.open(dir)).rejects.toThrow(
      new RegExp(`data directory .* is damaged: log-000001\\.bin at offset ${secondOffset}: record checksum mismatch`),
    );
  });

  it("refuses to open a log whose record length field is corrupt but valid records follow", async () => {
    const dir = tempDir();
    await writeRecords(dir, [{ a: 1 }, { b: 2 }, { c: 3 }]);
    const bytes = readFileSync(logPath(dir));
    bytes.writeUInt32LE(0x7fffffff, frame({ a: 1 }).length);
    writeFileSync(logPath(dir), bytes);
    await expect(DurableLog.open(dir)).rejects.toThrow(/is damaged: log-000001\.bin at offset \d+: incomplete record/);
  });

  it("refuses to open a corrupt snapshot", async () => {
    const dir = tempDir();
    const { log } = await open(dir);
    await log.compact([{ a: 1 }, { b: 2 }, { c: 3 }]);
    await log.close();
    const file = path.join(dir, "snapshot-000002.jsonl");
    const text = readFileSync(file, "utf8");
    writeFileSync(file, text.replace('{"b":2}', '{"b":9}'));
    const secondLine = text.indexOf("\n", text.indexOf("\n") + 1) + 1;
    await expect(DurableLog.open(dir)).rejects.toThrow(
      new RegExp(`is damaged: snapshot-000002\\.jsonl at offset ${secondLine}: entry checksum mismatch`),
    );
  });

  it("refuses to load a truncated snapshot even under its final name", async () => {
    const dir = tempDir();
    const { log } = await open(dir);
    await log.compact(Array.from({ length: 10 }, (_, i) => ({ i })));
    await log.close();
    const file = path.join(dir, "snapshot-000002.jsonl");
    const text = readFileSync(file, "utf8");
    writeFileSync(file, text.slice(0, text.lastIndexOf("#end")));
    await expect(DurableLog.open(dir)).rejects.toThrow(/snapshot-000002\.jsonl at offset \d+: missing end marker/);
    writeFileSync(file, text.slice(0, text.length - 30));
    await expect(DurableLog.open(dir)).rejects.toThrow(/snapshot-000002\.jsonl at offset \d+: incomplete last line/);
  });

  it("refuses to open when a log generation is missing", async () => {
    const dir = tempDir();
    const { log } = await open(dir);
    await log.append({ k: "a", v: 1 });
    await log.compact([["a", 1]]);
    await log.append({ k: "b", v: 2 });
    await log.close();
    rmSync(path.join(dir, "snapshot-000002.jsonl"));
    await expect(DurableLog.open(dir)).rejects.toThrow(/damaged: log-000001\.bin is missing/);
  });
});

describe("compaction", () => {
  it("replaces history with the snapshot and keeps later records", async () => {
    const dir = tempDir();
    const { log } = await open(dir);
    await log.append({ k: "a", v: 1 });
    await log.append({ k: "b", v: 2 });
    const unawaited = log.append({ k: "a", v: 3 });
    const compaction = log.compact([
      ["a", 3],
      ["b", 2],
    ]);
    const after = log.append({ k: "c", v: 4 });
    expect(log.logBytes).toBe(frame({ k: "c", v: 4 }).length);
    await Promise.all([unawaited, compaction, after]);
    await log.append({ k: "b", v: 5 });
    await log.close();

    expect(readdirSync(dir).sort()).toEqual(["blobs", "log-000002.bin", "snapshot-000002.jsonl"]);
    const result = await open(dir);
    expect(result.snapshot).toEqual([
      ["a", 3],
      ["b", 2],
    ]);
    expect(result.records).toEqual([
      { k: "c", v: 4 },
      { k: "b", v: 5 },
    ]);
    expect(materialize(result)).toEqual({ a: 3, b: 5, c: 4 });
    expect(result.warnings).toEqual([]);
  });

  it("streams large snapshots (including entries bigger than a chunk) and compacts repeatedly", async () => {
    const dir = tempDir();
    const { log } = await open(dir);
    const entries = (n: number) => Array.from({ length: n }, (_, i) => ["key" + i, i]);
    await log.compact(entries(20_000));
    await log.append({ k: "x", v: 1 });
    const big = [...entries(30_000), ["huge", "y".repeat(3_000_000)], ["after", "ü\n"]];
    await log.compact(
      (function* () {
        yield* big;
      })(),
    );
    await log.append({ k: "y", v: 2 });
    await log.close();
    const first = await open(dir);
    expect(first.snapshot).toEqual(big);
    expect(first.records).toEqual([{ k: "y", v: 2 }]);

    await first.log.compact([]);
    await first.log.compact([]);
    await first.log.close();
    expect(readdirSync(dir).sort()).toEqual(["blobs", "log-000005.bin", "snapshot-000005.jsonl"]);
    const second = await open(dir);
    expect(second.snapshot).toEqual([]);
    expect(second.records).toEqual([]);
  });

  it("rejects a second compaction while one is running, and survives a throwing iterable", async () => {
    const dir = tempDir();
    const { log } = await open(dir);
    await log.append({ k: "a", v: 1 });
    const first = log.compact([["a", 1]]);
    await expect(log.compact([])).rejects.toThrow(/already in progress/);
    await first;
    function* failing() {
      yield ["a", 1];
      throw new Error("iteration failed");
    }
    await log.append({ k: "b", v: 2 });
    await expect(log.compact(failing())).rejects.toThrow("iteration failed");
    await log.append({ k: "c", v: 3 });
    await log.close();
    expect(readdirSync(dir).filter((name) => name.endsWith(".tmp"))).toEqual([]);
    const result = await open(dir);
    expect(result.snapshot).toEqual([["a", 1]]);
    expect(result.records).toEqual([
      { k: "b", v: 2 },
      { k: "c", v: 3 },
    ]);
  });

  it("recovers the same state from every point of a crash during compaction", async () => {
    const source = tempDir();
    const { log } = await open(source);
    await log.append({ k: "a", v: 1 });
    await log.append({ k: "b", v: 2 });
    await log.close();
    const oldLog = readFileSync(logPath(source));

    const reopened = await open(source);
    await reopened.log.compact([
      ["a", 1],
      ["b", 2],
    ]);
    await reopened.log.append({ k: "c", v: 3 });
    await reopened.log.close();
    const newSnapshot = readFileSync(path.join(source, "snapshot-000002.jsonl"));
    const newLog = readFileSync(logPath(source, 2));
    const expected = { a: 1, b: 2, c: 3 };

    const crashStates: Record<string, Buffer>[] = [
      { "log-000001.bin": oldLog, "log-000002.bin": Buffer.alloc(0) },
      { "log-000001.bin": oldLog, "log-000002.bin": newLog },
      { "log-000001.bin": oldLog, "log-000002.bin": newLog, "snapshot-000002.jsonl.tmp": newSnapshot.subarray(0, 40) },
      { "log-000001.bin": oldLog, "log-000002.bin": newLog, "snapshot-000002.jsonl.tmp": newSnapshot },
      { "log-000001.bin": oldLog, "log-000002.bin": newLog, "snapshot-000002.jsonl": newSnapshot },
      { "log-000002.bin": newLog, "snapshot-000002.jsonl": newSnapshot },
    ];
    for (const [index, files] of crashStates.entries()) {
      const dir = tempDir();
      for (const [name, bytes] of Object.entries(files)) writeFileSync(path.join(dir, name), bytes);
      const result = await open(dir);
      const state = materialize(result);
      if (index === 0) expect(state).toEqual({ a: 1, b: 2 });
      else expect(state).toEqual(expected);
      expect(result.warnings).toEqual([]);
      await result.log.append({ k: "d", v: 4 });
      await result.log.close();
      const hasSnapshot = "snapshot-000002.jsonl" in files;
      expect(readdirSync(dir).sort()).toEqual(
        hasSnapshot
          ? ["blobs", "log-000002.bin", "snapshot-000002.jsonl"]
          : ["blobs", "log-000001.bin", "log-000002.bin"],
      );
      expect(materialize(await open(dir))).toMatchObject({ d: 4 });
    }
  });
});

describe("kill -9", () => {
  it("keeps every acknowledged record after SIGKILL mid-write", async () => {
    const dir = tempDir();
    const child = path.join(dir, "child.mjs");
    const modulePath = path.join(here, "durable-log.ts");
    writeFileSync(
      child,
      `import { DurableLog } from ${JSON.stringify(modulePath)};
const { log } = await DurableLog.open(process.argv[2]);
const pad = "p".repeat(300);
const all = (n) => Array.from({ length: n }, (_, i) => ({ n: i, pad }));
let next = 0;
function pump() {
  const n = next++;
  if (n > 200000) process.exit(2);
  log.append({ n, pad }).then(
    () => { process.stdout.write(n + "\\n"); pump(); },
    (error) => { console.error(error); process.exit(1); },
  );
  if (n % 97 === 0) log.compact(all(n + 1)).catch(() => {});
}
for (let i = 0; i < 32; i++) pump();
`,
    );
    const data = path.join(dir, "data");
    const proc = spawn(process.execPath, ["--import", "tsx", child, data], {
      cwd: projectRoot,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    proc.stderr.on("data", (chunk) => (stderr += chunk));
    proc.stdout.on("data", (chunk) => {
      stdout += chunk;
      if (stdout.split("\n").length > 200) proc.kill("SIGKILL");
    });
    const signal = await new Promise((resolve) => proc.on("close", (_code, sig) => resolve(sig)));
    expect(signal, stderr).toBe("SIGKILL");

    const acknowledged = stdout.split("\n").slice(0, -1).map(Number);
    expect(acknowledged.length).toBeGreaterThanOrEqual(200);
    const result = await open(data);
    expect(result.warnings.length).toBeLessThanOrEqual(1);
    const recovered = [...result.snapshot, ...result.records] as { n: number; pad: string }[];
    expect(recovered.map((r) => r.n)).toEqual(recovered.map((_, i) => i));
    expect(recovered.every((r) => r.pad === "p".repeat(300))).toBe(true);
    expect(recovered.length).toBeGreaterThan(Math.max(...acknowledged));
  });
});

describe("blobs", () => {
  it("writes, reads, overwrites and deletes blobs durably", async () => {
    const dir = tempDir();
    const { log } = await open(dir);
    const bytes = new Uint8Array([0, 1, 2, 255, 254]);
    expect(await log.readBlob("missing")).toBeNull();
    await log.writeBlob("file_A-1", bytes);
    expect(await log.readBlob("file_A-1")).toEqual(bytes);
    await log.writeBlob("file_A-1", new Uint8Array(100_000).fill(7));
    await log.writeBlob("other", new Uint8Array(0));
    await log.close();

    writeFileSync(path.join(dir, "blobs", "other.3.tmp"), "leftover");
    const reopened = await open(dir);
    expect(readdirSync(path.join(dir, "blobs")).sort()).toEqual(["file_A-1", "other"]);
    expect(await reopened.log.readBlob("file_A-1")).toEqual(new Uint8Array(100_000).fill(7));
    expect(await reopened.log.readBlob("other")).toEqual(new Uint8Array(0));
    await reopened.log.deleteBlob("file_A-1");
    await reopened.log.deleteBlob("file_A-1");
    expect(await reopened.log.readBlob("file_A-1")).toBeNull();
  });

  // layout: not a path
  it.each(["", "../escape", "a/b", "a.b", "with space", "ü", "x".repeat(201)])("rejects blob name %j", async (name) => {
    const { log } = await open(tempDir());
    await expect(log.writeBlob(name, new Uint8Array(1))).rejects.toThrow(/Invalid blob name/);
    await expect(log.readBlob(name)).rejects.toThrow(/Invalid blob name/);
    await expect(log.deleteBlob(name)).rejects.toThrow(/Invalid blob name/);
  });
});

describe("performance", () => {
  const entry = (i: number) => ({ _id: `doc${i}`, table: "messages", body: "x".repeat(220), n: i, tags: ["a", "b"] });

  // How fast is `npm run bench -- backend`'s restart figure; this checks what comes back.
  it("reopens a 100,000-record log and a 100,000-entry snapshot whole", async () => {
    const dir = tempDir();
    const { log } = await open(dir);
    await Promise.all(Array.from({ length: 100_000 }, (_, i) => log.append(entry(i))));
    await log.close();

    const fromLog = await open(dir);
    expect(fromLog.records).toHaveLength(100_000);
    expect(fromLog.records[99_999]).toEqual(entry(99_999));

    await fromLog.log.compact(fromLog.records);
    await fromLog.log.close();
    const fromSnapshot = await open(dir);
    expect(fromSnapshot.snapshot).toHaveLength(100_000);
    expect(fromSnapshot.records).toEqual([]);
  });
});
