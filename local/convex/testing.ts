/**
 * The local backend's one entry for code outside `local/convex/` (tests, benchmarks, scripts,
 * vitest.config.ts): start a backend as a child process, read its data directory, and run
 * convex-test with the backend's index-backed queries. The layer folders stay private, so they
 * can change without breaking their users.
 */
export { readEnv, writeEnv } from "./config.ts";
export { ROOT, spawnBackend, type BackendProcess, type SpawnOptions } from "./spawn.ts";
export { startBackend, tempDataDir, type RunningBackend } from "./test/harness.ts";
/** The log a backend's data directory holds, and the state its records restore (for drills that read it after a crash). */
export { DurableLog } from "./storage/durable-log.ts";
export { restoreState } from "./storage/persistence.ts";
/** The project's function modules, and loading them as the backend does (for benchmarks and the bundle check). */
export { listModules, loadProject } from "./runtime/loader.ts";
/** Vitest plugin exposing the convex-test internals that indexConvexTest needs. */
export { exposeConvexTestInternals } from "./runtime/internals.ts";
export { indexConvexTest, type IndexedTest } from "./runtime/indexed-test.ts";
