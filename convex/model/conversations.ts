/**
 * The conversation record and everything derived from it: its Activity section, its rows in
 * inboxes (`inboxItems`), its tag rows (`conversationTags`). Every write to a conversation goes
 * through `updateConversation` so the derived rows never drift.
 */
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import type { Direction, Inboxes, OperatedBy, Section } from "../validators";

export const PREVIEW_LENGTH = 140;

export function sectionOf(c: { needsAttention: boolean; operatedBy: OperatedBy }): Section {
  return c.needsAttention ? "needsAttention" : c.operatedBy;
}

/** The inbox keys a conversation appears in: one per user and per office it is routed to. */
export function inboxKeys(inboxes: Inboxes): string[] {
  return [...inboxes.userIds.map((id) => `user:${id}`), ...inboxes.officeIds.map((id) => `office:${id}`)];
}

/** Names and phone spellings the Activity search matches (first name, last name, phone). */
export function conversationSearchText(firstName: string, lastName: string, phone: string): string {
  const digits = phone.replace(/\D/g, "");
  const national = digits.startsWith("1") ? digits.slice(1) : digits;
  return [firstName, lastName, phone, digits, national].filter(Boolean).join(" ");
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
  return id;
}

export type ConversationPatch = Partial<
  Pick<Doc<"conversations">, "operatedBy" | "needsAttention" | "tags" | "inboxes" | "closed" | "campaignMessageId">
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
}

/** One inbox row per inbox the conversation is routed to; none once it is closed. */
async function syncInboxItems(ctx: MutationCtx, c: Doc<"conversations">): Promise<void> {
  const existing = await ctx.db
    .query("inboxItems")
    .withIndex("by_conversationId", (q) => q.eq("conversationId", c._id))
    .take(200);
  const wanted = c.closed ? [] : inboxKeys(c.inboxes);
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
