/**
 * Campaign analytics, counted on write: the messaging engine calls these hooks in the same
 * transaction as each message insert, status change, inbound text and opt-out, so every figure is
 * a handful of counter rows however many messages there are (README.md here says what each
 * counts). Idempotent by construction: a status change is counted from the status the message
 * had to the one it gets, in the transaction that patches it, so a duplicate or older callback
 * (which patches nothing) counts nothing and a retry moves the same text between buckets; "first
 * reply" and "opted out" are flags on the conversation (one per campaign and contact).
 *
 * Counters are sharded: each campaign has up to ANALYTICS_SHARDS `campaignStats` rows, a text
 * always counted in the shard its id hashes to, so status callbacks arriving together for one
 * campaign rarely write the same document (Convex retries conflicting transactions).
 */
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx } from "../../_generated/server";
import type { CampaignCounts, MessageStatus } from "../../validators";
import {
  ACTIVITY_UNITS,
  bucketStart,
  fiveMinuteStart,
  FIVE_MINUTES,
  type ActivityUnit,
} from "../shared/analyticsBuckets";
import { addResponseTime } from "./responseTimes";

export const ANALYTICS_SHARDS = 8;

export const ZERO_COUNTS: CampaignCounts = {
  waiting: 0,
  queued: 0,
  succeeded: 0,
  failed: 0,
  canceled: 0,
  responded: 0,
  optedOut: 0,
  contactResponses: 0,
  agentResponses: 0,
  chatbotResponses: 0,
};

type SendBucket = "waiting" | "queued" | "succeeded" | "failed" | "canceled";

/** Where a campaign text counts in Send Status. */
export function sendBucket(status: MessageStatus): SendBucket | null {
  if (status === "pending" || status === "retrying" || status === "sending") return "waiting";
  if (status === "sent" || status === "delivered") return "succeeded";
  if (status === "undelivered" || status === "failed") return "failed";
  if (status === "received") return null;
  return status;
}

/** A stable shard for a document id (FNV-1a of its text). */
export function shardOf(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % ANALYTICS_SHARDS;
}

/** Adds `delta` to the campaign's counters in one shard. */
export async function addCounts(
  ctx: MutationCtx,
  campaignId: Id<"campaigns">,
  shard: number,
  delta: Partial<CampaignCounts>,
): Promise<void> {
  const row = await ctx.db
    .query("campaignStats")
    .withIndex("by_campaignId_and_shard", (q) => q.eq("campaignId", campaignId).eq("shard", shard))
    .unique();
  const base: CampaignCounts = row ?? ZERO_COUNTS;
  const next: Partial<CampaignCounts> = {};
  for (const [key, value] of Object.entries(delta) as [keyof CampaignCounts, number][])
    next[key] = Math.max(0, base[key] + value);
  if (row === null) await ctx.db.insert("campaignStats", { campaignId, shard, ...ZERO_COUNTS, ...next });
  else await ctx.db.patch("campaignStats", row._id, next);
}

/** Adds `by` contact texts to one activity bucket (`by` > 1 only for the scale bench's batches). */
export async function addActivity(
  ctx: MutationCtx,
  key: { campaignId: Id<"campaigns">; unit: ActivityUnit; start: number },
  by = 1,
) {
  const row = await ctx.db
    .query("campaignActivity")
    .withIndex("by_campaignId_and_unit_and_start", (q) =>
      q.eq("campaignId", key.campaignId).eq("unit", key.unit).eq("start", key.start),
    )
    .unique();
  if (row === null) await ctx.db.insert("campaignActivity", { ...key, count: by });
  else await ctx.db.patch("campaignActivity", row._id, { count: row.count + by });
}

/** The five-minute periods `recentAgentReplies` keeps: the last hour, whatever minute it starts on. */
export const RECENT_BUCKETS = 13;

