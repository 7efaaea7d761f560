/**
 * Campaigns: the Campaigns page's tabs and calendar, the wizard's saves, and the lifecycle
 * (drawn in model/campaigns/README.md). Handlers authorize and call `model/campaigns/*`; the scheduler's entry
 * points and the messaging engine's hooks are internal.
 */
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { v } from "convex/values";
import type { Doc } from "./_generated/dataModel";
import { internalMutation, type MutationCtx } from "./_generated/server";
import { viewerMutation, viewerQuery } from "./functions";
import { calendarMonth as monthOf } from "./model/campaigns/calendar";
import {
  archiveCampaign,
  autoArchive as archiveIfDue,
  discardCampaign,
  launchCampaign,
  launchScheduled as launchIfDue,
  scheduleCampaign,
  unscheduleCampaign,
} from "./model/campaigns/lifecycle";
import { campaignReadiness } from "./model/campaigns/readiness";
import { tagOptions } from "./model/campaigns/tags";
import { fanOutBatch } from "./model/sending/fanOut";
import { campaignDetail, listCampaigns, officeScope } from "./model/campaigns/views";
import {
  cloneCampaign,
  createCampaign,
  readableCampaign,
  updateCampaign,
  writableCampaign,
} from "./model/campaigns/campaigns";
import { endCampaignBatch } from "./model/campaigns/ending";
import {
  campaignSettings,
  vArchiveReason,
  vCalendarMonth,
  vCampaignDetail,
  vCampaignOrder,
  vCampaignRow,
  vCampaignStatus,
  vReadinessReason,
} from "./validators";

// ---- Reading ----

/** A page of one tab (Active, Scheduled, Draft, Archived), optionally one office, a title search, a tag. */
export const listByTab = viewerQuery({
  args: {
    status: vCampaignStatus,
    officeId: v.optional(v.id("offices")),
    search: v.optional(v.string()),
    tag: v.optional(v.string()),
    order: v.optional(vCampaignOrder),
    paginationOpts: paginationOptsValidator,
  },
  returns: paginationResultValidator(vCampaignRow),
  handler: async (ctx, { officeId, ...query }) =>
    await listCampaigns(ctx, { ...query, officeIds: await officeScope(ctx, ctx.viewer, officeId) }),
});

/** The tag filter's choices on a tab. */
export const tags = viewerQuery({
  args: { status: vCampaignStatus, officeId: v.optional(v.id("offices")) },
  returns: v.array(v.string()),
  handler: async (ctx, { status, officeId }) =>
    await tagOptions(ctx, await officeScope(ctx, ctx.viewer, officeId), status, 100),
});

/** The Scheduled tab's calendar: one month in a zone, day by day. */
export const calendarMonth = viewerQuery({
  args: { year: v.number(), month: v.number(), timeZone: v.string(), officeId: v.optional(v.id("offices")) },
  returns: vCalendarMonth,
  handler: async (ctx, args) => await monthOf(ctx, ctx.viewer, args),
});

/** The General tab: every setting, with names resolved. */
export const get = viewerQuery({
  args: { campaignId: v.id("campaigns") },
  returns: vCampaignDetail,
  handler: async (ctx, { campaignId }) =>
    await campaignDetail(ctx, ctx.viewer, await readableCampaign(ctx, ctx.viewer, campaignId)),
});

/** Why the campaign can't launch yet (empty when it can): Launch stays greyed out with these reasons. */
export const readiness = viewerQuery({
  args: { campaignId: v.id("campaigns") },
  returns: v.array(vReadinessReason),
  handler: async (ctx, { campaignId }) =>
    await campaignReadiness(ctx, await readableCampaign(ctx, ctx.viewer, campaignId)),
});

// ---- Editing ----

/** A new draft in one of the viewer's offices; the zone is the creator's (the browser's). */
export const create = viewerMutation({
  args: { officeId: v.id("offices"), timeZone: v.string(), ...campaignSettings },
  returns: v.id("campaigns"),
  handler: async (ctx, args) => await createCampaign(ctx, ctx.viewer, args, Date.now()),
});

