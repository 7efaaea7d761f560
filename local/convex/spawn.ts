/**
 * Starts the local backend as a child process, exactly as `npm run backend` does, and tells
 * when it is ready. Used by `npm start`, the tests and the benchmarks.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { adminKey, writeEnv } from "./config.ts";

export const ROOT = path.resolve(import.meta.dirname, "../..");

export interface BackendProcess {
  url: string;
  siteUrl: string;
  adminKey: string;
  dataDir: string;
  child: ChildProcess;
  output: () => string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL: no chance to flush or close anything. */
  kill(): Promise<void>;
}

export interface SpawnOptions {
  dataDir: string;
  functions?: string;
  env?: Record<string, string>;
  port?: number;
  sitePort?: number;
  dev?: boolean;
  /** Copy the backend's output to this stream as it comes (npm start). */
  echo?: NodeJS.WritableStream;
}

export async function spawnBackend(options: SpawnOptions): Promise<BackendProcess> {
  if (options.env) writeEnv(options.dataDir, options.env);
  const key = adminKey(options.dataDir);
  const args = ["--import", "tsx", path.join(ROOT, "local/convex/main.ts"), "--data", options.dataDir];
  args.push("--port", String(options.port ?? 0), "--site-port", String(options.sitePort ?? 0));
  args.push("--functions", options.functions ?? path.join(ROOT, "convex"));
  if (options.dev) args.push("--dev");
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  const collect = (d: Buffer) => {
    out += d.toString();
    options.echo?.write(d);
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const check = () => {
      const m = /Convex backend ready at (\S+)/.exec(out);
      if (m) resolve(m[1]);
    };
    child.stdout.on("data", check);
    child.once("exit", (code) => reject(new Error(`The backend exited with ${code} before it was ready:\n${out}`)));
  });
  const siteUrl = (/HTTP actions at (\S+)/.exec(out) as RegExpExecArray)[1];
  return {
    url,
    siteUrl,
    adminKey: key,
    dataDir: options.dataDir,
    child,
    output: () => out,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      return await exited;
    },
    async kill() {
      child.kill("SIGKILL");
      await exited;
    },
  };
}
