/**
 * What ending a campaign (End Campaign, Stop and Archive, auto-archive — all through
 * `internal.campaigns.afterEnd`) does to its texts and conversations, in batches on the scheduler
 * so a campaign of any size ends in transactions of bounded size:
 *
 * 1. "sends": texts still queued for the campaign are canceled ("Campaign ended") — on a
 *    single-use number every queued text, replies included (no further responses).
 * 2. "conversations":
 *    - reusable number: each conversation that still needs attention switches to the number's
 *      unsolicited settings (operated by, inboxes); `updateConversation` moves its inbox rows, so
 *      an agent's inbox not among the configured ones loses it and those inboxes gain it. It stays
 *      the campaign's conversation (its history stays in the campaign's Activity); the contact's
 *      next text goes to the number's standing conversation (`routing.ts`).
 *    - single-use number: every conversation is closed (out of every queue, no longer needing
 *      attention); nothing more is sent or answered on it.
 *
 * Each batch re-reads the campaign and does nothing unless it is archived, so running twice is harmless.
 */
import { internal } from "../../_generated/api";
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx } from "../../_generated/server";
import { updateConversation } from "../conversations/conversations";
import { CAMPAIGN_LANE, cancelQueued } from "../sending/outbound";
import { unsolicitedSettings } from "../conversations/routing";

export type EndingPhase = "sends" | "conversations";
export const ENDING_BATCH: Record<EndingPhase, number> = { sends: 200, conversations: 100 };
export const ENDED_REASON = "Campaign ended";

type Page = { isDone: boolean; continueCursor: string };

/** One batch of ending the campaign; schedules the next batch until both phases are done. */
export async function endCampaignBatch(
  ctx: MutationCtx,
  campaignId: Id<"campaigns">,
  phase: EndingPhase,
  cursor: string | null,
): Promise<void> {
  const campaign = await ctx.db.get("campaigns", campaignId);
  if (campaign?.status !== "archived" || campaign.numberId === undefined) return;
  const number = await ctx.db.get("phoneNumbers", campaign.numberId);
  if (number === null) return;
  const page =
    phase === "sends"
      ? await cancelSends(ctx, campaign, number, cursor)
      : await endConversations(ctx, campaign, number, cursor);
  const next = !page.isDone
    ? { phase, cursor: page.continueCursor }
    : phase === "sends"
      ? { phase: "conversations" as const, cursor: null }
      : null;
  if (next !== null) await ctx.scheduler.runAfter(0, internal.conversations.continueEnding, { campaignId, ...next });
}

/** Cancels the campaign's queued texts on its number (every queued text of a single-use number). */
async function cancelSends(
  ctx: MutationCtx,
  campaign: Doc<"campaigns">,
  number: Doc<"phoneNumbers">,
  cursor: string | null,
): Promise<Page> {
  const singleUse = number.kind === "singleUse";
  const page = await ctx.db
    .query("outbox")
    .withIndex("by_numberId_and_state_and_lane_and_dueAt", (q) =>
      singleUse
        ? q.eq("numberId", number._id).eq("state", "queued")
        : q.eq("numberId", number._id).eq("state", "queued").eq("lane", CAMPAIGN_LANE),
    )
    .paginate({ numItems: ENDING_BATCH.sends, cursor });
  for (const row of page.page) {
    const message = await ctx.db.get("messages", row.messageId);
    if (singleUse || message?.campaignId === campaign._id) await cancelQueued(ctx, row, ENDED_REASON);
  }
  return page;
}

/** Moves (reusable) or closes (single-use) one batch of the campaign's conversations. */
async function endConversations(
  ctx: MutationCtx,
  campaign: Doc<"campaigns">,
  number: Doc<"phoneNumbers">,
  cursor: string | null,
): Promise<Page> {
  const opts = { numItems: ENDING_BATCH.conversations, cursor };
  if (number.kind === "singleUse") {
    const page = await ctx.db
      .query("conversations")
      .withIndex("by_campaignId_and_contactId", (q) => q.eq("campaignId", campaign._id))
      .paginate(opts);
    for (const c of page.page) if (!c.closed) await updateConversation(ctx, c, { closed: true, needsAttention: false });
    return page;
  }
  const { handledBy, inboxes } = unsolicitedSettings(number);
  const page = await ctx.db
    .query("conversations")
    .withIndex("by_campaignId_and_section_and_lastMessageAt", (q) =>
      q.eq("campaignId", campaign._id).eq("section", "needsAttention"),
    )
    .paginate(opts);
  for (const c of page.page) await updateConversation(ctx, c, { operatedBy: handledBy, inboxes });
  return page;
}