/** Saves settings; what may change depends on the status (see model/campaigns/README.md). */
export const update = viewerMutation({
  args: {
    campaignId: v.id("campaigns"),
    officeId: v.optional(v.id("offices")),
    timeZone: v.optional(v.string()),
    ...campaignSettings,
  },
  returns: v.null(),
  handler: async (ctx, { campaignId, ...changes }) => {
    await updateCampaign(ctx, ctx.viewer, campaignId, changes, Date.now());
    return null;
  },
});

/** A new draft "Copy of …" with the same settings. */
export const clone = viewerMutation({
  args: { campaignId: v.id("campaigns") },
  returns: v.id("campaigns"),
  handler: async (ctx, { campaignId }) => await cloneCampaign(ctx, ctx.viewer, campaignId, Date.now()),
});

// ---- Lifecycle ----

const byId = { campaignId: v.id("campaigns") };
const when = { campaignId: v.id("campaigns"), scheduledAt: v.number(), timeZone: v.string() };

/** A lifecycle move (`model/campaigns/lifecycle.ts`) on one campaign the viewer may write, now. */
const move = (perform: (ctx: MutationCtx, campaign: Doc<"campaigns">, now: number) => Promise<void>) =>
  viewerMutation({
    args: byId,
    returns: v.null(),
    handler: async (ctx, { campaignId }) => {
      await perform(ctx, await writableCampaign(ctx, ctx.viewer, campaignId), Date.now());
      return null;
    },
  });

/** Schedules a draft for an instant (or moves a scheduled launch), remembering the zone it was chosen in. */
const scheduleAt = (action: "schedule" | "reschedule") =>
  viewerMutation({
    args: when,
    returns: v.null(),
    handler: async (ctx, { campaignId, ...at }) => {
      await scheduleCampaign(ctx, await writableCampaign(ctx, ctx.viewer, campaignId), at, Date.now(), action);
      return null;
    },
  });

export const launch = move(async (ctx, campaign, now) => await launchCampaign(ctx, campaign, now));
export const schedule = scheduleAt("schedule");
export const reschedule = scheduleAt("reschedule");
/** Returns a scheduled campaign to draft. */
export const unschedule = move(unscheduleCampaign);
/** Archives a draft that never launched. */
export const discard = move(discardCampaign);
/** Stop and Archive / End Campaign. */
export const end = move(async (ctx, campaign, now) => await archiveCampaign(ctx, campaign, "ended", now));

// ---- Scheduler and messaging engine ----

/** The scheduled launch (`ctx.scheduler.runAt`); launches, or returns the campaign to draft with reasons. */
export const launchScheduled = internalMutation({
  args: { campaignId: v.id("campaigns"), scheduledAt: v.number() },
  returns: v.null(),
  handler: async (ctx, { campaignId, scheduledAt }) => {
    await launchIfDue(ctx, campaignId, scheduledAt, Date.now());
    return null;
  },
});

/** Archives an active campaign `autoArchiveDays` after launch (`dueAt` = the instant it was set for). */
export const autoArchive = internalMutation({
  args: { campaignId: v.id("campaigns"), dueAt: v.number() },
  returns: v.null(),
  handler: async (ctx, { campaignId, dueAt }) => {
    await archiveIfDue(ctx, campaignId, dueAt, Date.now());
    return null;
  },
});

/**
 * Hook: runs right after a campaign becomes active: the fan-out's first batch (one conversation
 * and one queued text per contact not opted out; the rest chain through the scheduler).
 */
export const afterLaunch = internalMutation({
  args: { campaignId: v.id("campaigns") },
  returns: v.null(),
  handler: async (ctx, { campaignId }) => {
    await fanOutBatch(ctx, campaignId, null, Date.now());
    return null;
  },
});

/**
 * Hook: runs right after an active campaign is archived (ended, Stop and Archive, or
 * auto-archived). Cancels its queued texts and moves its conversations to the number's
 * unsolicited settings (reusable number) or closes them (single-use number; the number itself is
 * already being released), in batches (`model/campaigns/ending.ts`).
 */
export const afterEnd = internalMutation({
  args: { campaignId: v.id("campaigns"), reason: vArchiveReason },
  returns: v.null(),
  handler: async (ctx, { campaignId }) => {
    await endCampaignBatch(ctx, campaignId, "sends", null);
    return null;
  },
});
