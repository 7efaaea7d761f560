/**
 * Starts the local backend as a child process, as `npm run backend` would, for tests.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { adminKey, writeEnv } from "../config.ts";

export const ROOT = path.resolve(import.meta.dirname, "../../..");
export const FIXTURE = path.join(ROOT, "local/convex/test/fixture/convex");
mkdirSync(path.join(ROOT, ".parley"), { recursive: true });

export interface RunningBackend {
  url: string;
  siteUrl: string;
  adminKey: string;
  dataDir: string;
  child: ChildProcess;
  output: () => string;
  stop(): Promise<number | null>;
  kill(): Promise<void>;
}

/** A copy of the fixture functions inside the project (so packages resolve), for tests that edit them. */
export function fixtureCopy(): string {
  const dir = mkdtempSync(path.join(ROOT, ".parley", "fixture-"));
  cpSync(FIXTURE, path.join(dir, "convex"), { recursive: true });
  return path.join(dir, "convex");
}

export function tempDataDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), "parley-backend-"));
}

export async function startBackend(options: { dataDir?: string; env?: Record<string, string>; functions?: string; port?: number; sitePort?: number; dev?: boolean } = {}): Promise<RunningBackend> {
  const dataDir = options.dataDir ?? tempDataDir();
  if (options.env) writeEnv(dataDir, options.env);
  const key = adminKey(dataDir);
  const args = ["--import", "tsx", "local/convex/main.ts", "--data", dataDir, "--port", String(options.port ?? 0), "--site-port", String(options.sitePort ?? 0), "--functions", options.functions ?? FIXTURE];
  if (options.dev) args.push("--dev");
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const check = () => {
      const m = /Convex backend ready at (\S+)/.exec(out);
      if (m) resolve(m[1]);
    };
    child.stdout.on("data", check);
    child.once("exit", (code) => reject(new Error(`backend exited with ${code} before it was ready:\n${out}`)));
  });
  const siteUrl = (/HTTP actions at (\S+)/.exec(out) as RegExpExecArray)[1];
  return {
    url,
    siteUrl,
    adminKey: key,
    dataDir,
    child,
    output: () => out,
    async stop() {
      child.kill("SIGTERM");
      return await exited;
    },
    async kill() {
      child.kill("SIGKILL");
      await exited;
    },
  };
}
