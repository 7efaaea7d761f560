/**
 * A launched campaign's fan-out: one conversation and one queued text per contact of its list
 * who hasn't opted out, in batches chained through the scheduler so a list of any size stays
 * within a transaction's limits. Opted-out contacts get neither (the Contacts tab shows them as
 * opted out from their contact record). Each batch wakes the number's sender once, in its own
 * small transaction, so the batches never contend with the sender's claims.
 */
import { internal } from "../../_generated/api";
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx } from "../../_generated/server";
import { campaignConversation, insertConversation } from "../conversations/conversations";
import { renderMessage } from "../shared/merge";
import { renderedTooLong } from "../shared/mergeLengths";
import { queueMessage, recordUnsendable } from "./outbound";
import { quietSettings, type QuietSettings } from "./quietHours";

/** List entries per batch: five to seven writes each, far inside a mutation's limits, and short. */
export const FAN_OUT_BATCH = 50;

/**
 * The pause before the next batch: the fan-out runs a quarter faster than the number sends (at
 * least 100 contacts a second), always ahead of the sender without crowding its ticks out of the
 * deployment. 100,000 contacts fan out in about 7 minutes at 200/s, 17 minutes at 1/s.
 */
export function batchPauseMs(messagesPerSecond: number): number {
  return Math.min(500, Math.round((FAN_OUT_BATCH / (1.25 * Math.max(1, messagesPerSecond))) * 1000));
}

/** `created`: texts queued; `failed`: texts too long once merged, recorded as failed; `skipped`: the rest. */
export type FanOutProgress = { created: number; failed: number; skipped: number; done: boolean };

/** Fans out one batch of the list from `cursor` (null: the start), then schedules the next. */
export async function fanOutBatch(
  ctx: MutationCtx,
  campaignId: Id<"campaigns">,
  cursor: string | null,
  now: number,
): Promise<FanOutProgress> {
  const campaign = await ctx.db.get("campaigns", campaignId);
  if (campaign?.status !== "active" || campaign.listId === undefined || campaign.numberId === undefined)
    return { created: 0, failed: 0, skipped: 0, done: true };
  const number = await ctx.db.get("phoneNumbers", campaign.numberId);
  if (number === null) return { created: 0, failed: 0, skipped: 0, done: true };
  const listId = campaign.listId;
  const page = await ctx.db
    .query("listEntries")
    .withIndex("by_listId", (q) => q.eq("listId", listId))
    .paginate({ cursor, numItems: FAN_OUT_BATCH });
  const settings = quietSettings(await ctx.db.query("organization").first());
  let [created, failed] = [0, 0];
  let firstDue = Infinity;
  for (const entry of page.page) {
    const dueAt = await fanOutEntry(ctx, campaign, number, entry, settings, now);
    if (dueAt === "failed") failed += 1;
    else if (dueAt !== null) created += 1;
    firstDue = Math.min(firstDue, typeof dueAt === "number" ? dueAt : Infinity);
  }
  if (!page.isDone)
    await ctx.scheduler.runAfter(batchPauseMs(number.messagesPerSecond), internal.fanOut.batch, {
      ...{ campaignId, cursor: page.continueCursor },
    });
  if (created > 0) await ctx.scheduler.runAfter(0, internal.twilio.sends.wake, { numberId: number._id, at: firstDue });
  return { created, failed, skipped: page.page.length - created - failed, done: page.isDone };
}

/**
 * The conversation and queued text for one entry; null when the contact opted out or already has
 * them. A text over 1,600 characters once merged would fail at Twilio (21617): it is recorded as
 * failed with the reason instead of queued ("failed").
 */
async function fanOutEntry(
  ctx: MutationCtx,
  campaign: Doc<"campaigns">,
  number: Doc<"phoneNumbers">,
  entry: Doc<"listEntries">,
  settings: QuietSettings,
  now: number,
): Promise<number | "failed" | null> {
  const contact = await ctx.db.get("contacts", entry.contactId);
  if (contact === null || contact.optedOut) return null;
  if ((await campaignConversation(ctx, campaign._id, entry.contactId)) !== null) return null;
  const conversationId = await insertConversation(ctx, {
    ...{ officeId: campaign.officeId, numberId: number._id, contactId: entry.contactId, campaignId: campaign._id },
    ...{ phone: entry.phone, firstName: entry.firstName, lastName: entry.lastName },
    ...{ operatedBy: campaign.operatedBy, inboxes: campaign.inboxes, now },
  });
  const conversation = (await ctx.db.get("conversations", conversationId)) as Doc<"conversations">;
  const body = renderMessage(campaign.message, entry);
  const tooLong = renderedTooLong(body);
  if (tooLong !== null) {
    await recordUnsendable(ctx, { conversation, body, author: "campaign" }, number, tooLong, now);
    return "failed";
  }
  const { dueAt } = await queueMessage(ctx, { conversation, body, author: "campaign" }, number, settings, now);
  return dueAt;
}
