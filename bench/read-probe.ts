/**
 * The scale benches' probe module (`./benchProbe.ts` in the function modules): a mutation that runs
 * a public query through `ctx.runQuery` as the caller and returns what that query read, from
 * convex-test's own per-transaction metrics (the tracker that enforces Convex's limits).
 */
import { makeFunctionReference, mutationGeneric } from "convex/server";
import { v, type Value } from "convex/values";

export const readProbe = {
  measure: mutationGeneric({
    args: { name: v.string(), args: v.any() },
    handler: async (ctx, { name, args }) => {
      const before = await ctx.meta.getTransactionMetrics();
      await ctx.runQuery(makeFunctionReference<"query">(name), args as Record<string, Value>);
      const after = await ctx.meta.getTransactionMetrics();
      return {
        documentsRead: after.documentsRead.used - before.documentsRead.used,
        bytesRead: after.bytesRead.used - before.bytesRead.used,
      };
    },
  }),
};
