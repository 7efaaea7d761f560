/**
 * The outbound queue's front door. Every text Parley sends — a campaign's fan-out, an agent's or
 * the VA's reply, a system answer (HELP, opt-out confirmation) — enters here as a `pending`
 * message plus its `outbox` row, and the number's sender (`model/sending/sender.ts`) sends it in turn.
 * Opt-outs take queued texts back out with `cancelPendingForContact`; the sender's claim checks
 * the opt-out again in the same transaction as the send, so nothing queued slips through.
 */
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx } from "../../_generated/server";
import { countOutbound, countStatusChange } from "../analytics/counters";
import { touchConversation } from "../conversations/conversations";
import { appError } from "../shared/errors";
import { nextSendWindow, quietSettings, type QuietSettings } from "./quietHours";
import { countSegments, MESSAGE_MAX_CHARACTERS } from "../shared/segments";
import { wakeSender } from "./sender";

export type OutboundAuthor = "campaign" | "agent" | "va" | "system";

export type OutboundRequest = {
  conversation: Doc<"conversations">;
  body: string;
  author: OutboundAuthor;
  authorUserId?: Id<"users">;
};

/** Replies go before campaign sends queued on the same number. */
export const REPLY_LANE = 0;
export const CAMPAIGN_LANE = 1;

/** Why a text can't be queued, as an error for the person who tried; null when it can. */
export function outboundProblem(
  body: string,
  conversation: Pick<Doc<"conversations">, "closed">,
  contact: Pick<Doc<"contacts">, "optedOut"> | null,
  number: Pick<Doc<"phoneNumbers">, "status"> | null,
) {
  if (body.trim() === "") return appError("INVALID", "Write a message before sending.");
  if (body.length > MESSAGE_MAX_CHARACTERS)
    return appError(
      "INVALID",
      `The message is ${body.length.toLocaleString("en-US")} characters; texts can be at most ${MESSAGE_MAX_CHARACTERS.toLocaleString("en-US")}.`,
    );
  if (contact?.optedOut === true) return appError("OPTED_OUT", "This contact opted out of texts: nothing was sent.");
  if (conversation.closed) return appError("CLOSED", "This conversation is closed: its campaign ended.");
  if (number === null || number.status !== "active")
    return appError("CLOSED", "This conversation's number was released, so no more texts can go out from it.");
  return null;
}

/**
 * Queues a text on the conversation's number and wakes the number's sender. Refuses (throws) an
 * empty or over-long body (INVALID), an opted-out contact (OPTED_OUT), a closed conversation or a
 * released number (CLOSED). Campaign texts wait for the recipient's sending window; replies don't.
 */
export async function enqueueOutbound(
  ctx: MutationCtx,
  request: OutboundRequest,
  now: number,
): Promise<Id<"messages">> {
  const { conversation } = request;
  const contact = await ctx.db.get("contacts", conversation.contactId);
  const number = await ctx.db.get("phoneNumbers", conversation.numberId);
  const problem = outboundProblem(request.body, conversation, contact, number);
  if (problem !== null) throw problem;
  const settings = quietSettings(await ctx.db.query("organization").first());
  const queued = await queueMessage(ctx, request, number as Doc<"phoneNumbers">, settings, now);
  await wakeSender(ctx, conversation.numberId, queued.dueAt, now);
  return queued.messageId;
}

/**
 * Inserts the pending message and its outbox row and touches the conversation — without the
 * checks or the wake (the fan-out checks a batch at once and wakes the sender once per batch).
 */
export async function queueMessage(
  ctx: MutationCtx,
  { conversation, body, author, authorUserId }: OutboundRequest,
  number: Doc<"phoneNumbers">,
  settings: QuietSettings,
  now: number,
): Promise<{ messageId: Id<"messages">; dueAt: number }> {
  const campaign = author === "campaign";
  const dueAt = campaign ? nextSendWindow(now, conversation.phone, settings) : now;
  const segments = Math.max(1, countSegments(body).segments);
  const messageId = await ctx.db.insert("messages", {
    conversationId: conversation._id,
    campaignId: conversation.campaignId,
    contactId: conversation.contactId,
    numberId: conversation.numberId,
    direction: "outbound",
    author,
    authorUserId,
    body,
    segments,
    from: number.e164,
    to: conversation.phone,
    status: "pending",
    attempts: 0,
    dueAt,
  });
  await ctx.db.insert("outbox", {
    messageId,
    numberId: conversation.numberId,
    contactId: conversation.contactId,
    lane: campaign ? CAMPAIGN_LANE : REPLY_LANE,
    segments,
    state: "queued",
    dueAt,
  });
  const counted = await countOutbound(ctx, conversation, { _id: messageId, author }, now);
  const patch = { ...counted, ...(campaign ? { campaignMessageId: messageId } : {}) };
  await touchConversation(ctx, conversation, { body, direction: "outbound", at: now }, patch);
  return { messageId, dueAt };
}

/**
 * Records a text that can't be sent as `failed` with `reason` (no outbox row, nothing reaches
 * Twilio), counted in the campaign's analytics as a failed send, and shown in the conversation.
 */
export async function recordUnsendable(
  ctx: MutationCtx,
  { conversation, body, author, authorUserId }: OutboundRequest,
  number: Doc<"phoneNumbers">,
  reason: string,
  now: number,
): Promise<Id<"messages">> {
  const messageId = await ctx.db.insert("messages", {
    ...{ conversationId: conversation._id, campaignId: conversation.campaignId, contactId: conversation.contactId },
    ...{ numberId: conversation.numberId, direction: "outbound", author, authorUserId, body },
    ...{ segments: Math.max(1, countSegments(body).segments), from: number.e164, to: conversation.phone },
    ...{ status: "failed", errorReason: reason, attempts: 0 },
  });
  const counted = await countOutbound(ctx, conversation, { _id: messageId, author }, now);
  await countStatusChange(
    ctx,
    { _id: messageId, author, campaignId: conversation.campaignId, status: "pending" },
    "failed",
  );
  const patch = { ...counted, ...(author === "campaign" ? { campaignMessageId: messageId } : {}) };
  await touchConversation(ctx, conversation, { body, direction: "outbound", at: now }, patch);
  return messageId;
}

/** At most this many queued texts are canceled in one call; the sender's claim check covers any rest. */
const CANCEL_BATCH = 1000;

/**
 * Cancels every text still waiting to go to the contact (pending or retrying) with `reason` shown
 * on it. Texts already handed to Twilio (in flight) are past recall. Returns how many were canceled.
 */
export async function cancelPendingForContact(
  ctx: MutationCtx,
  contactId: Id<"contacts">,
  reason = "Opted out",
): Promise<number> {
  const rows = await ctx.db
    .query("outbox")
    .withIndex("by_contactId_and_state", (q) => q.eq("contactId", contactId).eq("state", "queued"))
    .take(CANCEL_BATCH);
  for (const row of rows) await cancelQueued(ctx, row, reason);
  return rows.length;
}

/** Takes one queued text out of the outbox and marks its message canceled. */
export async function cancelQueued(ctx: MutationCtx, row: Doc<"outbox">, reason: string): Promise<void> {
  await ctx.db.delete("outbox", row._id);
  const message = await ctx.db.get("messages", row.messageId);
  if (message !== null && (message.status === "pending" || message.status === "retrying")) {
    await countStatusChange(ctx, message, "canceled");
    await ctx.db.patch("messages", message._id, { status: "canceled", errorReason: reason, dueAt: undefined });
  }
}
