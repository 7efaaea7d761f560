/**
 * What agents do in a conversation: reply, switch between agent and VA, toggle Needs attention,
 * tag, and start a 1:1 text from a reusable number. Each needs membership of the conversation's
 * (or number's) office and the capability; every text goes out through `enqueueOutbound`, which
 * refuses opted-out contacts (OPTED_OUT) and closed conversations (CLOSED).
 */
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx } from "../../_generated/server";
import type { OperatedBy } from "../../validators";
import { requireOfficeWrite, type Viewer } from "../organization/auth";
import { getAllowedCountries } from "../organization/allowedCountries";
import { normalizePhone } from "../shared/contactPhone";
import { requireOpen, writableConversation } from "./access";
import { updateConversation, type ConversationPatch } from "./conversations";
import { appError } from "../shared/errors";
import { enqueueOutbound } from "../sending/outbound";
import { contactFor, routeConversation, unsolicitedSettings } from "./routing";
import { CONVERSATION_TAGS_MAX as TAGS_MAX, TAG_MAX } from "../shared/tags";

/** Records the agent among the conversation's participants (their Participating inbox). */
async function recordParticipant(ctx: MutationCtx, c: Doc<"conversations">, userId: Id<"users">): Promise<void> {
  const row = await ctx.db
    .query("participants")
    .withIndex("by_conversationId_and_userId", (q) => q.eq("conversationId", c._id).eq("userId", userId))
    .unique();
  if (row === null)
    await ctx.db.insert("participants", { conversationId: c._id, userId, lastMessageAt: c.lastMessageAt });
}

/** An agent's reply: clears Needs attention, makes the agent a participant, queues the text. */
export async function sendReply(
  ctx: MutationCtx,
  viewer: Viewer,
  conversationId: Id<"conversations">,
  body: string,
  now: number,
): Promise<Id<"messages">> {
  const found = await writableConversation(ctx, viewer, conversationId, "conversations.reply");
  requireOpen(found);
  const conversation = found.needsAttention ? await updateConversation(ctx, found, { needsAttention: false }) : found;
  await recordParticipant(ctx, conversation, viewer._id);
  return await enqueueOutbound(
    ctx,
    { conversation, body: body.trim(), author: "agent", authorUserId: viewer._id },
    now,
  );
}

/** Hands the conversation to agents or the VA; handing it to the VA takes it out of Needs attention. */
export async function setOperatedBy(
  ctx: MutationCtx,
  viewer: Viewer,
  conversationId: Id<"conversations">,
  operatedBy: OperatedBy,
): Promise<void> {
  const conversation = await writableConversation(ctx, viewer, conversationId, "conversations.manage");
  requireOpen(conversation);
  await updateConversation(ctx, conversation, {
    operatedBy,
    ...(operatedBy === "va" ? { needsAttention: false } : {}),
  });
}

/**
 * The Needs attention toggle. A conversation of an ended campaign on a reusable number that
 * needs attention again follows the number's unsolicited settings, as at the end (`ending.ts`).
 */
export async function setNeedsAttention(
  ctx: MutationCtx,
  viewer: Viewer,
  conversationId: Id<"conversations">,
  needsAttention: boolean,
): Promise<void> {
  const conversation = await writableConversation(ctx, viewer, conversationId, "conversations.manage");
  if (conversation.needsAttention === needsAttention) return;
  requireOpen(conversation);
  const patch: ConversationPatch = { needsAttention };
  const campaign =
    conversation.campaignId === undefined ? null : await ctx.db.get("campaigns", conversation.campaignId);
  const number = await ctx.db.get("phoneNumbers", conversation.numberId);
  if (needsAttention && campaign?.status === "archived" && number?.kind === "reusable") {
    const settings = unsolicitedSettings(number);
    Object.assign(patch, { operatedBy: settings.handledBy, inboxes: settings.inboxes });
  }
  await updateConversation(ctx, conversation, patch);
}

/** A tag as stored: trimmed, inner spaces collapsed. Throws INVALID when empty or too long. */
export function cleanTag(raw: string): string {
  const tag = raw.trim().replace(/\s+/g, " ");
  if (tag === "") throw appError("INVALID", "Type a tag first.");
  if (tag.length > TAG_MAX)
    throw appError("INVALID", `Tags are at most ${TAG_MAX} characters; "${tag.slice(0, 40)}" has ${tag.length}.`);
  return tag;
}

/** The tags after adding one: unchanged if already there (any case), INVALID past three. */
export function withTag(tags: readonly string[], raw: string): string[] {
  const tag = cleanTag(raw);
  if (tags.some((t) => t.toLowerCase() === tag.toLowerCase())) return [...tags];
  if (tags.length >= TAGS_MAX)
    throw appError("INVALID", `A conversation can have at most ${TAGS_MAX} tags. Remove one before adding "${tag}".`);
  return [...tags, tag];
}

export function withoutTag(tags: readonly string[], raw: string): string[] {
  const key = raw.trim().replace(/\s+/g, " ").toLowerCase();
  return tags.filter((t) => t.toLowerCase() !== key);
}

export async function changeTags(
  ctx: MutationCtx,
  viewer: Viewer,
  conversationId: Id<"conversations">,
  change: (tags: string[]) => string[],
): Promise<void> {
  const conversation = await writableConversation(ctx, viewer, conversationId, "conversations.manage");
  const tags = change(conversation.tags);
  if (tags.join("\u0000") !== conversation.tags.join("\u0000")) await updateConversation(ctx, conversation, { tags });
}

/**
 * A 1:1 text from a reusable number of the viewer's office to any phone (normalized as list
 * imports do). It goes where the contact's reply will land (`routeConversation`): the active
 * campaign's conversation if that campaign texted them, else the number's standing conversation —
 * created agent-operated, since a person started it.
 */
export async function startOneToOne(
  ctx: MutationCtx,
  viewer: Viewer,
  { numberId, phone, body }: { numberId: Id<"phoneNumbers">; phone: string; body: string },
  now: number,
): Promise<{ conversationId: Id<"conversations">; messageId: Id<"messages"> }> {
  const number = await ctx.db.get("phoneNumbers", numberId);
  if (number === null) throw appError("NOT_FOUND", "That phone number doesn't exist any more. Pick another.");
  requireOfficeWrite(viewer, number.officeId, "oneToOne.start");
  if (number.kind !== "reusable" || number.status !== "active")
    throw appError(
      "INVALID",
      "1:1 texts go from an active reusable number. Pick one of your office's reusable numbers.",
    );
  const normalized = normalizePhone(phone, await getAllowedCountries(ctx));
  if (!normalized.ok) throw appError("INVALID", `Can't text "${phone.trim()}": ${normalized.reason}.`);
  const contact = await contactFor(ctx, normalized.phone);
  if (contact.optedOut)
    throw appError(
      "OPTED_OUT",
      "This contact opted out of texts, so Parley can't text them. An administrator can lift the opt-out.",
    );
  const route = await routeConversation(ctx, number, contact, now, "agent");
  if (route.conversation === null) throw new Error("A reusable number always has a conversation for a contact.");
  requireOpen(route.conversation);
  const conversation = route.conversation.needsAttention
    ? await updateConversation(ctx, route.conversation, { needsAttention: false })
    : route.conversation;
  await recordParticipant(ctx, conversation, viewer._id);
  const author = "agent" as const;
  const messageId = await enqueueOutbound(
    ctx,
    { conversation, body: body.trim(), author, authorUserId: viewer._id },
    now,
  );
  return { conversationId: conversation._id, messageId };
}
