/**
 * Status changes of a campaign, each checked against the lifecycle table (`campaignLifecycle.ts`):
 * schedule / reschedule / unschedule, launch (now, or by the scheduler), discard, end, auto-archive.
 * Launching only changes state and schedules: it claims the number, locks the list, sets up the
 * auto-archive and hands over to the messaging engine through `internal.campaigns.afterLaunch`.
 */
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx } from "../../_generated/server";
import type { ArchiveReason } from "../../validators";
import { requireTransition } from "./lifecycle";
import { claimNumber, letGoOfNumber } from "./numbers";
import { campaignReadiness } from "./readiness";
import { DAY_MS, SCHEDULE_HORIZON_DAYS } from "../shared/campaignRules";
import {
  autoArchiveAt,
  cancelIfPending,
  isDue,
  runAfterEnd,
  runAfterLaunch,
  scheduleAutoArchive,
  scheduleLaunch,
} from "./jobs";
import { requireTimeZone, saveCampaign } from "./campaigns";
import { markListLaunched } from "../contactLists/lists";
import { appError } from "../shared/errors";

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
  await runAfterLaunch(ctx, campaign._id);
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
  const scheduledJobId = await scheduleLaunch(ctx, campaign._id, when.scheduledAt);
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
  await runAfterEnd(ctx, campaign._id, reason);
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
