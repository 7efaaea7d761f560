/**
 * A conversation as lists show it (a campaign's Activity, the inboxes): the conversation's own
 * fields, the campaign and number it belongs to (each looked up once per query), whether the
 * contact opted out, and the newest message's delivery status. A row costs a fixed handful of
 * reads, so a page costs the same however large the campaign.
 */
import type { Doc, Id } from "../../_generated/dataModel";
import type { QueryCtx } from "../../_generated/server";
import type { CampaignRef, ConversationNumber, ConversationRow } from "../../validators";
import { memo } from "../shared/memo";

/** The most conversations (or messages) one page returns. */
export const PAGE_MAX = 100;

/** Looks each campaign, number and user up once per query. */
export function rowLookups(ctx: QueryCtx) {
  const once = memo();
  return {
    campaign: async (id: Id<"campaigns"> | undefined): Promise<CampaignRef | null> => {
      if (id === undefined) return null;
      const c = await once(id, () => ctx.db.get("campaigns", id));
      return c === null ? null : { _id: c._id, title: c.title };
    },
    number: async (id: Id<"phoneNumbers">): Promise<ConversationNumber | null> => {
      const n = await once(id, () => ctx.db.get("phoneNumbers", id));
      return n === null ? null : { _id: n._id, e164: n.e164, name: n.name };
    },
    userName: async (id: Id<"users">): Promise<string> => {
      const u = await once(id, () => ctx.db.get("users", id));
      return u?.name ?? u?.email ?? "Former user";
    },
  };
}
export type RowLookups = ReturnType<typeof rowLookups>;

export async function lastMessage(ctx: QueryCtx, conversationId: Id<"conversations">) {
  return await ctx.db
    .query("messages")
    .withIndex("by_conversationId", (q) => q.eq("conversationId", conversationId))
    .order("desc")
    .first();
}

export async function conversationRow(
  ctx: QueryCtx,
  lookups: RowLookups,
  c: Doc<"conversations">,
): Promise<ConversationRow> {
  const [campaign, number, contact, last] = await Promise.all([
    lookups.campaign(c.campaignId),
    lookups.number(c.numberId),
    ctx.db.get("contacts", c.contactId),
    lastMessage(ctx, c._id),
  ]);
  return {
    ...{ _id: c._id, officeId: c.officeId, campaign, number, contactId: c.contactId },
    ...{ phone: c.phone, firstName: c.firstName, lastName: c.lastName, operatedBy: c.operatedBy },
    ...{ needsAttention: c.needsAttention, section: c.section, tags: c.tags, closed: c.closed },
    optedOut: contact?.optedOut ?? false,
    ...{ lastMessageAt: c.lastMessageAt, lastMessagePreview: c.lastMessagePreview, lastDirection: c.lastDirection },
    lastMessageStatus: last?.status ?? null,
    lastErrorReason: last?.errorReason ?? null,
  };
}

export async function conversationRows(ctx: QueryCtx, conversations: Doc<"conversations">[]) {
  const lookups = rowLookups(ctx);
  return await Promise.all(conversations.map((c) => conversationRow(ctx, lookups, c)));
}
