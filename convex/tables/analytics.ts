/** Tables of analytics: per-campaign counters, activity buckets and agent response times. */
import { defineTable } from "convex/server";
import { v } from "convex/values";
import { vActivityUnit, vCampaignCounts, vCountBucket } from "../validation/shared";

export const campaignStatFields = { campaignId: v.id("campaigns"), shard: v.number(), ...vCampaignCounts.fields };

export const campaignActivityFields = { campaignId: v.id("campaigns"), unit: vActivityUnit, ...vCountBucket.fields };

export const recentAgentReplyFields = { campaignId: v.id("campaigns"), buckets: v.array(vCountBucket) };

export const responseSampleFields = {
  campaignId: v.id("campaigns"),
  ms: v.number(),
  /** Order of arrival in the campaign: breaks ties between equal times. */
  seq: v.number(),
};

export const responseMedianFields = {
  campaignId: v.id("campaigns"),
  count: v.number(),
  lowMs: v.number(),
  lowSeq: v.number(),
};

export const analyticsTables = {
  // Writes: the messaging engine, in the transaction of each message insert and status change
  // (model/analytics/counters.ts). Reads: analytics.campaign and analytics.dashboard (sums a campaign's shards).
  // Up to ANALYTICS_SHARDS rows per campaign, each holding part of every count (spreads the writes
  // of many status callbacks at once over several documents).
  campaignStats: defineTable(campaignStatFields).index("by_campaignId_and_shard", ["campaignId", "shard"]),
  // Writes: contact texts in campaign conversations: one row per hour, day, month and year bucket
  // (model/analytics/counters.ts). Reads: analytics.activity (the rows of the chart's unit in its range).
  campaignActivity: defineTable(campaignActivityFields).index("by_campaignId_and_unit_and_start", [
    "campaignId",
    "unit",
    "start",
  ]),
  // Writes: agents' replies in campaign conversations (model/analytics/counters.ts). Reads: analytics.dashboard.
  // One row per campaign: agent replies per five minutes over the last 65 minutes (older ones dropped).
  recentAgentReplies: defineTable(recentAgentReplyFields).index("by_campaignId", ["campaignId"]),
  // Writes: an agent's reply to a waiting contact (model/analytics/responseTimes.ts). Reads: the median's
  // neighbours (two rows at most per read or write). One row per agent response time.
  responseSamples: defineTable(responseSampleFields).index("by_campaignId_and_ms_and_seq", ["campaignId", "ms", "seq"]),
  // Writes: each agent response time (model/analytics/responseTimes.ts). Reads: analytics.campaign.
  // One row per campaign: how many samples, and the lower median's position among them.
  responseMedians: defineTable(responseMedianFields).index("by_campaignId", ["campaignId"]),
};
