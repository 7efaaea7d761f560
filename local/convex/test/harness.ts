/**
 * Test helpers: the backend on the fixture project, in a fresh data directory.
 */
import { cpSync, mkdirSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROOT, spawnBackend, type BackendProcess } from "../spawn.ts";

export { ROOT };
export type RunningBackend = BackendProcess;
export const FIXTURE = path.join(ROOT, "local/convex/test/fixture/convex");

/** A copy of the fixture functions inside the project (so packages resolve), for tests that edit them. */
export function fixtureCopy(): string {
  mkdirSync(path.join(ROOT, ".parley"), { recursive: true });
  const dir = mkdtempSync(path.join(ROOT, ".parley", "fixture-"));
  cpSync(FIXTURE, path.join(dir, "convex"), { recursive: true });
  return path.join(dir, "convex");
}

export function tempDataDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), "parley-backend-"));
}

export async function startBackend(
  options: { dataDir?: string; env?: Record<string, string>; functions?: string; dev?: boolean } = {},
): Promise<RunningBackend> {
  return await spawnBackend({
    ...options,
    dataDir: options.dataDir ?? tempDataDir(),
    functions: options.functions ?? FIXTURE,
  });
}
