/**
 * The local backend's data directory: the admin key (generated on first start), deployment
 * environment variables (`npm run backend:env`), and where a running backend listens.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";

export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function ensureDataDir(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true });
}

/** The deployment's admin key: `Convex <key>` in an Authorization header may call internal functions. */
export function adminKey(dataDir: string): string {
  ensureDataDir(dataDir);
  const file = path.join(dataDir, "admin-key");
  if (!existsSync(file)) writeAtomic(file, `parley-local|${randomBytes(32).toString("hex")}\n`, 0o600);
  return readFileSync(file, "utf8").trim();
}

export function readEnv(dataDir: string): Record<string, string> {
  const file = path.join(dataDir, "env.json");
  if (!existsSync(file)) return {};
  return JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
}

export function writeEnv(dataDir: string, env: Record<string, string>): void {
  ensureDataDir(dataDir);
  writeAtomic(path.join(dataDir, "env.json"), `${JSON.stringify(env, null, 2)}\n`, 0o600);
}

/** Applies `{ name, value | null }` changes to the stored variables; returns the new set. */
export function updateEnv(dataDir: string, changes: { name: string; value: string | null }[]): Record<string, string> {
  for (const { name } of changes) {
    if (!ENV_NAME.test(name))
      throw new Error(
        `"${name}" is not a valid environment variable name (letters, digits and _; not starting with a digit)`,
      );
  }
  const env = readEnv(dataDir);
  for (const { name, value } of changes) {
    if (value === null) delete env[name];
    else env[name] = value;
  }
  writeEnv(dataDir, env);
  return env;
}

export interface RunningInfo {
  pid: number;
  url: string;
  siteUrl: string;
}

export function writeRunning(dataDir: string, info: RunningInfo): void {
  writeAtomic(path.join(dataDir, "backend.json"), JSON.stringify(info), 0o644);
}

export function readRunning(dataDir: string): RunningInfo | null {
  const file = path.join(dataDir, "backend.json");
  if (!existsSync(file)) return null;
  const info = JSON.parse(readFileSync(file, "utf8")) as RunningInfo;
  try {
    process.kill(info.pid, 0);
    return info;
  } catch {
    return null;
  }
}

function writeAtomic(file: string, content: string, mode: number): void {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, content, { mode });
  renameSync(tmp, file);
}
