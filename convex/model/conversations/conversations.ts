/**
 * The conversation record and everything derived from it: its Activity section, its rows in
 * inboxes (`inboxItems`), its tag rows (`conversationTags`). Every write to a conversation goes
 * through `updateConversation` so the derived rows never drift.
 *
 * Derived, kept here on every write: `section`; `inboxItems` (one row per inbox while the
 * conversation needs attention and is open — the only rows inboxes read); `conversationTags`;
 * the campaign's section counts (`conversationCounts`) and `campaigns.needsAttentionCount`;
 * and each participant's `lastMessageAt` (the Participating inbox's order).
 */
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { Direction, Inboxes, OperatedBy, Section } from "../../validators";
import { entrySearchText } from "../shared/contactPhone";

export const PREVIEW_LENGTH = 140;

export function sectionOf(c: { needsAttention: boolean; operatedBy: OperatedBy }): Section {
  return c.needsAttention ? "needsAttention" : c.operatedBy;
}

/** The inbox keys a conversation appears in: one per user and per office it is routed to. */
export function inboxKeys(inboxes: Inboxes): string[] {
  return [...inboxes.userIds.map((id) => `user:${id}`), ...inboxes.officeIds.map((id) => `office:${id}`)];
}

/**
 * Names and phone spellings the Activity search matches (first name, last name, phone): the same
 * text list entries are searched by, so "2671", "555-2671" and "+14155552671" all find a contact.
 */
export function conversationSearchText(firstName: string, lastName: string, phone: string): string {
  return entrySearchText(firstName, lastName, phone);
}

export interface NewConversation {
  officeId: Id<"offices">;
  numberId: Id<"phoneNumbers">;
  contactId: Id<"contacts">;
  campaignId?: Id<"campaigns">;
  phone: string;
  firstName: string;
  lastName: string;
  operatedBy: OperatedBy;
  inboxes: Inboxes;
  now: number;
}

export async function insertConversation(ctx: MutationCtx, c: NewConversation): Promise<Id<"conversations">> {
  const { now, ...fields } = c;
  const conversation = {
    ...fields,
    searchText: conversationSearchText(c.firstName, c.lastName, c.phone),
    needsAttention: false,
    section: sectionOf({ needsAttention: false, operatedBy: c.operatedBy }),
    tags: [],
    closed: false,
    lastMessageAt: now,
    lastMessagePreview: "",
    lastDirection: "outbound" as const,
  };
  const id = await ctx.db.insert("conversations", conversation);
  await syncInboxItems(ctx, (await ctx.db.get("conversations", id)) as Doc<"conversations">);
  if (c.campaignId !== undefined) await addToSectionCount(ctx, c.campaignId, conversation.section, 1);
  return id;
}

export type ConversationPatch = Partial<
  Pick<
    Doc<"conversations">,
    | "operatedBy"
    | "needsAttention"
    | "tags"
    | "inboxes"
    | "closed"
    | "campaignMessageId"
    | "respondedAt"
    | "optedOutHereAt"
    | "awaitingReplySince"
  >
>;

/** Applies a change and keeps section, inbox rows and tag rows in step. */
export async function updateConversation(
  ctx: MutationCtx,
  conversation: Doc<"conversations">,
  patch: ConversationPatch,
): Promise<Doc<"conversations">> {
  const next = { ...conversation, ...patch };
  next.section = sectionOf(next);
  await ctx.db.patch("conversations", conversation._id, { ...patch, section: next.section });
  await syncDerived(ctx, conversation, next);
  return next;
}

/** Records a new message on the conversation (preview, ordering, last inbound time). */
export async function touchConversation(
  ctx: MutationCtx,
  conversation: Doc<"conversations">,
  message: { body: string; direction: Direction; at: number },
  patch: ConversationPatch = {},
): Promise<Doc<"conversations">> {
  const fields = {
    ...patch,
    lastMessageAt: message.at,
    lastMessagePreview: message.body.slice(0, PREVIEW_LENGTH),
    lastDirection: message.direction,
    ...(message.direction === "inbound" ? { lastInboundAt: message.at } : {}),
  };
  const next = { ...conversation, ...fields };
  next.section = sectionOf(next);
  await ctx.db.patch("conversations", conversation._id, { ...fields, section: next.section });
  await syncDerived(ctx, conversation, next);
  return next;
}

async function syncDerived(ctx: MutationCtx, before: Doc<"conversations">, after: Doc<"conversations">) {
  const inboxesChanged = inboxKeys(before.inboxes).join() !== inboxKeys(after.inboxes).join();
  const rowsChanged =
    inboxesChanged ||
    before.needsAttention !== after.needsAttention ||
    before.closed !== after.closed ||
    before.lastMessageAt !== after.lastMessageAt;
  if (rowsChanged) await syncInboxItems(ctx, after);
  const tagsChanged = before.tags.join("\u0000") !== after.tags.join("\u0000");
  if (tagsChanged || before.section !== after.section || before.lastMessageAt !== after.lastMessageAt) {
    await syncTags(ctx, after);
  }
  if (before.section !== after.section && after.campaignId !== undefined) {
    await addToSectionCount(ctx, after.campaignId, before.section, -1);
    await addToSectionCount(ctx, after.campaignId, after.section, 1);
  }
  if (before.lastMessageAt !== after.lastMessageAt) await syncParticipants(ctx, after);
}

