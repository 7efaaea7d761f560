/**
 * Starts the local backend as a child process, exactly as `npm run backend` does, and tells
 * when it is ready. Used by `npm start`, the tests and the benchmarks.
 */
import path from "node:path";
import { ROOT, startChild, type ChildService } from "../child.ts";
import { adminKey, writeEnv } from "./config.ts";

export { ROOT };

export interface BackendProcess extends ChildService {
  siteUrl: string;
  adminKey: string;
  dataDir: string;
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
  const args = ["--data", options.dataDir, "--functions", options.functions ?? path.join(ROOT, "convex")];
  args.push("--port", String(options.port ?? 0), "--site-port", String(options.sitePort ?? 0));
  if (options.dev) args.push("--dev");
  const service = await startChild(
    "The backend",
    "local/convex/main.ts",
    args,
    /Convex backend ready at (\S+)/,
    options.echo,
  );
  const siteUrl = (/HTTP actions at (\S+)/.exec(service.output()) as RegExpExecArray)[1];
  return { ...service, siteUrl, adminKey: key, dataDir: options.dataDir };
}
