/**
 * An inbound text, from Twilio's webhook to the conversation, in one transaction: record the
 * callback (`webhookEvents`, the idempotency key is the MessageSid: Twilio retries keep it), find
 * the number, the contact and the conversation (`routing.ts`), store the message, then act:
 *
 * - a keyword or plain-language request (`keywords.ts`): opt out (cancels queued texts, no
 *   confirmation), opt back in, or answer HELP with the organization's help text (author
 *   "system"); nobody else needs to see these, so they never raise Needs attention;
 * - an agent-operated conversation → Needs attention;
 * - a VA-operated one → the VA (`va.ts`) answers (author "va"), or, when it doesn't know, the
 *   campaign's fallback: the set reply (author "va": it is the assistant's answer and counts as
 *   a chatbot response) or Needs attention. Standing conversations have no set reply: they escalate.
 *   The set reply is never sent twice in a row: a contact still unanswered after it goes to a person.
 *
 * Nothing is sent on a closed conversation or to an opted-out contact.
 */
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx } from "../../_generated/server";
import { countInbound, countOptOut } from "../analytics/counters";
import type { ConversationPatch } from "./conversations";
import { touchConversation, updateConversation } from "./conversations";
import { errorCode } from "../shared/errors";
import { keywordAction, type KeywordAction } from "./keywords";
import { optInContact, optOutContact } from "./optOut";
import { enqueueOutbound } from "../sending/outbound";
import { activeNumber, contactFor, routeConversation } from "./routing";
import { countSegments } from "../shared/segments";
import { CONVERSATION_TAGS_MAX } from "../shared/tags";
import { vaAnswer, withAnswerTag } from "../assistant/va";

export type InboundParams = Record<string, string>;

/** Handles one webhook delivery; returns what was done (also kept on its `webhookEvents` row). */
export async function receiveInbound(ctx: MutationCtx, params: InboundParams, now: number): Promise<string> {
  const messageSid = params.MessageSid ?? params.SmsMessageSid ?? params.SmsSid ?? "";
  const seen =
    messageSid !== "" &&
    (await ctx.db
      .query("webhookEvents")
      .withIndex("by_messageSid_and_kind", (q) => q.eq("messageSid", messageSid).eq("kind", "inbound"))
      .first()) !== null;
  const outcome = seen ? "duplicate" : await handleInbound(ctx, params, messageSid, now);
  await ctx.db.insert("webhookEvents", { kind: "inbound", messageSid, params, receivedAt: now, outcome });
  return outcome;
}

async function handleInbound(ctx: MutationCtx, params: InboundParams, sid: string, now: number): Promise<string> {
  const number = await activeNumber(ctx, (params.To ?? "").trim());
  if (number === null) return "ignored (not an active Parley number)";
  const from = (params.From ?? "").trim();
  if (from === "") return "ignored (no sender)";
  const contact = await contactFor(ctx, from);
  const body = params.Body ?? "";
  const keyword = keywordAction(body, contact.optedOut, params.OptOutType);
  const route = await routeConversation(ctx, number, contact, now);
  if (route.conversation === null) {
    const effect = await applyKeyword(ctx, keyword, contact, null, now);
    return `ignored (${route.reason})${effect}`;
  }
  const message = await insertInbound(ctx, route.conversation, number, { sid, body, params });
  const counted = await countInbound(ctx, route.conversation, { _id: message._id, keyword: keyword !== null, at: now });
  if (keyword !== null) {
    const inbound = { body, direction: "inbound" as const, at: now };
    const conversation = await touchConversation(ctx, route.conversation, inbound, counted);
    return `stored${await applyKeyword(ctx, keyword, contact, conversation, now)}`;
  }
  return `stored${await respond(ctx, route.conversation, message, contact, now, counted)}`;
}

async function insertInbound(
  ctx: MutationCtx,
  conversation: Doc<"conversations">,
  number: Doc<"phoneNumbers">,
  { sid, body, params }: { sid: string; body: string; params: InboundParams },
): Promise<Doc<"messages">> {
  const reported = Number.parseInt(params.NumSegments ?? "", 10);
  const id = await ctx.db.insert("messages", {
    ...{ conversationId: conversation._id, campaignId: conversation.campaignId, contactId: conversation.contactId },
    ...{ numberId: number._id, direction: "inbound" as const, author: "contact" as const, body },
    segments: Number.isInteger(reported) && reported > 0 ? reported : Math.max(1, countSegments(body).segments),
    ...{ from: conversation.phone, to: number.e164, status: "received" as const, attempts: 0 },
    ...(sid === "" ? {} : { twilioSid: sid }),
  });
  return (await ctx.db.get("messages", id)) as Doc<"messages">;
}

