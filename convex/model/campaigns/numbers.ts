/**
 * What campaigns need from phone numbers, through the numbers module (`model/numbers/numbers.ts`), which
 * owns the invariant "at most one active campaign per number" and the wording of every problem.
 */
import { internal } from "../../_generated/api";
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { ReadinessFacts } from "../shared/campaignRules";
import { appError } from "../shared/errors";
import { claimForCampaign, numberProblem, releaseFromCampaign } from "../numbers/numbers";

/** The number, refused (NOT_FOUND) when it doesn't exist or belongs to another office. */
export async function requireNumberInOffice(
  ctx: QueryCtx,
  numberId: Id<"phoneNumbers">,
  officeId: Id<"offices">,
): Promise<Doc<"phoneNumbers">> {
  const number = await ctx.db.get("phoneNumbers", numberId);
  if (number === null || number.officeId !== officeId)
    throw appError("NOT_FOUND", "That phone number doesn't exist or isn't one of this office's numbers.");
  return number;
}

/** What readiness needs to know about the campaign's number: none chosen, or why it can't carry the campaign. */
export async function numberFacts(
  ctx: QueryCtx,
  campaign: Pick<Doc<"campaigns">, "numberId" | "officeId">,
  campaignId: Id<"campaigns"> | null,
): Promise<ReadinessFacts["number"]> {
  if (campaign.numberId === undefined) return null;
  const problem = await numberProblem(ctx, campaign.numberId, campaign.officeId, campaignId ?? undefined);
  return { problem: problem?.message ?? null };
}

/** At launch: the number now carries this campaign's traffic. */
export async function claimNumber(ctx: MutationCtx, numberId: Id<"phoneNumbers">, campaignId: Id<"campaigns">) {
  await claimForCampaign(ctx, numberId, campaignId);
}

/**
 * When the campaign is archived (ended, auto-archived or a discarded draft): a reusable number
 * falls back to its unsolicited settings; a single-use number is released back to Twilio.
 */
export async function letGoOfNumber(ctx: MutationCtx, numberId: Id<"phoneNumbers">, campaignId: Id<"campaigns">) {
  await releaseFromCampaign(ctx, numberId, campaignId);
  const number = await ctx.db.get("phoneNumbers", numberId);
  if (number?.kind === "singleUse" && number.campaignId === campaignId && number.status === "active")
    await ctx.scheduler.runAfter(0, internal.numbers.releaseSingleUse, { numberId });
}
