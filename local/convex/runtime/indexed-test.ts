/**
 * For convex-test tests over big data sets: the local backend's index-backed queries (convex-test
 * alone scans a whole table per indexed lookup) and the peak per-transaction metrics, so a test
 * can import 100,000 rows in seconds and check what the largest transaction used against
 * Convex's limits. Validation, limits and everything else stay convex-test's own.
 */
import { Runtime } from "./internals-runtime.ts";
import { tableOfId, type ConvexTestModule, type TestConvex } from "./internals-shapes.ts";
import { installQueryEngine } from "./query-engine.ts";

export interface IndexedTest {
  /** The largest value of each metric over the top-level transactions since installing. */
  peak: Record<string, number>;
  /** Committed documents of a table in the root component. */
  count(table: string): number;
}

export async function indexConvexTest(convexTestModule: unknown, t: unknown): Promise<IndexedTest> {
  const runtime = await Runtime.attach(convexTestModule as ConvexTestModule, t as TestConvex);
  const engine = installQueryEngine(runtime);
  runtime.onCommit((commit) => {
    for (const c of commit.changes) engine.apply(c.component, c.table, c.before, c.after);
  });
  const peak: Record<string, number> = {};
  runtime.onTransactionMetrics((metrics) => {
    for (const [k, v] of Object.entries(metrics)) peak[k] = Math.max(peak[k] ?? 0, v);
  });
  return {
    peak,
    count: (table) => [...runtime.documents("")].filter((d) => tableOfId(d._id) === table).length,
  };
}