/** Counts `by` agent replies at `now` in the campaign's last-hour window (one small document per campaign). */
export async function addRecentAgentReply(ctx: MutationCtx, campaignId: Id<"campaigns">, now: number, by = 1) {
  const start = fiveMinuteStart(now);
  const row = await ctx.db
    .query("recentAgentReplies")
    .withIndex("by_campaignId", (q) => q.eq("campaignId", campaignId))
    .unique();
  const kept = (row?.buckets ?? []).filter((b) => b.start > start - RECENT_BUCKETS * FIVE_MINUTES);
  const current = kept.find((b) => b.start === start);
  const buckets = current
    ? kept.map((b) => (b === current ? { start, count: b.count + by } : b))
    : [...kept, { start, count: by }];
  if (row === null) await ctx.db.insert("recentAgentReplies", { campaignId, buckets });
  else await ctx.db.patch("recentAgentReplies", row._id, { buckets });
}

/** Call before patching a message's status: moves a campaign text between Send Status buckets. */
export async function countStatusChange(
  ctx: MutationCtx,
  message: Pick<Doc<"messages">, "_id" | "author" | "campaignId" | "status">,
  next: MessageStatus,
): Promise<void> {
  if (message.author !== "campaign" || message.campaignId === undefined) return;
  const [from, to] = [sendBucket(message.status), sendBucket(next)];
  if (from === to) return;
  const delta: Partial<CampaignCounts> = {};
  if (from !== null) delta[from] = -1;
  if (to !== null) delta[to] = 1;
  await addCounts(ctx, message.campaignId, shardOf(message._id), delta);
}

type AnalyticsPatch = Partial<Pick<Doc<"conversations">, "respondedAt" | "awaitingReplySince" | "optedOutHereAt">>;

/**
 * Counts a text Parley just queued in a conversation. Returns what to store on the conversation:
 * an agent's or the VA's reply ends the contact's wait; an agent's adds its response time.
 */
export async function countOutbound(
  ctx: MutationCtx,
  conversation: Doc<"conversations">,
  message: { _id: Id<"messages">; author: Doc<"messages">["author"] },
  now: number,
): Promise<AnalyticsPatch> {
  const campaignId = conversation.campaignId;
  if (campaignId === undefined) return {};
  const shard = shardOf(message._id);
  if (message.author === "campaign") await addCounts(ctx, campaignId, shard, { waiting: 1 });
  if (message.author === "va") await addCounts(ctx, campaignId, shard, { chatbotResponses: 1 });
  if (message.author !== "agent") return message.author === "va" ? { awaitingReplySince: undefined } : {};
  await addCounts(ctx, campaignId, shard, { agentResponses: 1 });
  await addRecentAgentReply(ctx, campaignId, now);
  if (conversation.awaitingReplySince !== undefined)
    await addResponseTime(ctx, campaignId, now - conversation.awaitingReplySince);
  return { awaitingReplySince: undefined };
}

/**
 * Counts a contact's text in a campaign conversation (keywords included: each is a text the
 * contact sent). A first text that isn't a keyword makes the contact "responded"; a text that
 * isn't a keyword starts the wait for a reply if none is running.
 */
export async function countInbound(
  ctx: MutationCtx,
  conversation: Doc<"conversations">,
  message: { _id: Id<"messages">; keyword: boolean; at: number },
): Promise<AnalyticsPatch> {
  const campaignId = conversation.campaignId;
  if (campaignId === undefined) return {};
  const first = !message.keyword && conversation.respondedAt === undefined;
  await addCounts(ctx, campaignId, shardOf(conversation._id), {
    contactResponses: 1,
    ...(first ? { responded: 1 } : {}),
  });
  const campaign = await ctx.db.get("campaigns", campaignId);
  const timeZone = campaign?.timeZone ?? "UTC";
  for (const unit of ACTIVITY_UNITS)
    await addActivity(ctx, { campaignId, unit, start: bucketStart(message.at, unit, timeZone) });
  if (message.keyword) return {};
  return {
    ...(first ? { respondedAt: message.at } : {}),
    ...(conversation.awaitingReplySince === undefined ? { awaitingReplySince: message.at } : {}),
  };
}

/** Counts an opt-out made in a campaign conversation, once per conversation; returns its flag. */
export async function countOptOut(
  ctx: MutationCtx,
  conversation: Doc<"conversations"> | null,
  now: number,
): Promise<AnalyticsPatch> {
  if (conversation?.campaignId === undefined || conversation.optedOutHereAt !== undefined) return {};
  await addCounts(ctx, conversation.campaignId, shardOf(conversation._id), { optedOut: 1 });
  return { optedOutHereAt: now };
}
