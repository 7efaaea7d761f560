/** Sending (internal): the sender's tick, its claim and record steps. */
import { v } from "convex/values";

const vSendErrorKinds = [
  v.object({ kind: v.literal("transient"), code: v.optional(v.number()), reason: v.string(), ambiguous: v.boolean() }),
  v.object({ kind: v.literal("final"), code: v.optional(v.number()), reason: v.string() }),
] as const;

/** What one `messages.create` came back with, or why the last check took the text back. */
export const vSendResult = v.union(
  v.object({ kind: v.literal("accepted"), sid: v.string(), status: v.string() }),
  v.object({ kind: v.literal("withdrawn"), reason: v.string() }),
  ...vSendErrorKinds,
);

/** What a lookup at Twilio found: the copies of the text it already has (newest first). */
export const vFindResult = v.union(
  v.object({ kind: v.literal("found"), copies: v.array(v.object({ sid: v.string(), status: v.string() })) }),
  ...vSendErrorKinds,
);

const vOutgoing = { messageId: v.id("messages"), to: v.string(), from: v.string(), body: v.string() };

/** A tick's claim: texts to send (each at its group's instant), and texts to look up at Twilio first. */
export const vClaim = v.object({
  sends: v.array(v.object({ ...vOutgoing, segments: v.number(), claimedAt: v.number(), sendAt: v.number() })),
  lookups: v.array(v.object({ ...vOutgoing, since: v.number() })),
});
