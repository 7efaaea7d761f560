/**
 * After a tick's requests come back: store what Twilio said about each text (its sid and status,
 * a retry with backoff, or a failure with its reason), adopt texts a lookup found at Twilio, and
 * the recovery sweep for texts whose send never came back (the process died mid-send).
 */
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx } from "../../_generated/server";
import { countStatusChange } from "../analytics/counters";
import {
  applyTwilioReport,
  carrierOptOut,
  fromTwilioStatus,
  MAX_ATTEMPTS,
  requeue,
  retryDelayMs,
} from "./messageStatus";
import { wakeSender } from "./sender";
import { replayWaiting } from "./statusCallbacks";
import type { SendError } from "./twilioErrors";
import type { FindResult, SendResult } from "./twilioMessages";

/** A text the last check took back before it went (opted out, canceled, …). */
export type Withdrawn = { kind: "withdrawn"; reason: string };
export type SendOutcome = { messageId: Id<"messages">; claimedAt: number; result: SendResult | Withdrawn };
export type LookupOutcome = { messageId: Id<"messages">; since: number; result: FindResult };

/** A send left `sending` this long was lost with its process: look it up at Twilio, then send if needed. */
export const STUCK_MS = 2 * 60_000;

async function outboxRow(ctx: MutationCtx, messageId: Id<"messages">): Promise<Doc<"outbox"> | null> {
  return await ctx.db
    .query("outbox")
    .withIndex("by_messageId", (q) => q.eq("messageId", messageId))
    .unique();
}

export async function recordSend(ctx: MutationCtx, { messageId, claimedAt, result }: SendOutcome, now: number) {
  const message = await ctx.db.get("messages", messageId);
  if (message === null || message.status !== "sending") return;
  const row = await outboxRow(ctx, messageId);
  if (result.kind === "accepted") return await adopt(ctx, message, row, result, now);
  if (result.kind === "withdrawn") {
    if (row !== null) await ctx.db.delete("outbox", row._id);
    await countStatusChange(ctx, message, "canceled");
    await ctx.db.patch("messages", messageId, { status: "canceled", errorReason: result.reason, dueAt: undefined });
    return;
  }
  const since = Math.min(row?.lookup?.since ?? claimedAt, claimedAt);
  const lookup = result.kind === "transient" && result.ambiguous ? { since } : row?.lookup;
  await failOrRetry(ctx, message, row, result, lookup, now);
}

/** Attaches Twilio's sid to the message, applies its status and any callback that came first. */
async function adopt(
  ctx: MutationCtx,
  message: Doc<"messages">,
  row: Doc<"outbox"> | null,
  found: { sid: string; status: string },
  now: number,
) {
  if (row !== null) await ctx.db.delete("outbox", row._id);
  const attached = { ...message, twilioSid: found.sid, errorCode: undefined, errorReason: undefined };
  await ctx.db.patch("messages", message._id, { twilioSid: found.sid, errorCode: undefined, errorReason: undefined });
  await applyTwilioReport(
    ctx,
    { ...attached, status: "sending" },
    { status: fromTwilioStatus(found.status) ?? "queued", at: now },
    now,
  );
  await replayWaiting(ctx, found.sid, now);
}

async function failOrRetry(
  ctx: MutationCtx,
  message: Doc<"messages">,
  row: Doc<"outbox"> | null,
  error: SendError,
  lookup: { since: number } | undefined,
  now: number,
) {
  if (error.kind === "transient" && message.attempts < MAX_ATTEMPTS) {
    const dueAt = now + retryDelayMs(message.attempts, Math.random());
    return await requeue(ctx, message, { dueAt, errorCode: error.code, errorReason: error.reason, lookup }, now);
  }
  if (row !== null) await ctx.db.delete("outbox", row._id);
  const reason =
    error.kind === "transient"
      ? `${error.reason.replace(/; Parley will.*$/, "")} (gave up after ${message.attempts} attempts)`
      : error.reason;
  await countStatusChange(ctx, message, "failed");
  await ctx.db.patch("messages", message._id, {
    status: "failed",
    errorCode: error.code,
    errorReason: reason,
    dueAt: undefined,
  });
  if (error.code === 21610) await carrierOptOut(ctx, message, now);
}

/** A lookup's answer: adopt the copy Twilio has (one no other message owns), else send normally. */
export async function resolveLookup(ctx: MutationCtx, { messageId, since, result }: LookupOutcome, now: number) {
  const message = await ctx.db.get("messages", messageId);
  const row = await outboxRow(ctx, messageId);
  if (message === null || row === null || row.state !== "inflight") return;
  if (result.kind !== "found") {
    if (result.kind === "final") return await failOrRetry(ctx, message, row, result, undefined, now);
    return await requeue(
      ctx,
      message,
      {
        dueAt: now + retryDelayMs(message.attempts, Math.random()),
        errorReason: result.reason,
        lookup: { since },
      },
      now,
    );
  }
  for (const copy of result.copies) {
    const owner = await ctx.db
      .query("messages")
      .withIndex("by_twilioSid", (q) => q.eq("twilioSid", copy.sid))
      .first();
    if (owner === null || owner._id === message._id) return await adopt(ctx, message, row, copy, now);
  }
  await ctx.db.patch("outbox", row._id, { state: "queued", dueAt: now, lookup: undefined });
  await wakeSender(ctx, message.numberId, now, now);
}

/** Texts claimed longer than STUCK_MS ago whose send never reported back: look them up, then send if needed. */
export async function sweepStuck(ctx: MutationCtx, now: number, limit: number): Promise<number> {
  const rows = await ctx.db
    .query("outbox")
    .withIndex("by_state_and_dueAt", (q) => q.eq("state", "inflight").lt("dueAt", now - STUCK_MS))
    .take(limit);
  for (const row of rows) {
    const message = await ctx.db.get("messages", row.messageId);
    if (message === null) {
      await ctx.db.delete("outbox", row._id);
      continue;
    }
    const since = row.lookup?.since ?? row.dueAt;
    await requeue(
      ctx,
      message,
      {
        dueAt: now,
        errorReason: "Checking with Twilio whether the text went out",
        lookup: { since },
      },
      now,
    );
  }
  return rows.length;
}
