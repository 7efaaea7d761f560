/** Campaigns: the settings people edit and what the console (tabs, General tab, calendar) reads. */
import { v, type Infer } from "convex/values";
import { vOfficeSummary } from "./organization";
import { vArchiveReason, vCampaignStatus, vInboxes, vNumberKind, vOperatedBy, vVaFallback } from "./shared";

/** A campaign's editable settings (all optional: `create` and `update` take any of them). null clears a choice. */
export const campaignSettings = {
  title: v.optional(v.string()),
  tags: v.optional(v.array(v.string())),
  listId: v.optional(v.union(v.id("contactLists"), v.null())),
  message: v.optional(v.string()),
  operatedBy: v.optional(vOperatedBy),
  vaFallback: v.optional(vVaFallback),
  vaSetReply: v.optional(v.string()),
  numberId: v.optional(v.union(v.id("phoneNumbers"), v.null())),
  inboxes: v.optional(vInboxes),
  autoArchiveDays: v.optional(v.number()),
};

/** The setting a readiness reason is about, so the wizard can point at it. */
export const vReadinessField = v.union(
  v.literal("title"),
  v.literal("office"),
  v.literal("list"),
  v.literal("message"),
  v.literal("number"),
  v.literal("vaSetReply"),
  v.literal("inboxes"),
  v.literal("autoArchiveDays"),
);
export type ReadinessField = Infer<typeof vReadinessField>;
export const vReadinessReason = v.object({ field: vReadinessField, message: v.string() });
export type ReadinessReason = Infer<typeof vReadinessReason>;

/** Why a scheduled launch didn't happen: the campaign went back to draft with these reasons. */
export const vLaunchFailure = v.object({ scheduledAt: v.number(), failedAt: v.number(), reasons: v.array(v.string()) });
export type LaunchFailure = Infer<typeof vLaunchFailure>;

export const vNumberSummary = v.object({ _id: v.id("phoneNumbers"), e164: v.string(), kind: vNumberKind });
export type NumberSummary = Infer<typeof vNumberSummary>;
export const vListSummary = v.object({ _id: v.id("contactLists"), name: v.string() });
export type ListSummary = Infer<typeof vListSummary>;

/** Order of a campaigns tab: last updated first, or (Scheduled tab's table) soonest launch first. */
export const vCampaignOrder = v.union(v.literal("updatedAt"), v.literal("scheduledAt"));
export type CampaignOrder = Infer<typeof vCampaignOrder>;

/** One row of a Campaigns tab: every column of the Active, Scheduled, Draft and Archived tabs. */
export const vCampaignRow = v.object({
  _id: v.id("campaigns"),
  title: v.string(),
  status: vCampaignStatus,
  office: vOfficeSummary,
  number: v.union(vNumberSummary, v.null()),
  list: v.union(vListSummary, v.null()),
  operatedBy: vOperatedBy,
  tags: v.array(v.string()),
  updatedAt: v.number(),
  launchedAt: v.optional(v.number()),
  scheduledAt: v.optional(v.number()),
  timeZone: v.string(),
  archivedAt: v.optional(v.number()),
  archiveReason: v.optional(vArchiveReason),
  needsAttention: v.number(),
  launchFailure: v.optional(vLaunchFailure),
});
export type CampaignRow = Infer<typeof vCampaignRow>;

/** The General tab: every setting as saved, with the names of what it points at. */
export const vCampaignDetail = v.object({
  _id: v.id("campaigns"),
  _creationTime: v.number(),
  status: vCampaignStatus,
  title: v.string(),
  office: vOfficeSummary,
  tags: v.array(v.string()),
  list: v.union(
    v.object({
      _id: v.id("contactLists"),
      name: v.string(),
      status: v.union(v.literal("importing"), v.literal("ready")),
      contactCount: v.number(),
      columns: v.array(v.string()),
    }),
    v.null(),
  ),
  message: v.string(),
  operatedBy: vOperatedBy,
  vaFallback: vVaFallback,
  vaSetReply: v.string(),
  number: v.union(
    v.object({
      _id: v.id("phoneNumbers"),
      e164: v.string(),
      kind: vNumberKind,
      name: v.string(),
      status: v.union(v.literal("active"), v.literal("released")),
    }),
    v.null(),
  ),
  inboxes: v.object({
    users: v.array(v.object({ _id: v.id("users"), name: v.string() })),
    offices: v.array(vOfficeSummary),
  }),
  autoArchiveDays: v.number(),
  timeZone: v.string(),
  scheduledAt: v.optional(v.number()),
  launchedAt: v.optional(v.number()),
  autoArchiveAt: v.optional(v.number()),
  archivedAt: v.optional(v.number()),
  archiveReason: v.optional(vArchiveReason),
  updatedAt: v.number(),
  createdBy: v.union(v.object({ _id: v.id("users"), name: v.string() }), v.null()),
  clonedFrom: v.union(v.object({ _id: v.id("campaigns"), title: v.string() }), v.null()),
  needsAttention: v.number(),
  launchFailure: v.optional(vLaunchFailure),
  /** Whether the viewer may edit, schedule, launch, end, discard or clone it. */
  canWrite: v.boolean(),
});
export type CampaignDetail = Infer<typeof vCampaignDetail>;

/** A scheduled campaign on the calendar. `readable`: the viewer may open it (their office). */
export const vCalendarCampaign = v.object({
  _id: v.id("campaigns"),
  title: v.string(),
  /** So the calendar can apply the tab's tag filter to the month on the client. */
  tags: v.array(v.string()),
  office: vOfficeSummary,
  number: v.union(vNumberSummary, v.null()),
  list: v.union(vListSummary, v.null()),
  scheduledAt: v.number(),
  timeZone: v.string(),
  readable: v.boolean(),
});
export type CalendarCampaign = Infer<typeof vCalendarCampaign>;

/** A month of the Scheduled tab's calendar in one zone: the days that have campaigns. */
export const vCalendarMonth = v.object({
  timeZone: v.string(),
  start: v.number(),
  end: v.number(),
  total: v.number(),
  /** More campaigns are scheduled this month than one read returns; the days hold the first ones. */
  truncated: v.boolean(),
  days: v.array(v.object({ date: v.string(), count: v.number(), campaigns: v.array(vCalendarCampaign) })),
});
export type CalendarMonth = Infer<typeof vCalendarMonth>;
