/**
 * Contacts as the Activity and Contacts tabs act on them: a contact, a campaign's per-contact
 * delivery status, and opt-outs. A contact belongs to the organization; each call names where
 * the person sees it (a conversation, or a campaign) and that office's access applies.
 */
import { v } from "convex/values";
import { viewerMutation, viewerQuery } from "./functions";
import { readableCampaign } from "./model/campaigns/campaigns";
import { campaignContactStatuses } from "./model/campaigns/contactViews";
import {
  contactDetail,
  optInContact,
  optOutByAgent,
  readableContact,
  writableContact,
} from "./model/conversations/optOut";
import { vContactCampaignStatus, vContactContext, vContactDetail } from "./validators";

export const get = viewerQuery({
  args: { contactId: v.id("contacts"), context: vContactContext },
  returns: vContactDetail,
  handler: async (ctx, { contactId, context }) =>
    contactDetail(await readableContact(ctx, ctx.viewer, contactId, context)),
});

/** The Contacts tab's status columns for a page of the campaign's contacts (≤ 200). */
export const campaignStatus = viewerQuery({
  args: { campaignId: v.id("campaigns"), contactIds: v.array(v.id("contacts")) },
  returns: v.array(vContactCampaignStatus),
  handler: async (ctx, { campaignId, contactIds }) =>
    await campaignContactStatuses(ctx, await readableCampaign(ctx, ctx.viewer, campaignId), contactIds),
});

/** Opts the contact out organization-wide by hand (any role, member of the office); cancels queued texts. */
export const optOut = viewerMutation({
  args: { contactId: v.id("contacts"), context: vContactContext },
  returns: v.null(),
  handler: async (ctx, { contactId, context }) => {
    const contact = await writableContact(ctx, ctx.viewer, contactId, context, "contacts.optOut");
    await optOutByAgent(ctx, contact, context, Date.now());
    return null;
  },
});

/** Lifts an opt-out (Admin, member of the office). */
export const liftOptOut = viewerMutation({
  args: { contactId: v.id("contacts"), context: vContactContext },
  returns: v.null(),
  handler: async (ctx, { contactId, context }) => {
    await optInContact(ctx, await writableContact(ctx, ctx.viewer, contactId, context, "contacts.optOutLift"));
    return null;
  },
});
