/**
 * The campaign lifecycle: the one module that changes a campaign's status. The transition table
 * (`TRANSITIONS`, drawn in model/campaigns/README.md) says which action moves a campaign from which
 * status to which, `REFUSALS` the sentence for every refused move (which settings may change in each status is
 * `requireEditable` in `shared/campaignRules.ts`); below them, the functions that perform each move — schedule /
 * reschedule / unschedule, launch (now, or by the scheduler), discard, end, auto-archive.
 * Launching only changes state and schedules: it claims the number, locks the list, sets up the
 * auto-archive and hands over to the messaging engine (`internal.campaigns.afterLaunch`, the
 * fan-out); archiving hands over to `internal.campaigns.afterEnd` (`ending.ts`).
 */
import { internal } from "../../_generated/api";
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx } from "../../_generated/server";
import type { ArchiveReason, CampaignStatus } from "../../validators";
import { markListLaunched } from "../contactLists/lists";
import { DAY_MS, SCHEDULE_HORIZON_DAYS } from "../shared/campaignRules";
import { appError } from "../shared/errors";
import { requireTimeZone, saveCampaign } from "./campaigns";
import { autoArchiveAt, cancelIfPending, isDue, scheduleAutoArchive } from "./jobs";
import { claimNumber, letGoOfNumber } from "./numbers";
import { campaignReadiness } from "./readiness";

export type CampaignAction = "schedule" | "reschedule" | "unschedule" | "launch" | "discard" | "end" | "autoArchive";

/** Every allowed move. Anything not listed is refused with `REFUSALS`. */
export const TRANSITIONS: Record<CampaignAction, { from: readonly CampaignStatus[]; to: CampaignStatus }> = {
  schedule: { from: ["draft"], to: "scheduled" },
  reschedule: { from: ["scheduled"], to: "scheduled" },
  unschedule: { from: ["scheduled"], to: "draft" },
  launch: { from: ["draft", "scheduled"], to: "active" },
  discard: { from: ["draft"], to: "archived" },
  end: { from: ["active"], to: "archived" },
  autoArchive: { from: ["active"], to: "archived" },
};

const ARCHIVED = "This campaign is archived; clone it to reuse it.";

/** Why an action is refused in a status: one sentence saying what to do instead. */
export const REFUSALS: Record<CampaignAction, Partial<Record<CampaignStatus, string>>> = {
  schedule: {
    scheduled: "This campaign is already scheduled; reschedule it instead.",
    active: "This campaign is already active; it can't be scheduled again. Clone it to send it again.",
    archived: ARCHIVED,
  },
  reschedule: {
    draft: "This campaign isn't scheduled; schedule it instead.",
    active: "This campaign has already started; it can't be rescheduled.",
    archived: ARCHIVED,
  },
  unschedule: {
    draft: "This campaign is already a draft.",
    active: "This campaign has already started; end it instead.",
    archived: ARCHIVED,
  },
  launch: {
    active: "This campaign is already active.",
    archived: "This campaign is archived; clone it to launch it again.",
  },
  discard: {
    scheduled: "This campaign is scheduled; return it to draft before discarding it.",
    active: "This campaign is already active; end it instead.",
    archived: "This campaign is already archived.",
  },
  end: {
    draft: "This campaign hasn't launched; discard the draft instead.",
    scheduled: "This campaign hasn't started; return it to draft or discard it instead.",
    archived: "This campaign is already archived.",
  },
  autoArchive: {
    draft: "Only an active campaign is archived automatically.",
    scheduled: "Only an active campaign is archived automatically.",
    archived: "This campaign is already archived.",
  },
};

export function canTransition(status: CampaignStatus, action: CampaignAction): boolean {
  return TRANSITIONS[action].from.includes(status);
}

/** The status the action leads to; throws WRONG_STATE with the refusal's sentence otherwise. */
export function requireTransition(status: CampaignStatus, action: CampaignAction): CampaignStatus {
  if (canTransition(status, action)) return TRANSITIONS[action].to;
  throw appError("WRONG_STATE", REFUSALS[action][status] ?? `A ${status} campaign can't ${action}.`);
}

/** Throws NOT_READY listing every reason the campaign can't launch. */
async function requireReady(ctx: MutationCtx, campaign: Doc<"campaigns">, doing: string): Promise<void> {
  const reasons = await campaignReadiness(ctx, campaign);
  if (reasons.length > 0)
    throw appError("NOT_READY", `This campaign isn't ready to ${doing}: ${reasons.map((r) => r.message).join(" ")}`);
}

/**
 * Launches now. `byScheduler` when the scheduled job itself runs (its own job is not cancelled).
 * Readiness is checked in the same transaction as the claim, so two launches can't share a number.
 */
