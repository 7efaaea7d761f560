/**
 * The median agent response time of a campaign, kept exact with bounded reads and writes.
 *
 * Every sample is a row of `responseSamples`, ordered by (ms, seq) in an index; `responseMedians`
 * holds the count and a cursor on the *lower median* (rank ⌊(n−1)/2⌋). Adding a sample moves the
 * cursor at most one step (to the neighbour in index order: one indexed `.first()`), so a write
 * reads ≤ 3 documents whatever the number of samples; reading the median reads the cursor row and,
 * for an even count, the next sample (the median is then the mean of the two middle samples).
 */
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../../_generated/server";

type Key = { ms: number; seq: number };

async function medianRow(ctx: QueryCtx, campaignId: Id<"campaigns">): Promise<Doc<"responseMedians"> | null> {
  return await ctx.db
    .query("responseMedians")
    .withIndex("by_campaignId", (q) => q.eq("campaignId", campaignId))
    .unique();
}

/** The sample right after `key` (direction "asc") or right before it ("desc") in (ms, seq) order. */
async function neighbour(ctx: QueryCtx, campaignId: Id<"campaigns">, key: Key, direction: "asc" | "desc") {
  const samples = (q: QueryCtx["db"]) => q.query("responseSamples");
  const sameMs = await samples(ctx.db)
    .withIndex("by_campaignId_and_ms_and_seq", (q) => {
      const base = q.eq("campaignId", campaignId).eq("ms", key.ms);
      return direction === "asc" ? base.gt("seq", key.seq) : base.lt("seq", key.seq);
    })
    .order(direction)
    .first();
  if (sameMs !== null) return sameMs;
  return await samples(ctx.db)
    .withIndex("by_campaignId_and_ms_and_seq", (q) => {
      const base = q.eq("campaignId", campaignId);
      return direction === "asc" ? base.gt("ms", key.ms) : base.lt("ms", key.ms);
    })
    .order(direction)
    .first();
}

/** Adds one agent response time (ms) to the campaign's samples and moves the median cursor. */
export async function addResponseTime(ctx: MutationCtx, campaignId: Id<"campaigns">, ms: number): Promise<void> {
  const row = await medianRow(ctx, campaignId);
  const n = row?.count ?? 0;
  const added = { ms: Math.max(0, Math.round(ms)), seq: n };
  await ctx.db.insert("responseSamples", { campaignId, ...added });
  if (row === null) {
    await ctx.db.insert("responseMedians", { campaignId, count: 1, lowMs: added.ms, lowSeq: added.seq });
    return;
  }
  const low = { ms: row.lowMs, seq: row.lowSeq };
  // seq only grows, so a sample equal in ms to the cursor sorts after it.
  const below = added.ms < low.ms;
  let next: Key = low;
  if (n % 2 === 1 && below) next = (await neighbour(ctx, campaignId, low, "desc")) ?? low;
  if (n % 2 === 0 && !below) next = (await neighbour(ctx, campaignId, low, "asc")) ?? low;
  await ctx.db.patch("responseMedians", row._id, { count: n + 1, lowMs: next.ms, lowSeq: next.seq });
}

/** The median of the campaign's agent response times (ms) and how many there are. */
export async function medianResponseTime(
  ctx: QueryCtx,
  campaignId: Id<"campaigns">,
): Promise<{ medianMs: number | null; count: number }> {
  const row = await medianRow(ctx, campaignId);
  if (row === null || row.count === 0) return { medianMs: null, count: 0 };
  if (row.count % 2 === 1) return { medianMs: row.lowMs, count: row.count };
  const high = await neighbour(ctx, campaignId, { ms: row.lowMs, seq: row.lowSeq }, "asc");
  return { medianMs: (row.lowMs + (high?.ms ?? row.lowMs)) / 2, count: row.count };
}
