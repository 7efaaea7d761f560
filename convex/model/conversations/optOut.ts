/**
 * Opt-outs: organization-wide, on the contact record. A contact opts out by texting a keyword or
 * asking in plain words (`keywords.ts`), or an agent opts them out by hand; texting START/UNSTOP
 * opts back in, and an admin can lift an opt-out. Opting out cancels every text still waiting to
 * go to the contact, and `enqueueOutbound` refuses any new one, so Parley never texts an
 * opted-out contact. Parley sends no confirmation: Twilio confirms keyword opt-outs itself
 * (Advanced Opt-Out), and a plain-language or manual opt-out means "no more texts".
 */
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { ContactContext, ContactDetail } from "../../validators";
import { requireOfficeRead, requireOfficeWrite, type Capability, type Viewer } from "../organization/auth";
import { requireCampaign } from "../campaigns/campaigns";
import { countOptOut } from "../analytics/counters";
import { requireConversation } from "./access";
import { campaignConversation, updateConversation } from "./conversations";
import { appError } from "../shared/errors";
import { cancelPendingForContact } from "../sending/outbound";

export type OptOutVia = "keyword" | "agent";

/** Opts the contact out (keeping the first opt-out's time and way) and cancels its queued texts. */
export async function optOutContact(
  ctx: MutationCtx,
  contact: Doc<"contacts">,
  via: OptOutVia,
  now: number,
): Promise<number> {
  if (!contact.optedOut)
    await ctx.db.patch("contacts", contact._id, { optedOut: true, optedOutAt: now, optedOutVia: via });
  return await cancelPendingForContact(ctx, contact._id);
}

/**
 * An agent's opt-out by hand, from a conversation or a campaign's Contacts tab: also counted as
 * an opt-out of that campaign (analytics) when the contact wasn't opted out already.
 */
export async function optOutByAgent(ctx: MutationCtx, contact: Doc<"contacts">, context: ContactContext, now: number) {
  if (!contact.optedOut) {
    const conversation =
      "conversationId" in context
        ? await ctx.db.get("conversations", context.conversationId)
        : await campaignConversation(ctx, context.campaignId, contact._id);
    const counted = await countOptOut(ctx, conversation, now);
    if (conversation !== null && counted.optedOutHereAt !== undefined)
      await updateConversation(ctx, conversation, counted);
  }
  await optOutContact(ctx, contact, "agent", now);
}

/** Opts the contact back in (START, or an admin lifting the opt-out). */
export async function optInContact(ctx: MutationCtx, contact: Doc<"contacts">): Promise<void> {
  if (contact.optedOut)
    await ctx.db.patch("contacts", contact._id, { optedOut: false, optedOutAt: undefined, optedOutVia: undefined });
}

export function contactDetail(
  contact: Pick<Doc<"contacts">, "_id" | "phone" | "optedOut" | "optedOutAt" | "optedOutVia">,
): ContactDetail {
  return {
    _id: contact._id,
    phone: contact.phone,
    optedOut: contact.optedOut,
    optedOutAt: contact.optedOutAt ?? null,
    optedOutVia: contact.optedOutVia ?? null,
  };
}

async function requireContact(ctx: QueryCtx, contactId: Id<"contacts">): Promise<Doc<"contacts">> {
  const contact = await ctx.db.get("contacts", contactId);
  if (contact === null) throw appError("NOT_FOUND", "That contact doesn't exist any more. Refresh and try again.");
  return contact;
}

/**
 * The office a contact is seen in, after checking the contact is really there: the
 * conversation's contact, or on the campaign's list. Contacts belong to no office, so this is
 * what keeps one office from acting on contacts it has never texted.
 */
async function contextOffice(ctx: QueryCtx, contact: Doc<"contacts">, context: ContactContext) {
  const NOT_THERE = appError("NOT_FOUND", "That contact isn't part of this conversation or campaign.");
  if ("conversationId" in context) {
    const conversation = await requireConversation(ctx, context.conversationId);
    return { officeId: conversation.officeId, check: () => conversation.contactId === contact._id, NOT_THERE };
  }
  const campaign = await requireCampaign(ctx, context.campaignId);
  const listId = campaign.listId;
  const onList = async () =>
    listId !== undefined &&
    (await ctx.db
      .query("listEntries")
      .withIndex("by_listId_and_phone", (q) => q.eq("listId", listId).eq("phone", contact.phone))
      .first()) !== null;
  return { officeId: campaign.officeId, check: onList, NOT_THERE };
}

/** The contact, if the viewer may read it where it is seen. */
export async function readableContact(
  ctx: QueryCtx,
  viewer: Viewer,
  contactId: Id<"contacts">,
  context: ContactContext,
) {
  const contact = await requireContact(ctx, contactId);
  const where = await contextOffice(ctx, contact, context);
  requireOfficeRead(viewer, where.officeId);
  if (!(await where.check())) throw where.NOT_THERE;
  return contact;
}

/** The contact, if the viewer may act on it with `capability` where it is seen (office membership). */
export async function writableContact(
  ctx: QueryCtx,
  viewer: Viewer,
  contactId: Id<"contacts">,
  context: ContactContext,
  capability: Capability,
) {
  const contact = await requireContact(ctx, contactId);
  const where = await contextOffice(ctx, contact, context);
  requireOfficeWrite(viewer, where.officeId, capability);
  if (!(await where.check())) throw where.NOT_THERE;
  return contact;
}