export async function launchCampaign(ctx: MutationCtx, campaign: Doc<"campaigns">, now: number, byScheduler = false) {
  requireTransition(campaign.status, "launch");
  await requireReady(ctx, campaign, "launch");
  if (!byScheduler) await cancelIfPending(ctx, campaign.scheduledJobId);
  if (campaign.numberId !== undefined) await claimNumber(ctx, campaign.numberId, campaign._id);
  if (campaign.listId !== undefined) await markListLaunched(ctx, campaign.listId);
  const dueAt = autoArchiveAt({ launchedAt: now, autoArchiveDays: campaign.autoArchiveDays }) as number;
  const autoArchiveJobId = await scheduleAutoArchive(ctx, campaign._id, dueAt);
  const patch = { status: "active" as const, launchedAt: now, autoArchiveJobId };
  await saveCampaign(ctx, campaign, { ...patch, scheduledJobId: undefined, launchFailure: undefined }, now);
  await ctx.scheduler.runAfter(0, internal.campaigns.afterLaunch, { campaignId: campaign._id });
}

/** Schedules a draft, or moves a scheduled launch. The campaign must be ready now, and the time ahead. */
export async function scheduleCampaign(
  ctx: MutationCtx,
  campaign: Doc<"campaigns">,
  when: { scheduledAt: number; timeZone: string },
  now: number,
  action: "schedule" | "reschedule",
): Promise<void> {
  requireTransition(campaign.status, action);
  const timeZone = requireTimeZone(when.timeZone);
  if (!Number.isFinite(when.scheduledAt) || when.scheduledAt <= now)
    throw appError("INVALID", "Choose a launch time in the future.");
  if (when.scheduledAt > now + SCHEDULE_HORIZON_DAYS * DAY_MS)
    throw appError("INVALID", `Choose a launch time within the next ${SCHEDULE_HORIZON_DAYS} days.`);
  await requireReady(ctx, campaign, action);
  await cancelIfPending(ctx, campaign.scheduledJobId);
  const scheduledJobId = await ctx.scheduler.runAt(when.scheduledAt, internal.campaigns.launchScheduled, {
    campaignId: campaign._id,
    scheduledAt: when.scheduledAt,
  });
  const patch = { status: "scheduled" as const, scheduledAt: when.scheduledAt, timeZone, scheduledJobId };
  await saveCampaign(ctx, campaign, { ...patch, launchFailure: undefined }, now);
}

export async function unscheduleCampaign(ctx: MutationCtx, campaign: Doc<"campaigns">, now: number): Promise<void> {
  requireTransition(campaign.status, "unschedule");
  await cancelIfPending(ctx, campaign.scheduledJobId);
  await saveCampaign(ctx, campaign, { status: "draft", scheduledAt: undefined, scheduledJobId: undefined }, now);
}

export async function discardCampaign(ctx: MutationCtx, campaign: Doc<"campaigns">, now: number): Promise<void> {
  requireTransition(campaign.status, "discard");
  if (campaign.numberId !== undefined) await letGoOfNumber(ctx, campaign.numberId, campaign._id);
  await saveCampaign(ctx, campaign, { status: "archived", archivedAt: now, archiveReason: "discarded" }, now);
}

/** Ends an active campaign: the number goes back (or stays with a single-use campaign), the engine is told. */
export async function archiveCampaign(
  ctx: MutationCtx,
  campaign: Doc<"campaigns">,
  reason: Exclude<ArchiveReason, "discarded">,
  now: number,
): Promise<void> {
  requireTransition(campaign.status, reason === "ended" ? "end" : "autoArchive");
  if (reason === "ended") await cancelIfPending(ctx, campaign.autoArchiveJobId);
  if (campaign.numberId !== undefined) await letGoOfNumber(ctx, campaign.numberId, campaign._id);
  const patch = { status: "archived" as const, archivedAt: now, archiveReason: reason, autoArchiveJobId: undefined };
  await saveCampaign(ctx, campaign, patch, now);
  await ctx.scheduler.runAfter(0, internal.campaigns.afterEnd, { campaignId: campaign._id, reason });
}

/** The auto-archive job: archives the campaign if it is still active and the job is still the current one. */
export async function autoArchive(ctx: MutationCtx, campaignId: Id<"campaigns">, dueAt: number, now: number) {
  const campaign = await ctx.db.get("campaigns", campaignId);
  if (campaign === null || campaign.status !== "active" || autoArchiveAt(campaign) !== dueAt || !isDue(now, dueAt))
    return;
  await archiveCampaign(ctx, campaign, "autoArchived", now);
}

/**
 * The scheduled launch. A campaign no longer ready when its time comes goes back to draft with the
 * reasons in `launchFailure` (shown on the Draft tab and the campaign): sending late, or to a list
 * or from a number that changed since, is worse than not sending, and a draft can't fire by surprise later.
 */
export async function launchScheduled(ctx: MutationCtx, campaignId: Id<"campaigns">, scheduledAt: number, now: number) {
  const campaign = await ctx.db.get("campaigns", campaignId);
  if (campaign?.status !== "scheduled" || campaign.scheduledAt !== scheduledAt || !isDue(now, scheduledAt)) return;
  const reasons = await campaignReadiness(ctx, campaign);
  if (reasons.length === 0) return await launchCampaign(ctx, campaign, now, true);
  const launchFailure = { scheduledAt, failedAt: now, reasons: reasons.map((r) => r.message) };
  await saveCampaign(
    ctx,
    campaign,
    { status: "draft", scheduledAt: undefined, scheduledJobId: undefined, launchFailure },
    now,
  );
}
