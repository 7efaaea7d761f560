/** Campaigns: the settings people edit and what the console (tabs, General tab, calendar) reads. */
import { omit, pick } from "convex-helpers";
import { literals, partial, systemFields } from "convex-helpers/validators";
import { v, type Infer } from "convex/values";
import { campaignFields } from "../tables/campaigns";
import { contactListFields } from "../tables/contacts";
import { phoneNumberFields } from "../tables/numbers";
import { vInboxNames, vOfficeSummary, vUserSummary } from "./organization";

/** A campaign's editable settings (all optional: `create` and `update` take any of them). null clears a choice. */
export const campaignSettings = {
  ...partial(
    pick(campaignFields, [
      "title",
      "tags",
      "message",
      "operatedBy",
      "vaFallback",
      "vaSetReply",
      "inboxes",
      "autoArchiveDays",
    ]),
  ),
  listId: v.optional(v.nullable(v.id("contactLists"))),
  numberId: v.optional(v.nullable(v.id("phoneNumbers"))),
};

/** The setting a readiness reason is about, so the wizard can point at it. */
export const vReadinessField = literals(
  "title",
  "office",
  "list",
  "message",
  "number",
  "vaSetReply",
  "inboxes",
  "autoArchiveDays",
);
export type ReadinessField = Infer<typeof vReadinessField>;
export const vReadinessReason = v.object({ field: vReadinessField, message: v.string() });
export type ReadinessReason = Infer<typeof vReadinessReason>;

export const vCampaignRef = v.object({ _id: v.id("campaigns"), ...pick(campaignFields, ["title"]) });
export type CampaignRef = Infer<typeof vCampaignRef>;
export const vNumberSummary = v.object({ _id: v.id("phoneNumbers"), ...pick(phoneNumberFields, ["e164", "kind"]) });
export type NumberSummary = Infer<typeof vNumberSummary>;
export const vListSummary = v.object({ _id: v.id("contactLists"), ...pick(contactListFields, ["name"]) });
export type ListSummary = Infer<typeof vListSummary>;

/** What a campaign's office, number and list ids point at, by name (rows and the calendar). */
const campaignNames = {
  office: vOfficeSummary,
  number: v.nullable(vNumberSummary),
  list: v.nullable(vListSummary),
};

/** Order of a campaigns tab: last updated first, or (Scheduled tab's table) soonest launch first. */
export const vCampaignOrder = literals("updatedAt", "scheduledAt");
export type CampaignOrder = Infer<typeof vCampaignOrder>;

/** One row of a Campaigns tab: every column of the Active, Scheduled, Draft and Archived tabs. */
export const vCampaignRow = v.object({
  _id: v.id("campaigns"),
  ...pick(campaignFields, [
    "title",
    "status",
    "operatedBy",
    "tags",
    "updatedAt",
    "launchedAt",
    "scheduledAt",
    "timeZone",
    "archivedAt",
    "archiveReason",
    "launchFailure",
  ]),
  ...campaignNames,
  needsAttention: v.number(),
});
export type CampaignRow = Infer<typeof vCampaignRow>;

/** The General tab: every setting as saved, with the names of what it points at. */
export const vCampaignDetail = v.object({
  ...systemFields("campaigns"),
  ...omit(campaignFields, [
    // Ids the detail names instead (below), and the scheduler's and engine's bookkeeping.
    "officeId",
    "listId",
    "numberId",
    "inboxes",
    "createdBy",
    "clonedFrom",
    "scheduledJobId",
    "autoArchiveJobId",
    "needsAttentionCount",
  ]),
  office: vOfficeSummary,
  list: v.nullable(
    v.object({
      _id: v.id("contactLists"),
      ...pick(contactListFields, ["name", "status", "contactCount", "columns"]),
    }),
  ),
  number: v.nullable(
    v.object({ _id: v.id("phoneNumbers"), ...pick(phoneNumberFields, ["e164", "kind", "name", "status"]) }),
  ),
  inboxes: vInboxNames,
  autoArchiveAt: v.optional(v.number()),
  createdBy: v.nullable(vUserSummary),
  clonedFrom: v.nullable(vCampaignRef),
  needsAttention: v.number(),
  /** Whether the viewer may edit, schedule, launch, end, discard or clone it. */
  canWrite: v.boolean(),
});
export type CampaignDetail = Infer<typeof vCampaignDetail>;

/**
 * A scheduled campaign on the calendar. `readable`: the viewer may open it (their office). Its
 * tags, so the calendar can apply the tab's tag filter to the month on the client.
 */
export const vCalendarCampaign = v.object({
  _id: v.id("campaigns"),
  ...pick(campaignFields, ["title", "tags", "timeZone"]),
  ...campaignNames,
  scheduledAt: v.number(),
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
