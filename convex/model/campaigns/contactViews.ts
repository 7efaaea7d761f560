/**
 * What a campaign's Contacts tab reads beside the list's entries: per contact, the opt-out and
 * the campaign's text exactly as sent to them with its delivery status (delivered, retrying,
 * failed with the reason). A batch of contacts (one page of the tab) at a time.
 */
import type { Doc, Id } from "../../_generated/dataModel";
import type { QueryCtx } from "../../_generated/server";
import type { ContactCampaignStatus } from "../../validators";
import { campaignConversation } from "../conversations/conversations";
import { appError } from "../shared/errors";

/** The most contacts one call reports on (a page of the Contacts tab). */
export const STATUS_CONTACTS_MAX = 200;

async function onList(ctx: QueryCtx, listId: Id<"contactLists"> | undefined, phone: string): Promise<boolean> {
  if (listId === undefined) return false;
  const entry = await ctx.db
    .query("listEntries")
    .withIndex("by_listId_and_phone", (q) => q.eq("listId", listId).eq("phone", phone))
    .first();
  return entry !== null;
}

/** The campaign's text to the contact: `campaignMessageId`, else the conversation's first message if the campaign wrote it. */
async function campaignMessage(ctx: QueryCtx, conversation: Doc<"conversations">): Promise<Doc<"messages"> | null> {
  if (conversation.campaignMessageId !== undefined) return await ctx.db.get("messages", conversation.campaignMessageId);
  const first = await ctx.db
    .query("messages")
    .withIndex("by_conversationId", (q) => q.eq("conversationId", conversation._id))
    .first();
  return first?.author === "campaign" ? first : null;
}

/** One contact's row, or null when the campaign neither lists nor texted them. */
async function contactStatus(
  ctx: QueryCtx,
  campaign: Doc<"campaigns">,
  contactId: Id<"contacts">,
): Promise<ContactCampaignStatus | null> {
  const contact = await ctx.db.get("contacts", contactId);
  if (contact === null) return null;
  const conversation = await campaignConversation(ctx, campaign._id, contactId);
  if (conversation === null && !(await onList(ctx, campaign.listId, contact.phone))) return null;
  const m = conversation === null ? null : await campaignMessage(ctx, conversation);
  return {
    ...{ contactId, optedOut: contact.optedOut, optedOutVia: contact.optedOutVia ?? null },
    conversationId: conversation?._id ?? null,
    message:
      m === null
        ? null
        : {
            ...{ _id: m._id, body: m.body, status: m.status, attempts: m.attempts, errorCode: m.errorCode ?? null },
            ...{ errorReason: m.errorReason ?? null, sentAt: m.sentAt ?? null, deliveredAt: m.deliveredAt ?? null },
          },
  };
}

export async function campaignContactStatuses(
  ctx: QueryCtx,
  campaign: Doc<"campaigns">,
  contactIds: Id<"contacts">[],
): Promise<ContactCampaignStatus[]> {
  const unique = [...new Set(contactIds)];
  if (unique.length > STATUS_CONTACTS_MAX)
    throw appError("INVALID", `Ask for at most ${STATUS_CONTACTS_MAX} contacts at a time.`);
  const rows = await Promise.all(unique.map((id) => contactStatus(ctx, campaign, id)));
  return rows.filter((row) => row !== null);
}
