/** The presence table: who has a conversation open or is typing in it. */
import { defineTable } from "convex/server";
import { v } from "convex/values";

export const presenceFields = {
  conversationId: v.id("conversations"),
  campaignId: v.optional(v.id("campaigns")),
  officeId: v.id("offices"),
  userId: v.id("users"),
  name: v.string(),
  viewingUntil: v.number(),
  typingUntil: v.number(),
  /** The later of the two: when the scheduled cleanup deletes the row. */
  expiresAt: v.number(),
};

export const presenceTables = {
  // Writes: presence.heartbeat/leave (people with a conversation open), the expiry job (model/conversations/presence.ts).
  // Reads: presence.conversation/campaign/conversations (who else is viewing or typing).
  // One row per (conversation, user) while they have it open; the client hides rows past their times.
  presence: defineTable(presenceFields)
    .index("by_conversationId_and_userId", ["conversationId", "userId"])
    .index("by_campaignId", ["campaignId"]),
};
