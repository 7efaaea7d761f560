/**
 * A sender tick's claim: in one transaction, the texts that may go to Twilio in the next moments.
 * Each queued text is checked again here — contact opted out, conversation closed, campaign ended,
 * number released → canceled; a campaign text outside the recipient's sending window → held until
 * it opens — and the rest are claimed (`sending`, attempts + 1) into groups reserved in the
 * number's pacing window (`pacing.ts`), replies first. A group fired later than its claim is
 * checked once more just before it goes (`sendableNow`), so an opt-out that commits before a text
 * leaves always wins: nothing queued before it is sent after it.
 */
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import { countStatusChange } from "../analytics/counters";
import { cancelQueued, CAMPAIGN_LANE, REPLY_LANE } from "./outbound";
import { catchUpAt, HORIZON_MS, liveWindow, reserve, slotFor, type WindowEntry } from "./pacing";
import { nextSendWindow, quietSettings, type QuietSettings } from "./quietHours";
import { scheduleNext, senderOf } from "./sender";

/** Queued rows one claim looks at, per lane (cancellations and holds included). */
const EXAMINE = 250;

type Outgoing = { messageId: Id<"messages">; to: string; from: string; body: string };
export type ClaimedSend = Outgoing & { segments: number; claimedAt: number; sendAt: number };
export type ClaimedLookup = Outgoing & { since: number };
export type Claim = { sends: ClaimedSend[]; lookups: ClaimedLookup[] };

type Tick = {
  number: Doc<"phoneNumbers"> | null;
  settings: QuietSettings;
  window: WindowEntry[];
  now: number;
  /** The last group reserved so far (texts keep their order), or null. */
  lastSlot: number | null;
  from: number;
  catchUp: { at: number; slots: number } | null;
  full: boolean;
  work: Claim;
};

export async function claimDue(ctx: MutationCtx, numberId: Id<"phoneNumbers">, token: number, now: number) {
  const sender = await senderOf(ctx, numberId);
  const work: Claim = { sends: [], lookups: [] };
  if (sender === null || sender.token !== token) return work;
  const number = await ctx.db.get("phoneNumbers", numberId);
  const settings = quietSettings(await ctx.db.query("organization").first());
  const window = liveWindow(sender.window, now);
  const from = Math.max(now, sender.nextSlotAt ?? now);
  const catchUp = catchUpAt(sender.nextSlotAt, now);
  const tick: Tick = { number, settings, window, now, lastSlot: null, from, catchUp, full: false, work };
  for (const lane of [REPLY_LANE, CAMPAIGN_LANE]) {
    const rows = await ctx.db
      .query("outbox")
      .withIndex("by_numberId_and_state_and_lane_and_dueAt", (q) =>
        q.eq("numberId", numberId).eq("state", "queued").eq("lane", lane).lte("dueAt", now),
      )
      .take(EXAMINE);
    for (const row of rows) if (!tick.full) await consider(ctx, tick, row);
  }
  await scheduleNext(ctx, sender, number?.messagesPerSecond ?? 1, tick.window, now, tick.lastSlot);
  return work;
}

async function consider(ctx: MutationCtx, tick: Tick, row: Doc<"outbox">): Promise<void> {
  const message = await ctx.db.get("messages", row.messageId);
  if (message === null || (message.status !== "pending" && message.status !== "retrying")) {
    await ctx.db.delete("outbox", row._id);
    return;
  }
  const reason = await cancelReason(ctx, message, tick.number);
  if (reason !== null) return await cancelQueued(ctx, row, reason);
  if (await heldForQuietHours(ctx, tick, row, message, tick.now)) return;
  const item = { messageId: message._id, to: message.to, from: message.from, body: message.body };
  if (row.lookup !== undefined) {
    await ctx.db.patch("outbox", row._id, { state: "inflight", dueAt: tick.now });
    tick.work.lookups.push({ ...item, since: row.lookup.since });
    return;
  }
  const rate = tick.number?.messagesPerSecond ?? 1;
  const from = Math.max(tick.from, tick.lastSlot ?? tick.from);
  const sendAt = slotFor(tick.window, rate, row.segments, from, tick.now + HORIZON_MS, tick.catchUp);
  if (sendAt === null) {
    tick.full = true;
    return;
  }
  if (await heldForQuietHours(ctx, tick, row, message, sendAt)) return;
  reserve(tick.window, sendAt, row.segments);
  tick.lastSlot = sendAt;
  await ctx.db.patch("outbox", row._id, { state: "inflight", dueAt: tick.now });
  await countStatusChange(ctx, message, "sending");
  await ctx.db.patch("messages", message._id, { status: "sending", attempts: message.attempts + 1, dueAt: undefined });
  tick.work.sends.push({ ...item, segments: row.segments, claimedAt: tick.now, sendAt });
}

/** A campaign text whose recipient's window is closed at `at` waits for it to open (true). */
async function heldForQuietHours(
  ctx: MutationCtx,
  tick: Tick,
  row: Doc<"outbox">,
  message: Doc<"messages">,
  at: number,
): Promise<boolean> {
  if (row.lane !== CAMPAIGN_LANE) return false;
  const opens = nextSendWindow(at, message.to, tick.settings);
  if (opens === at) return false;
  await ctx.db.patch("outbox", row._id, { dueAt: opens });
  await ctx.db.patch("messages", message._id, { dueAt: opens });
  return true;
}

/** Why a text must not go out any more, or null. */
export async function cancelReason(
  ctx: QueryCtx,
  message: Doc<"messages">,
  number: Doc<"phoneNumbers"> | null,
): Promise<string | null> {
  const contact = await ctx.db.get("contacts", message.contactId);
  if (contact === null || contact.optedOut) return "Opted out";
  if (number === null || number.status !== "active") return "Number released";
  const conversation = await ctx.db.get("conversations", message.conversationId);
  if (conversation === null || conversation.closed) return "Conversation closed";
  if (message.author === "campaign" && message.campaignId !== undefined) {
    const campaign = await ctx.db.get("campaigns", message.campaignId);
    if (campaign === null || campaign.status !== "active") return "Campaign ended";
  }
  return null;
}

/** The last check before a reserved group fires: for each text, why it must not go, or null. */
export async function sendableNow(ctx: QueryCtx, messageIds: Id<"messages">[]) {
  const reasons: { messageId: Id<"messages">; reason: string | null }[] = [];
  for (const messageId of messageIds) {
    const message = await ctx.db.get("messages", messageId);
    const number = message === null ? null : await ctx.db.get("phoneNumbers", message.numberId);
    const reason =
      message === null || message.status !== "sending" ? "Canceled" : await cancelReason(ctx, message, number);
    reasons.push({ messageId, reason });
  }
  return reasons;
}
