/** Tables of sending: Twilio webhook events, the outbox and each number's sender. */
import { defineTable } from "convex/server";
import { literals } from "convex-helpers/validators";
import { v } from "convex/values";

export const webhookEventFields = {
  kind: literals("inbound", "status"),
  messageSid: v.string(),
  status: v.optional(v.string()),
  params: v.record(v.string(), v.string()),
  receivedAt: v.number(),
  /** What Parley did with it: "stored", "duplicate", "applied", "ignored (older status)", … */
  outcome: v.string(),
};

export const outboxFields = {
  messageId: v.id("messages"),
  numberId: v.id("phoneNumbers"),
  contactId: v.id("contacts"),
  /** 0: replies (agent, VA, system) go first; 1: campaign sends. */
  lane: v.number(),
  segments: v.number(),
  /** queued: waiting for dueAt; inflight: claimed by a send (dueAt = when it was claimed). */
  state: literals("queued", "inflight"),
  dueAt: v.number(),
  /** The last send's outcome is unknown (timeout, crash): look the message up at Twilio before sending again. */
  lookup: v.optional(v.object({ since: v.number() })),
};

export const senderFields = {
  numberId: v.id("phoneNumbers"),
  /** The pacing window: segments per fired group, counted until a second after they came back (`pacing.ts`). */
  window: v.array(v.object({ at: v.number(), segments: v.number(), open: v.optional(v.boolean()) })),
  /** Where the next claim starts reserving groups: a slot after the last one reserved. */
  nextSlotAt: v.optional(v.number()),
  /** The live tick chain's token: a tick whose token is not this one does nothing. */
  token: v.number(),
  /** Absent: idle. Else the chain runs (or sleeps until then); a wake for a later instant is a no-op. */
  tickAt: v.optional(v.number()),
  tickJobId: v.optional(v.id("_scheduled_functions")),
};

export const sendingTables = {
  // Writes: the Twilio webhooks (every inbound and status callback as received). Reads: dedupe, audits.
  webhookEvents: defineTable(webhookEventFields).index("by_messageSid_and_kind", ["messageSid", "kind"]),
  // Writes: enqueueOutbound, the sender (claims, results), opt-out cancels, the recovery sweep.
  // Reads: the sender (each number's due work, replies first), cancels (per contact), the sweep.
  // One row per outbound message not yet handed to Twilio for good (pending, retrying, in flight).
  outbox: defineTable(outboxFields)
    .index("by_numberId_and_state_and_lane_and_dueAt", ["numberId", "state", "lane", "dueAt"])
    .index("by_state_and_dueAt", ["state", "dueAt"])
    .index("by_contactId_and_state", ["contactId", "state"])
    .index("by_messageId", ["messageId"]),
  // Writes: the sender (every claim), wakes (enqueue, sweep). Reads: the same.
  // One row per number that ever sent: its pacing window and the tick that will run next.
  senders: defineTable(senderFields).index("by_numberId", ["numberId"]),
};
