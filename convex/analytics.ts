/**
 * Analytics: a campaign's Analytics tab (send status, engagement, responses, contact message
 * activity) and the supervisor dashboard. Every figure comes from counters the messaging engine
 * keeps on write (`model/analytics/counters.ts`); model/analytics/README.md says what each one counts.
 */
import { v } from "convex/values";
import { viewerQuery } from "./functions";
import { requireCapability } from "./model/organization/auth";
import { campaignActivity, campaignAnalytics, dashboardRows } from "./model/analytics/views";
import { readableCampaign } from "./model/campaigns/campaigns";
import { vCampaignActivity, vCampaignAnalytics, vDashboardRow } from "./validators";

/** Send status, engagement and responses of a campaign (readers of its office). */
export const campaign = viewerQuery({
  args: { campaignId: v.id("campaigns") },
  returns: vCampaignAnalytics,
  handler: async (ctx, { campaignId }) => {
    requireCapability(ctx.viewer, "campaigns.read");
    const found = await readableCampaign(ctx, ctx.viewer, campaignId);
    return await campaignAnalytics(ctx, found._id);
  },
});

/** Contact texts over time; `now` (the client's clock, to the minute) ends the range of an active campaign. */
export const activity = viewerQuery({
  args: { campaignId: v.id("campaigns"), now: v.number() },
  returns: vCampaignActivity,
  handler: async (ctx, { campaignId, now }) => {
    requireCapability(ctx.viewer, "campaigns.read");
    return await campaignActivity(ctx, await readableCampaign(ctx, ctx.viewer, campaignId), now);
  },
});

/** The supervisor dashboard: every active campaign of the viewer's offices; agent replies since `since`. */
export const dashboard = viewerQuery({
  args: { officeId: v.optional(v.id("offices")), since: v.number() },
  returns: v.array(vDashboardRow),
  handler: async (ctx, args) => {
    requireCapability(ctx.viewer, "analytics.dashboard");
    return await dashboardRows(ctx, ctx.viewer, args);
  },
});
