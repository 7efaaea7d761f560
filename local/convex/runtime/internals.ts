/**
 * Where the local backend reaches into convex-test's internals: the pinned version, the Vite
 * plugin that exposes them and the checks that refuse a convex-test without them.
 *
 * convex-test is the official in-memory Convex runtime; the local backend runs the project's
 * functions on it but needs more than its public API offers: durable state with ids intact,
 * commit notifications, index-backed queries, read tracking for reactivity, HTTP actions that
 * keep their public URL and a scheduler that survives restarts. Every such access is here, in
 * `internals-shapes.ts` (the shapes relied on) or in `internals-runtime.ts` (the handle on a
 * running instance), and `internals.test.ts` fails naming the convex-test version when an
 * upgrade moves any of it.
 */
import type { Plugin } from "vite";
import type { ConvexGlobal, ConvexTestModule } from "./internals-shapes.ts";

/** The convex-test version this module was written against (package.json pins it exactly). */
export const CONVEX_TEST_VERSION = "0.0.71";

/** Module-level names of convex-test's dist/index.js that the plugin below exports. */
export const EXPOSED_NAMES = [
  "convexGlobalStorage",
  "executionContextStorage",
  "requestMetadataStorage",
  "authStorage",
  "getCurrentComponentPath",
  "withAuth",
  "runWithGlobalOverrides",
  "getHandler",
  "newRequestId",
  "AuthFake",
  "evaluateFilter",
] as const;

/**
 * Vite plugin: appends one export naming the internals above to convex-test's module as Vite
 * loads it. A renamed internal makes the module fail to load with a ReferenceError, loudly.
 */
export function exposeConvexTestInternals(): Plugin {
  return {
    name: "parley:convex-test-internals",
    transform(code, id) {
      if (!/[\\/]convex-test[\\/]dist[\\/]index\.js(\?|$)/.test(id)) return null;
      const names = EXPOSED_NAMES.join(", ");
      return { code: `${code}\nexport const __parleyInternals = { ${names} };\n`, map: null };
    },
  };
}

/** Throws a message naming the pinned version when the loaded convex-test lacks what we use. */
export function checkInternals(mod: ConvexTestModule, version: string): void {
  const fail = (what: string) => {
    throw new Error(
      `convex-test ${version} is not compatible with local/convex/runtime/internals.ts (written for ` +
        `${CONVEX_TEST_VERSION}): ${what}. Pin convex-test to ${CONVEX_TEST_VERSION} or update internals.ts.`,
    );
  };
  if (!mod.__parleyInternals) fail("the internals export is missing");
  for (const name of EXPOSED_NAMES) {
    if (mod.__parleyInternals[name] === undefined) fail(`internal "${name}" is missing`);
  }
  if (version !== CONVEX_TEST_VERSION) fail("the version differs");
}

/** Checks the shape of a live DatabaseFake and TransactionManager. */
export function checkRuntimeShape(g: ConvexGlobal, version: string): void {
  const db = g.components[""]?.db as unknown as Record<string, unknown>;
  const needed = ["_documents", "_tableIds", "_storage", "_nextDocId", "_lastCreationTime", "_writes", "_pendingFiles"];
  for (const field of needed) {
    if (db?.[field] === undefined) {
      throw new Error(
        `convex-test ${version}: DatabaseFake.${field} is missing; update local/convex/runtime/internals.ts`,
      );
    }
  }
  for (const method of ["commit", "storeFile", "_evaluateQuery", "paginate", "get"]) {
    if (typeof db[method] !== "function") {
      throw new Error(
        `convex-test ${version}: DatabaseFake.${method}() is missing; update local/convex/runtime/internals.ts`,
      );
    }
  }
  if (typeof g.transactionManager?._lastCommitTs !== "bigint") {
    throw new Error(
      `convex-test ${version}: TransactionManager._lastCommitTs is missing; update local/convex/runtime/internals.ts`,
    );
  }
}
