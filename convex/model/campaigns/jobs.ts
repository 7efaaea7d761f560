/**
 * When the campaign jobs on Convex's scheduler (the scheduled launch, the auto-archive; `lifecycle.ts`
 * schedules them) are due. Each job carries the instant it was set for, and the job itself checks
 * that instant against the campaign, so a job left over from an earlier schedule (one that could
 * not be cancelled in time) does nothing.
 */
import { internal } from "../../_generated/api";
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx } from "../../_generated/server";
import { DAY_MS } from "../shared/campaignRules";
import { appError } from "../shared/errors";

/**
 * Whether a job's instant has come (within a second of clock rounding). Convex never runs a job
 * early, but a timer past Node's ~24.8-day cap fires at once (convex-test, fake timers): such a job
 * finds itself early and does nothing rather than launch or archive months ahead of time.
 */
export function isDue(now: number, at: number): boolean {
  return now >= at - 1000;
}

/** Cancels a job that hasn't started (never the running one: callers pass only other jobs). */
export async function cancelIfPending(ctx: MutationCtx, jobId: Id<"_scheduled_functions"> | undefined): Promise<void> {
  if (jobId === undefined) return;
  const job = await ctx.db.system.get("_scheduled_functions", jobId);
  if (job?.state.kind === "pending") await ctx.scheduler.cancel(jobId);
}

/** When an active campaign archives itself. */
export function autoArchiveAt(campaign: Pick<Doc<"campaigns">, "launchedAt" | "autoArchiveDays">): number | undefined {
  return campaign.launchedAt === undefined ? undefined : campaign.launchedAt + campaign.autoArchiveDays * DAY_MS;
}

export async function scheduleAutoArchive(
  ctx: MutationCtx,
  campaignId: Id<"campaigns">,
  dueAt: number,
): Promise<Id<"_scheduled_functions">> {
  return await ctx.scheduler.runAt(dueAt, internal.campaigns.autoArchive, { campaignId, dueAt });
}

/** A new auto-archive job after `autoArchiveDays` changed on an active campaign; refuses a day already past. */
export async function rescheduleAutoArchive(ctx: MutationCtx, campaign: Doc<"campaigns">, now: number) {
  const dueAt = autoArchiveAt(campaign);
  if (dueAt === undefined) return {};
  if (dueAt <= now) {
    const days = Math.floor((now - (campaign.launchedAt ?? now)) / DAY_MS);
    throw appError(
      "INVALID",
      `This campaign launched ${days === 1 ? "a day" : `${days} days`} ago: choose more than ${days} ${days === 1 ? "day" : "days"}, or end it now.`,
    );
  }
  await cancelIfPending(ctx, campaign.autoArchiveJobId);
  return { autoArchiveJobId: await scheduleAutoArchive(ctx, campaign._id, dueAt) };
}
