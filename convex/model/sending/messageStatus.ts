/**
 * The outbound message status machine (drawn in model/sending/README.md): ranks, Twilio's statuses in
 * Parley's terms, and the one function that moves a message forward on Twilio's word — used by
 * the send's record step and by status callbacks alike, so both obey the same rules: a status
 * never moves backwards, and a resendable carrier failure (30003) becomes a new attempt.
 */
import type { Doc } from "../../_generated/dataModel";
import type { MutationCtx } from "../../_generated/server";
import type { MessageStatus } from "../../validators";
import { countOptOut, countStatusChange } from "../analytics/counters";
import { updateConversation } from "../conversations/conversations";
import { cancelPendingForContact, CAMPAIGN_LANE, REPLY_LANE } from "./outbound";
import { wakeSender } from "./sender";
import { errorReason, isResendable } from "./twilioErrors";

/** pending/retrying < sending < queued < sent < final. */
export const STATUS_RANK: Record<MessageStatus, number> = {
  pending: 0,
  retrying: 0,
  sending: 1,
  queued: 2,
  sent: 3,
  delivered: 4,
  undelivered: 4,
  failed: 4,
  canceled: 4,
  received: 4,
};

/** Every hand-off to Twilio counts; past this a transient API error fails the text. */
export const MAX_ATTEMPTS = 8;
/** A resendable carrier failure (30003 unreachable) is sent again while attempts are below this. */
export const MAX_RESEND_ATTEMPTS = 3;
/** Waits before resending after an unreachable handset: the phone may be back by then. */
export const RESEND_DELAYS_MS = [10 * 60_000, 60 * 60_000];

/** Twilio's message status in Parley's terms; null for statuses Parley doesn't track (read, receiving…). */
export function fromTwilioStatus(status: string): MessageStatus | null {
  if (["accepted", "scheduled", "queued", "sending"].includes(status)) return "queued";
  if (["sent", "delivered", "undelivered", "failed"].includes(status)) return status as MessageStatus;
  return null;
}

/**
 * Backoff before attempt `attempts + 1` after a transient API error: 1 s doubling to 60 s, with
 * jitter (half fixed, half random) so a burst of 429s doesn't come back as one burst.
 */
export function retryDelayMs(attempts: number, random: number): number {
  const base = Math.min(60_000, 1000 * 2 ** Math.max(0, attempts - 1));
  return Math.round(base / 2 + (random * base) / 2);
}

/** Delay before resending after an unreachable handset, ±10 % jitter. */
export function resendDelayMs(attempts: number, random: number): number {
  const base = RESEND_DELAYS_MS[Math.min(RESEND_DELAYS_MS.length - 1, Math.max(0, attempts - 1))];
  return Math.round(base * (0.9 + 0.2 * random));
}

export type TwilioReport = { status: MessageStatus; errorCode?: number; at: number };

/**
 * Applies what Twilio reports about the message's current send. Returns the outcome stored with
 * the webhook event: "applied", "retrying", or why it changed nothing.
 */
export async function applyTwilioReport(
  ctx: MutationCtx,
  message: Doc<"messages">,
  report: TwilioReport,
  now: number,
): Promise<string> {
  if (STATUS_RANK[report.status] <= STATUS_RANK[message.status])
    return STATUS_RANK[message.status] === 4 ? "ignored (already final)" : "ignored (older status)";
  const failed = report.status === "undelivered" || report.status === "failed";
  if (failed && isResendable(report.errorCode) && message.attempts < MAX_RESEND_ATTEMPTS) {
    const dueAt = report.at + resendDelayMs(message.attempts, Math.random());
    await requeue(
      ctx,
      message,
      { dueAt, errorCode: report.errorCode, errorReason: errorReason(report.errorCode) },
      now,
    );
    return "retrying";
  }
  const sentAt = STATUS_RANK[report.status] >= STATUS_RANK.sent ? (message.sentAt ?? report.at) : undefined;
  await countStatusChange(ctx, message, report.status);
  await ctx.db.patch("messages", message._id, {
    status: report.status,
    sentAt,
    ...(report.status === "delivered" ? { deliveredAt: report.at } : {}),
    ...(failed ? { errorCode: report.errorCode, errorReason: errorReason(report.errorCode) } : {}),
  });
  if (failed && report.errorCode === 21610) await carrierOptOut(ctx, message, report.at);
  return "applied";
}

/** Puts the message back in its number's queue as `retrying`, due at `dueAt`, and wakes the sender. */
export async function requeue(
  ctx: MutationCtx,
  message: Doc<"messages">,
  change: { dueAt: number; errorCode?: number; errorReason: string; lookup?: { since: number } },
  now: number,
): Promise<void> {
  const { lookup, ...fields } = change;
  await countStatusChange(ctx, message, "retrying");
  await ctx.db.patch("messages", message._id, { status: "retrying", ...fields });
  const row = await ctx.db
    .query("outbox")
    .withIndex("by_messageId", (q) => q.eq("messageId", message._id))
    .unique();
  const queued = { state: "queued" as const, dueAt: change.dueAt, ...(lookup ? { lookup } : {}) };
  if (row !== null) await ctx.db.patch("outbox", row._id, queued);
  else
    await ctx.db.insert("outbox", {
      ...{ messageId: message._id, numberId: message.numberId, contactId: message.contactId },
      ...{ lane: message.author === "campaign" ? CAMPAIGN_LANE : REPLY_LANE, segments: message.segments },
      ...queued,
    });
  await wakeSender(ctx, message.numberId, change.dueAt, now);
}

/**
 * Twilio refused a send with 21610: the contact texted STOP at the carrier. Opts them out
 * everywhere, and counts the opt-out in the text's campaign (analytics).
 */
export async function carrierOptOut(
  ctx: MutationCtx,
  message: Pick<Doc<"messages">, "contactId" | "conversationId">,
  at: number,
): Promise<void> {
  const conversation = await ctx.db.get("conversations", message.conversationId);
  const counted = await countOptOut(ctx, conversation, at);
  if (conversation !== null && counted.optedOutHereAt !== undefined)
    await updateConversation(ctx, conversation, counted);
  const contact = await ctx.db.get("contacts", message.contactId);
  if (contact === null || contact.optedOut) return;
  await ctx.db.patch("contacts", contact._id, { optedOut: true, optedOutAt: at, optedOutVia: "carrier" });
  await cancelPendingForContact(ctx, contact._id, "Opted out");
}
