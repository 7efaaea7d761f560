/**
 * `npm run backend -- [--data DIR] [--port P] [--site-port S] [--functions DIR] [--dev]`
 * Runs the project's Convex functions as a local deployment until SIGINT/SIGTERM.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { adminKey, readEnv, writeRunning } from "./config.ts";
import { scrubProcessEnv } from "./runtime/deployment-env.ts";
import { Backend } from "./protocol/server.ts";

const { values } = parseArgs({
  options: {
    data: { type: "string", default: ".parley/data" },
    port: { type: "string", default: "3210" },
    "site-port": { type: "string", default: "3211" },
    functions: { type: "string", default: "convex" },
    host: { type: "string", default: "127.0.0.1" },
    dev: { type: "boolean", default: false },
  },
});

function port(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    console.error(`--${flag} must be a port number from 0 to 65535, got "${value}"`);
    process.exit(2);
  }
  return n;
}

const root = process.cwd();
const dataDir = path.resolve(values.data);
const key = adminKey(dataDir);
const env = readEnv(dataDir);
scrubProcessEnv();
const started = Date.now();
const backend = await Backend.start({
  functionsDir: path.resolve(values.functions),
  root,
  dataDir,
  host: values.host,
  port: port(values.port, "port"),
  sitePort: port(values["site-port"], "site-port"),
  adminKey: key,
  env,
  dev: values.dev,
}).catch((error: unknown) => {
  console.error(`The backend could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
for (const warning of backend.deployment.warnings) console.warn(warning);
writeRunning(dataDir, { pid: process.pid, url: backend.cloudUrl, siteUrl: backend.siteUrl });
console.log(`HTTP actions at ${backend.siteUrl} (started in ${Date.now() - started} ms)`);
console.log(`Convex backend ready at ${backend.cloudUrl}`);

process.on("unhandledRejection", (error) => console.error("Unhandled error in the backend:", error));

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping the backend`);
  await backend.close();
  process.exit(0);
}
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));
