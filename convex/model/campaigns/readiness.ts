/** Looks up what readiness depends on outside the campaign (list, number, inboxes) and lists the reasons. */
import type { Doc, Id } from "../../_generated/dataModel";
import type { QueryCtx } from "../../_generated/server";
import type { ReadinessReason } from "../../validators";
import { canUseInbox } from "../organization/users";
import { numberFacts } from "./numbers";
import { readinessReasons, type ReadinessCampaign, type ReadinessFacts } from "../shared/campaignRules";

export async function readinessFacts(
  ctx: QueryCtx,
  campaign: ReadinessCampaign & Pick<Doc<"campaigns">, "listId" | "numberId">,
  campaignId: Id<"campaigns"> | null,
): Promise<ReadinessFacts> {
  const [office, list, number, users] = await Promise.all([
    ctx.db.get("offices", campaign.officeId),
    campaign.listId === undefined ? null : ctx.db.get("contactLists", campaign.listId),
    numberFacts(ctx, campaign, campaignId),
    Promise.all(campaign.inboxes.userIds.map((id) => ctx.db.get("users", id))),
  ]);
  return {
    officeExists: office !== null,
    list: campaign.listId === undefined ? null : (list ?? "missing"),
    number,
    unusableInboxUsers: users.filter((user) => !canUseInbox(user, campaign.officeId)).length,
    unusableInboxOffices: campaign.inboxes.officeIds.filter((id) => id !== campaign.officeId || office === null).length,
  };
}

/** Why the campaign can't launch now; empty when it can. */
export async function campaignReadiness(ctx: QueryCtx, campaign: Doc<"campaigns">): Promise<ReadinessReason[]> {
  return readinessReasons(campaign, await readinessFacts(ctx, campaign, campaign._id));
}
