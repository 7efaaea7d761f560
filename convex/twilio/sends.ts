/**
 * The sender's transactions (internal: only its tick, the scheduler and crons call them):
 * claim what may go now, record what Twilio answered, resolve lookups, wake, sweep.
 */
import { paginationOptsValidator } from "convex/server";
import { v } from "convex/values";
import { internalMutation, internalQuery } from "../_generated/server";
import { claimDue, sendableNow } from "../model/sending/claim";
import { recordSend, resolveLookup, sweepStuck } from "../model/sending/record";
import { settleGroup, wakeSender } from "../model/sending/sender";
import { vClaim, vFindResult, vMessageStatus, vSendResult } from "../validators";

export const claim = internalMutation({
  args: { numberId: v.id("phoneNumbers"), token: v.number() },
  returns: vClaim,
  handler: async (ctx, { numberId, token }) => await claimDue(ctx, numberId, token, Date.now()),
});

/** A fired group's answers from Twilio; the group counts in the pacing window until a second after the last. */
export const record = internalMutation({
  args: {
    numberId: v.id("phoneNumbers"),
    at: v.number(),
    answers: v.array(v.object({ settledAt: v.number(), segments: v.number() })),
    results: v.array(v.object({ messageId: v.id("messages"), claimedAt: v.number(), result: vSendResult })),
  },
  returns: v.null(),
  handler: async (ctx, { numberId, at, answers, results }) => {
    await settleGroup(ctx, numberId, at, answers);
    for (const outcome of results) await recordSend(ctx, outcome, Date.now());
    return null;
  },
});

/** The last check before a reserved group fires (see `model/sending/claim.ts`). */
export const sendable = internalQuery({
  args: { messageIds: v.array(v.id("messages")) },
  returns: v.array(v.object({ messageId: v.id("messages"), reason: v.union(v.string(), v.null()) })),
  handler: async (ctx, { messageIds }) => await sendableNow(ctx, messageIds),
});

export const resolveLookups = internalMutation({
  args: { results: v.array(v.object({ messageId: v.id("messages"), since: v.number(), result: vFindResult })) },
  returns: v.null(),
  handler: async (ctx, { results }) => {
    for (const outcome of results) await resolveLookup(ctx, outcome, Date.now());
    return null;
  },
});

/** Wakes a number's sender in its own small transaction (the fan-out's batches use it, to stay out of the sender's way). */
export const wake = internalMutation({
  args: { numberId: v.id("phoneNumbers"), at: v.number() },
  returns: v.null(),
  handler: async (ctx, { numberId, at }) => {
    await wakeSender(ctx, numberId, at, Date.now());
    return null;
  },
});

/** Cron: texts whose send never reported back (a crash mid-send) are looked up at Twilio, then sent if needed. */
export const sweep = internalMutation({
  args: {},
  returns: v.number(),
  handler: async (ctx) => await sweepStuck(ctx, Date.now(), 200),
});

/** Operations (the benchmark, support): a number's texts in one status, a page at a time. */
export const byStatus = internalQuery({
  args: { numberId: v.id("phoneNumbers"), status: vMessageStatus, paginationOpts: paginationOptsValidator },
  handler: async (ctx, { numberId, status, paginationOpts }) =>
    await ctx.db
      .query("messages")
      .withIndex("by_numberId_and_status_and_dueAt", (q) => q.eq("numberId", numberId).eq("status", status))
      .paginate(paginationOpts),
});
