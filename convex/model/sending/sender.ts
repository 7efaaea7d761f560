/**
 * Each number's sender: a chain of ticks (see model/sending/README.md). A tick's claim — a transaction —
 * reserves the texts that may go in the next moments against the number's pacing window
 * (`pacing.ts`), and the tick fires each group at its instant. The `senders` row holds the window
 * and the chain's token: a wake starts at most one chain, and a stale tick does nothing.
 */
import { internal } from "../../_generated/api";
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import { cancelIfPending } from "../campaigns/jobs";
import { freeAt, LEAD_MS, SLOT_MS, settle, type WindowEntry } from "./pacing";

/** A wake for a time this close to the chain's next tick leaves the chain alone. */
const WAKE_SLACK_MS = 1000;
/** A chain whose next tick is this overdue is dead (its job failed): a wake starts a new one. */
const STALE_MS = 60_000;

export async function senderOf(ctx: QueryCtx, numberId: Id<"phoneNumbers">): Promise<Doc<"senders"> | null> {
  return await ctx.db
    .query("senders")
    .withIndex("by_numberId", (q) => q.eq("numberId", numberId))
    .unique();
}

/** Whether the sender's chain will tick by `at` on its own. */
export function willTickBy(sender: Doc<"senders"> | null, at: number, now: number): boolean {
  return sender?.tickAt !== undefined && sender.tickAt <= at + WAKE_SLACK_MS && sender.tickAt >= now - STALE_MS;
}

/**
 * Makes sure the number's sender runs by `at`: nothing when its chain will tick by then;
 * otherwise a new chain (a new token, so the older scheduled tick does nothing).
 */
export async function wakeSender(
  ctx: MutationCtx,
  numberId: Id<"phoneNumbers">,
  at: number,
  now: number,
): Promise<void> {
  const sender = await senderOf(ctx, numberId);
  if (willTickBy(sender, at, now)) return;
  const token = (sender?.token ?? 0) + 1;
  const tickJobId = await scheduleTick(ctx, numberId, token, at);
  if (sender === null) await ctx.db.insert("senders", { numberId, window: [], token, tickAt: at, tickJobId });
  else {
    await cancelIfPending(ctx, sender.tickJobId);
    await ctx.db.patch("senders", sender._id, { token, tickAt: at, tickJobId });
  }
}

async function scheduleTick(ctx: MutationCtx, numberId: Id<"phoneNumbers">, token: number, at: number) {
  return await ctx.scheduler.runAt(at, internal.twilio.outbound.tick, { numberId, token });
}

/** The earliest queued text of the number (either lane), or null when its queue is empty. */
export async function nextQueuedAt(ctx: QueryCtx, numberId: Id<"phoneNumbers">): Promise<number | null> {
  let next: number | null = null;
  for (const lane of [0, 1]) {
    const row = await ctx.db
      .query("outbox")
      .withIndex("by_numberId_and_state_and_lane_and_dueAt", (q) =>
        q.eq("numberId", numberId).eq("state", "queued").eq("lane", lane),
      )
      .first();
    if (row !== null && (next === null || row.dueAt < next)) next = row.dueAt;
  }
  return next;
}

/**
 * After a claim: the chain's next tick — LEAD_MS before its last reserved group (so the next
 * groups are reserved before these run out), or when the window frees up, or at the next due
 * time when everything waits — or idle when the queue is empty.
 */
export async function scheduleNext(
  ctx: MutationCtx,
  sender: Doc<"senders">,
  rate: number,
  window: WindowEntry[],
  now: number,
  lastSlot: number | null,
) {
  const next = await nextQueuedAt(ctx, sender.numberId);
  const nextSlotAt = lastSlot === null ? sender.nextSlotAt : lastSlot + SLOT_MS;
  if (next === null) {
    await ctx.db.patch("senders", sender._id, { window, nextSlotAt, tickAt: undefined, tickJobId: undefined });
    return;
  }
  const soonest = now + SLOT_MS;
  const at =
    next > now
      ? Math.max(next, soonest)
      : lastSlot !== null
        ? Math.max(lastSlot - LEAD_MS, soonest)
        : Math.max((freeAt(window, rate, 1, now) ?? soonest) - LEAD_MS, soonest);
  const tickJobId = await scheduleTick(ctx, sender.numberId, sender.token, at);
  await ctx.db.patch("senders", sender._id, { window, nextSlotAt, tickAt: at, tickJobId });
}

/** Closes a fired group's window entry with its requests' answers (see `pacing.ts`). */
export async function settleGroup(
  ctx: MutationCtx,
  numberId: Id<"phoneNumbers">,
  at: number,
  answers: { settledAt: number; segments: number }[],
) {
  const sender = await senderOf(ctx, numberId);
  if (sender === null) return;
  await ctx.db.patch("senders", sender._id, { window: settle(sender.window, at, answers) });
}
