/** Tables of campaigns and their tags. */
import { defineTable } from "convex/server";
import { v } from "convex/values";
import {
  vArchiveReason,
  vCampaignStatus,
  vInboxes,
  vLaunchFailure,
  vOperatedBy,
  vVaFallback,
} from "../validation/shared";

export const campaignFields = {
  officeId: v.id("offices"),
  title: v.string(),
  tags: v.array(v.string()),
  listId: v.optional(v.id("contactLists")),
  message: v.string(),
  operatedBy: vOperatedBy,
  vaFallback: vVaFallback,
  /** The set reply sent when the VA cannot answer and vaFallback is "setReply". */
  vaSetReply: v.string(),
  numberId: v.optional(v.id("phoneNumbers")),
  inboxes: vInboxes,
  autoArchiveDays: v.number(),
  status: vCampaignStatus,
  /** Scheduled launch instant (ms) and the IANA zone it was chosen in. */
  scheduledAt: v.optional(v.number()),
  timeZone: v.string(),
  scheduledJobId: v.optional(v.id("_scheduled_functions")),
  launchedAt: v.optional(v.number()),
  autoArchiveJobId: v.optional(v.id("_scheduled_functions")),
  archivedAt: v.optional(v.number()),
  archiveReason: v.optional(vArchiveReason),
  clonedFrom: v.optional(v.id("campaigns")),
  /** Conversations needing an agent; kept by the messaging engine (absent = 0). */
  needsAttentionCount: v.optional(v.number()),
  /** Why the last scheduled launch didn't happen (the campaign went back to draft); cleared on launch/schedule. */
  launchFailure: v.optional(vLaunchFailure),
  createdBy: v.id("users"),
  updatedAt: v.number(),
};

export const campaignTagFields = {
  campaignId: v.id("campaigns"),
  officeId: v.id("offices"),
  status: vCampaignStatus,
  tag: v.string(),
  updatedAt: v.number(),
};

export const campaignTables = {
  // Writes: campaign creators (Admin, Standard), the scheduler (launch, auto-archive), ending.
  // Reads: the Campaigns page tabs, calendar, campaign view, sends, routing, analytics.
  campaigns: defineTable(campaignFields)
    .index("by_officeId_and_status_and_updatedAt", ["officeId", "status", "updatedAt"])
    .index("by_officeId_and_status_and_scheduledAt", ["officeId", "status", "scheduledAt"])
    .index("by_status_and_scheduledAt", ["status", "scheduledAt"])
    .index("by_numberId_and_status", ["numberId", "status"])
    .index("by_listId_and_status", ["listId", "status"])
    .searchIndex("search_title", { searchField: "title", filterFields: ["officeId", "status"] }),
  // Writes: campaign writes (kept in step with campaigns.tags). Reads: the tag filter on every tab.
  campaignTags: defineTable(campaignTagFields)
    .index("by_campaignId", ["campaignId"])
    .index("by_officeId_and_status_and_tag_and_updatedAt", ["officeId", "status", "tag", "updatedAt"]),
};