/** Opt-out, opt-in or help; returns a note for the event's outcome. */
async function applyKeyword(
  ctx: MutationCtx,
  keyword: KeywordAction,
  contact: Doc<"contacts">,
  conversation: Doc<"conversations"> | null,
  now: number,
): Promise<string> {
  if (keyword === null) return "";
  if (keyword.action === "optOut") {
    const canceled = await optOutContact(ctx, contact, "keyword", now);
    const patch: ConversationPatch = await countOptOut(ctx, conversation, now);
    if (conversation?.needsAttention === true) patch.needsAttention = false;
    if (conversation !== null && Object.keys(patch).length > 0) await updateConversation(ctx, conversation, patch);
    return `; opted out (${keyword.match}), ${canceled} queued canceled`;
  }
  if (keyword.action === "optIn") {
    await optInContact(ctx, contact);
    return "; opted back in";
  }
  if (conversation === null || conversation.closed || contact.optedOut) return "; help not answered";
  const helpText = (await ctx.db.query("organization").first())?.helpText.trim() ?? "";
  if (helpText === "") return "; help not answered (no help text)";
  return await queueReply(ctx, conversation, helpText, "system", "; help answered", now);
}

type Response = { patch: ConversationPatch; reply: string | null; note: string };

/** Touches the conversation with the inbound text and what it calls for; queues the VA's reply. */
async function respond(
  ctx: MutationCtx,
  conversation: Doc<"conversations">,
  message: Doc<"messages">,
  contact: Doc<"contacts">,
  now: number,
  counted: ConversationPatch,
): Promise<string> {
  const response = await decide(ctx, conversation, message, contact);
  const touched = await touchConversation(
    ctx,
    conversation,
    { body: message.body, direction: "inbound", at: now },
    { ...counted, ...response.patch },
  );
  if (response.reply === null) return response.note;
  return await queueReply(ctx, touched, response.reply, "va", response.note, now);
}

/**
 * Queues an automatic reply. A refusal (`enqueueOutbound` checks before it writes) is noted on the
 * event instead of failing the webhook, which would make Twilio retry a text already handled.
 */
async function queueReply(
  ctx: MutationCtx,
  conversation: Doc<"conversations">,
  body: string,
  author: "va" | "system",
  note: string,
  now: number,
): Promise<string> {
  try {
    await enqueueOutbound(ctx, { conversation, body, author }, now);
    return note;
  } catch (error) {
    const code = errorCode(error);
    if (code === null) throw error;
    return `${note} (not sent: ${code})`;
  }
}

async function decide(
  ctx: MutationCtx,
  conversation: Doc<"conversations">,
  message: Doc<"messages">,
  contact: Doc<"contacts">,
): Promise<Response> {
  const attention: Response = { patch: { needsAttention: true }, reply: null, note: "; needs attention" };
  if (conversation.closed) return { patch: {}, reply: null, note: "; closed, not answered" };
  if (contact.optedOut) return { patch: {}, reply: null, note: "; contact opted out, not answered" };
  if (conversation.operatedBy === "agent" || conversation.needsAttention) return attention;
  const answer = await vaAnswer(ctx, { conversation, message });
  if (answer.kind === "answer" && answer.text.trim() !== "")
    return { patch: {}, reply: answer.text, note: "; VA answered" };
  if (answer.kind === "noted") {
    const tags = withAnswerTag(conversation.tags, answer.tag, CONVERSATION_TAGS_MAX);
    // No room for the answer's tag: a person reads the answer and tags by hand, rather than losing it.
    if (tags === null) return { ...attention, note: `; VA recognised "${answer.tag}", tags full, needs attention` };
    return { patch: { tags }, reply: null, note: `; VA noted "${answer.tag}"` };
  }
  const setReply = await setReplyFor(ctx, conversation, message._id);
  if (setReply === null) return { ...attention, note: "; VA didn't know, needs attention" };
  return { patch: {}, reply: setReply, note: "; VA didn't know, set reply sent" };
}

/** The campaign's set reply, when the VA should send it now (not for standing conversations, never twice in a row). */
async function setReplyFor(
  ctx: MutationCtx,
  conversation: Doc<"conversations">,
  inboundId: Id<"messages">,
): Promise<string | null> {
  const campaign =
    conversation.campaignId === undefined ? null : await ctx.db.get("campaigns", conversation.campaignId);
  if (campaign === null || campaign.vaFallback !== "setReply" || campaign.vaSetReply.trim() === "") return null;
  const latest = await ctx.db
    .query("messages")
    .withIndex("by_conversationId", (q) => q.eq("conversationId", conversation._id))
    .order("desc")
    .take(2);
  const previous = latest.find((m) => m._id !== inboundId);
  const repeated =
    previous?.direction === "outbound" && previous.author === "va" && previous.body === campaign.vaSetReply;
  return repeated ? null : campaign.vaSetReply;
}
