/**
 * Twilio's status callbacks, which arrive late, out of order, more than once — and sometimes
 * before the send that created the sid has been recorded. Every callback is kept in
 * `webhookEvents` with what Parley did with it; the same (sid, status) twice changes nothing; a
 * status never moves backwards; a callback for a sid not recorded yet waits and is applied when
 * the send is recorded (`replayWaiting`).
 */
import type { Doc } from "../../_generated/dataModel";
import type { MutationCtx } from "../../_generated/server";
import { applyTwilioReport, fromTwilioStatus, STATUS_RANK } from "./messageStatus";

export const WAITING = "waiting for the send to be recorded";
/** A callback about an attempt a retry has replaced (30003 resent): the new attempt decides. */
export const SUPERSEDED = "ignored (superseded by a retry)";
/** Callbacks of one sid read for dedupe: a text has a handful of statuses, each sent a few times. */
const PRIOR_EVENTS = 100;

export type StatusParams = Record<string, string>;

/** Stores the callback and applies it; returns the outcome stored with it. */
export async function receiveStatus(ctx: MutationCtx, params: StatusParams, receivedAt: number): Promise<string> {
  const messageSid = params.MessageSid ?? params.SmsSid ?? "";
  const status = params.MessageStatus ?? params.SmsStatus ?? "";
  const outcome = await decide(ctx, messageSid, status, params, receivedAt);
  await ctx.db.insert("webhookEvents", { kind: "status", messageSid, status, params, receivedAt, outcome });
  return outcome;
}

async function eventsOf(ctx: MutationCtx, messageSid: string): Promise<Doc<"webhookEvents">[]> {
  return await ctx.db
    .query("webhookEvents")
    .withIndex("by_messageSid_and_kind", (q) => q.eq("messageSid", messageSid).eq("kind", "status"))
    .take(PRIOR_EVENTS);
}

/**
 * What a callback does. Against the message's current status it is idempotent by construction:
 * the same status again, or an older one, changes nothing. The stored events are read only for a
 * sid no message holds (yet): a send not recorded yet, or an attempt a retry replaced.
 */
async function decide(ctx: MutationCtx, messageSid: string, raw: string, params: StatusParams, at: number) {
  const status = fromTwilioStatus(raw);
  if (status === null) return `ignored (status "${raw}" not tracked)`;
  const message = await ctx.db
    .query("messages")
    .withIndex("by_twilioSid", (q) => q.eq("twilioSid", messageSid))
    .first();
  if (message === null) {
    const prior = await eventsOf(ctx, messageSid);
    if (prior.some((e) => e.status === raw)) return "duplicate";
    return prior.some((e) => e.outcome !== WAITING) ? SUPERSEDED : WAITING;
  }
  if (STATUS_RANK[message.status] < STATUS_RANK.queued) return SUPERSEDED;
  if (message.status === status) return "duplicate";
  return await applyTwilioReport(ctx, message, { status, errorCode: errorCodeOf(params), at }, at);
}

function errorCodeOf(params: StatusParams): number | undefined {
  const code = Number(params.ErrorCode);
  return params.ErrorCode && Number.isFinite(code) ? code : undefined;
}

/** Applies, in status order, the callbacks for `messageSid` that came before its send was recorded. */
export async function replayWaiting(ctx: MutationCtx, messageSid: string, now: number): Promise<void> {
  const waiting = (await eventsOf(ctx, messageSid)).filter((e) => e.outcome === WAITING);
  const rank = (e: Doc<"webhookEvents">) => STATUS_RANK[fromTwilioStatus(e.status ?? "") ?? "pending"];
  for (const event of waiting.sort((a, b) => rank(a) - rank(b))) {
    const message = await ctx.db
      .query("messages")
      .withIndex("by_twilioSid", (q) => q.eq("twilioSid", messageSid))
      .first();
    const status = fromTwilioStatus(event.status ?? "");
    if (message === null || status === null) return;
    const outcome =
      STATUS_RANK[message.status] < STATUS_RANK.queued
        ? SUPERSEDED
        : await applyTwilioReport(
            ctx,
            message,
            { status, errorCode: errorCodeOf(event.params), at: event.receivedAt },
            now,
          );
    await ctx.db.patch("webhookEvents", event._id, { outcome: `${outcome} (after the send was recorded)` });
  }
}