/**
 * Keeps the campaign's count of conversations in a section (`conversationCounts`), and for
 * "needsAttention" also `campaigns.needsAttentionCount` (the Campaigns tabs' column).
 */
async function addToSectionCount(ctx: MutationCtx, campaignId: Id<"campaigns">, section: Section, delta: number) {
  const row = await ctx.db
    .query("conversationCounts")
    .withIndex("by_campaignId_and_section", (q) => q.eq("campaignId", campaignId).eq("section", section))
    .unique();
  if (row === null) await ctx.db.insert("conversationCounts", { campaignId, section, count: Math.max(0, delta) });
  else await ctx.db.patch("conversationCounts", row._id, { count: Math.max(0, row.count + delta) });
  if (section !== "needsAttention") return;
  const campaign = await ctx.db.get("campaigns", campaignId);
  if (campaign !== null)
    await ctx.db.patch("campaigns", campaignId, {
      needsAttentionCount: Math.max(0, (campaign.needsAttentionCount ?? 0) + delta),
    });
}

/** Participants see the conversation ordered by its last message (the Participating inbox). */
async function syncParticipants(ctx: MutationCtx, c: Doc<"conversations">): Promise<void> {
  const rows = await ctx.db
    .query("participants")
    .withIndex("by_conversationId_and_userId", (q) => q.eq("conversationId", c._id))
    .take(PARTICIPANTS_MAX);
  for (const row of rows)
    if (row.lastMessageAt !== c.lastMessageAt)
      await ctx.db.patch("participants", row._id, { lastMessageAt: c.lastMessageAt });
}

/** More people than ever reply in one conversation; participant rows kept in step stop here. */
export const PARTICIPANTS_MAX = 100;

/**
 * The inbox rows a conversation has: one per inbox it is routed to while it needs attention and is
 * open, none otherwise (inboxes list only what needs attention, so the rows stay few however
 * large the campaigns).
 */
async function syncInboxItems(ctx: MutationCtx, c: Doc<"conversations">): Promise<void> {
  const existing = await ctx.db
    .query("inboxItems")
    .withIndex("by_conversationId", (q) => q.eq("conversationId", c._id))
    .take(200);
  const wanted = c.closed || !c.needsAttention ? [] : inboxKeys(c.inboxes);
  for (const row of existing) {
    if (!wanted.includes(row.inbox)) await ctx.db.delete("inboxItems", row._id);
  }
  for (const inbox of wanted) {
    const row = existing.find((r) => r.inbox === inbox);
    const fields = { needsAttention: c.needsAttention, lastMessageAt: c.lastMessageAt };
    if (!row) await ctx.db.insert("inboxItems", { conversationId: c._id, inbox, ...fields });
    else if (row.needsAttention !== fields.needsAttention || row.lastMessageAt !== fields.lastMessageAt) {
      await ctx.db.patch("inboxItems", row._id, fields);
    }
  }
}

async function syncTags(ctx: MutationCtx, c: Doc<"conversations">): Promise<void> {
  const existing = await ctx.db
    .query("conversationTags")
    .withIndex("by_conversationId", (q) => q.eq("conversationId", c._id))
    .take(10);
  for (const row of existing) await ctx.db.delete("conversationTags", row._id);
  for (const tag of c.tags) {
    await ctx.db.insert("conversationTags", {
      conversationId: c._id,
      campaignId: c.campaignId,
      tag: tag.toLowerCase(),
      section: c.section,
      lastMessageAt: c.lastMessageAt,
    });
  }
}

/** The campaign conversation with a contact, if the campaign texted them. */
export async function campaignConversation(
  ctx: QueryCtx,
  campaignId: Id<"campaigns">,
  contactId: Id<"contacts">,
): Promise<Doc<"conversations"> | null> {
  return await ctx.db
    .query("conversations")
    .withIndex("by_campaignId_and_contactId", (q) => q.eq("campaignId", campaignId).eq("contactId", contactId))
    .unique();
}

/** The number's standing conversation with a contact (unsolicited and 1:1 traffic). */
export async function standingConversation(
  ctx: QueryCtx,
  numberId: Id<"phoneNumbers">,
  contactId: Id<"contacts">,
): Promise<Doc<"conversations"> | null> {
  return await ctx.db
    .query("conversations")
    .withIndex("by_numberId_and_contactId_and_campaignId", (q) =>
      q.eq("numberId", numberId).eq("contactId", contactId).eq("campaignId", undefined),
    )
    .unique();
}
