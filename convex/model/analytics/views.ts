/**
 * What the Analytics tab and the supervisor dashboard read: a campaign's counter shards, its
 * median cursor, and activity bucket rows — a bounded number of documents per campaign whatever
 * its volume (`npm run bench -- scale` measures it). Queries never read the clock: the caller
 * passes `now` (the activity range) or `since` (the dashboard's last hour), rounded to a minute.
 */
import type { Doc, Id } from "../../_generated/dataModel";
import type { QueryCtx } from "../../_generated/server";
import type { CampaignActivity, CampaignAnalytics, CampaignCounts, DashboardRow } from "../../validators";
import { ANALYTICS_SHARDS, ZERO_COUNTS } from "./counters";
import { bucketStarts, chooseUnit, fiveMinuteStart, MAX_POINTS } from "../shared/analyticsBuckets";
import { canReadOffice, type Viewer } from "../organization/auth";
import { readableOffices } from "../organization/offices";
import { medianResponseTime } from "./responseTimes";

/** The campaign's counters: the sum of its shards. */
export async function campaignCounts(ctx: QueryCtx, campaignId: Id<"campaigns">): Promise<CampaignCounts> {
  const shards = await ctx.db
    .query("campaignStats")
    .withIndex("by_campaignId_and_shard", (q) => q.eq("campaignId", campaignId))
    .take(ANALYTICS_SHARDS);
  const sum = { ...ZERO_COUNTS };
  for (const shard of shards) for (const key of Object.keys(sum) as (keyof CampaignCounts)[]) sum[key] += shard[key];
  return sum;
}

const rate = (responded: number, messaged: number) => (messaged === 0 ? null : responded / messaged);

export async function campaignAnalytics(ctx: QueryCtx, campaignId: Id<"campaigns">): Promise<CampaignAnalytics> {
  const c = await campaignCounts(ctx, campaignId);
  const median = await medianResponseTime(ctx, campaignId);
  return {
    sendStatus: {
      total: c.queued + c.succeeded + c.failed,
      succeeded: c.succeeded,
      failed: c.failed,
      waiting: c.waiting,
      canceled: c.canceled,
    },
    engagement: {
      messaged: c.succeeded,
      responded: c.responded,
      optedOut: c.optedOut,
      rate: rate(c.responded, c.succeeded),
    },
    responses: {
      contact: c.contactResponses,
      agent: c.agentResponses,
      chatbot: c.chatbotResponses,
      medianAgentResponseMs: median.medianMs,
      agentResponseSamples: median.count,
    },
  };
}

/**
 * Contact texts per bucket from the launch to the end of the active range (archivedAt, else
 * `now`), in the unit the range calls for; empty buckets are zeros.
 */
export async function campaignActivity(
  ctx: QueryCtx,
  campaign: Doc<"campaigns">,
  now: number,
): Promise<CampaignActivity> {
  const { timeZone } = campaign;
  if (campaign.launchedAt === undefined) return { unit: "hour", timeZone, buckets: [] };
  const end = Math.max(campaign.launchedAt, campaign.archivedAt ?? now);
  const unit = chooseUnit(campaign.launchedAt, end, timeZone);
  const starts = bucketStarts(campaign.launchedAt, end, unit, timeZone);
  const rows = await ctx.db
    .query("campaignActivity")
    .withIndex("by_campaignId_and_unit_and_start", (q) =>
      q
        .eq("campaignId", campaign._id)
        .eq("unit", unit)
        .gte("start", starts[0] ?? end),
    )
    .take(MAX_POINTS);
  const counts = new Map(rows.map((r) => [r.start, r.count]));
  return { unit, timeZone, buckets: starts.map((start) => ({ start, count: counts.get(start) ?? 0 })) };
}

/** Active campaigns the dashboard shows at most (newest change first across the offices). */
export const DASHBOARD_MAX = 50;

async function agentRepliesSince(ctx: QueryCtx, campaignId: Id<"campaigns">, since: number): Promise<number> {
  const row = await ctx.db
    .query("recentAgentReplies")
    .withIndex("by_campaignId", (q) => q.eq("campaignId", campaignId))
    .unique();
  const from = fiveMinuteStart(since);
  return (row?.buckets ?? []).filter((b) => b.start >= from).reduce((sum, b) => sum + b.count, 0);
}

/**
 * Every active campaign of the offices the viewer reads (or one of them), live: needs attention,
 * engagement, delivery failures, agent replies since `since` (the five-minute period holding it on).
 */
export async function dashboardRows(
  ctx: QueryCtx,
  viewer: Viewer,
  { officeId, since }: { officeId?: Id<"offices">; since: number },
): Promise<DashboardRow[]> {
  const offices = (await readableOffices(ctx, viewer)).filter(
    (o) => officeId === undefined || (o._id === officeId && canReadOffice(viewer, officeId)),
  );
  const campaigns: { campaign: Doc<"campaigns">; officeName: string }[] = [];
  for (const office of offices) {
    const active = await ctx.db
      .query("campaigns")
      .withIndex("by_officeId_and_status_and_updatedAt", (q) => q.eq("officeId", office._id).eq("status", "active"))
      .order("desc")
      .take(DASHBOARD_MAX);
    campaigns.push(...active.map((campaign) => ({ campaign, officeName: office.name })));
    if (campaigns.length >= DASHBOARD_MAX) break; // bounded: the page says to pick an office
  }
  campaigns.sort((a, b) => (b.campaign.launchedAt ?? 0) - (a.campaign.launchedAt ?? 0));
  const rows: DashboardRow[] = [];
  for (const { campaign, officeName } of campaigns.slice(0, DASHBOARD_MAX)) {
    const c = await campaignCounts(ctx, campaign._id);
    rows.push({
      ...{ campaignId: campaign._id, title: campaign.title, officeName, launchedAt: campaign.launchedAt ?? null },
      needsAttention: campaign.needsAttentionCount ?? 0,
      ...{ messaged: c.succeeded, responded: c.responded, engagementRate: rate(c.responded, c.succeeded) },
      ...{ totalSent: c.queued + c.succeeded + c.failed, failed: c.failed },
      agentResponsesLastHour: await agentRepliesSince(ctx, campaign._id, since),
    });
  }
  return rows;
}
