/** Analytics (analytics.ts; what each figure counts: README "Analytics"). */
import { v, type Infer } from "convex/values";
import { vActivityUnit, vCountBucket } from "./shared";

/** The campaign's Analytics tab: send status, engagement, responses. */
export const vCampaignAnalytics = v.object({
  sendStatus: v.object({
    total: v.number(),
    succeeded: v.number(),
    failed: v.number(),
    /** Still with Parley (waiting its turn or a retry) / canceled before it went. */
    waiting: v.number(),
    canceled: v.number(),
  }),
  engagement: v.object({
    messaged: v.number(),
    responded: v.number(),
    optedOut: v.number(),
    /** responded ÷ messaged, null before anyone was messaged. */
    rate: v.nullable(v.number()),
  }),
  responses: v.object({
    contact: v.number(),
    agent: v.number(),
    chatbot: v.number(),
    /** Median agent response time in ms, null before the first agent reply to a waiting contact. */
    medianAgentResponseMs: v.nullable(v.number()),
    agentResponseSamples: v.number(),
  }),
});
export type CampaignAnalytics = Infer<typeof vCampaignAnalytics>;

/** Contact Message Activity: contact texts per bucket, from launch to the end of the range. */
export const vCampaignActivity = v.object({
  unit: vActivityUnit,
  timeZone: v.string(),
  buckets: v.array(vCountBucket),
});
export type CampaignActivity = Infer<typeof vCampaignActivity>;

/** One active campaign on the supervisor dashboard. */
export const vDashboardRow = v.object({
  campaignId: v.id("campaigns"),
  title: v.string(),
  officeName: v.string(),
  launchedAt: v.nullable(v.number()),
  needsAttention: v.number(),
  messaged: v.number(),
  responded: v.number(),
  engagementRate: v.nullable(v.number()),
  totalSent: v.number(),
  failed: v.number(),
  agentResponsesLastHour: v.number(),
});
export type DashboardRow = Infer<typeof vDashboardRow>;
