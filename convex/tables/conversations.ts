/** Tables of messaging: conversations, their tags and counts, inbox items, participants and messages. */
import { defineTable } from "convex/server";
import { v } from "convex/values";
import { vAuthor, vDirection, vInboxes, vMessageStatus, vOperatedBy, vSection } from "../validation/shared";

export const conversationFields = {
  officeId: v.id("offices"),
  numberId: v.id("phoneNumbers"),
  contactId: v.id("contacts"),
  campaignId: v.optional(v.id("campaigns")),
  /** The contact's phone (E.164) and names as the campaign's list gave them. */
  phone: v.string(),
  firstName: v.string(),
  lastName: v.string(),
  /** Names and phone spellings for the Activity search. */
  searchText: v.string(),
  operatedBy: vOperatedBy,
  needsAttention: v.boolean(),
  /** Derived: needsAttention ? "needsAttention" : operatedBy; kept for indexing. */
  section: vSection,
  tags: v.array(v.string()),
  /** Inboxes the conversation is routed to (personal inboxes of users, office inboxes). */
  inboxes: vInboxes,
  /** Left every queue: its single-use campaign ended; no further responses are sent. */
  closed: v.boolean(),
  /** The campaign's message to this contact (the Contacts tab's status and SMS preview). */
  campaignMessageId: v.optional(v.id("messages")),
  lastMessageAt: v.number(),
  lastMessagePreview: v.string(),
  lastDirection: vDirection,
  lastInboundAt: v.optional(v.number()),
  /** Analytics (model/analytics/counters.ts): the contact's first reply that wasn't a keyword. */
  respondedAt: v.optional(v.number()),
  /** Analytics: when the contact opted out in this conversation (counted once per campaign). */
  optedOutHereAt: v.optional(v.number()),
  /** Analytics: the contact's first text since the last agent or VA reply (agent response time). */
  awaitingReplySince: v.optional(v.number()),
};

export const conversationTagFields = {
  conversationId: v.id("conversations"),
  campaignId: v.optional(v.id("campaigns")),
  tag: v.string(),
  section: vSection,
  lastMessageAt: v.number(),
};

export const conversationCountFields = {
  campaignId: v.id("campaigns"),
  section: vSection,
  count: v.number(),
};

export const inboxItemFields = {
  conversationId: v.id("conversations"),
  inbox: v.string(),
  needsAttention: v.boolean(),
  lastMessageAt: v.number(),
};

export const participantFields = {
  conversationId: v.id("conversations"),
  userId: v.id("users"),
  lastMessageAt: v.number(),
};

export const messageFields = {
  conversationId: v.id("conversations"),
  campaignId: v.optional(v.id("campaigns")),
  contactId: v.id("contacts"),
  numberId: v.id("phoneNumbers"),
  direction: vDirection,
  author: vAuthor,
  authorUserId: v.optional(v.id("users")),
  body: v.string(),
  segments: v.number(),
  from: v.string(),
  to: v.string(),
  status: vMessageStatus,
  twilioSid: v.optional(v.string()),
  errorCode: v.optional(v.number()),
  /** A human reason for a failure or retry (from the error code). */
  errorReason: v.optional(v.string()),
  attempts: v.number(),
  /** When a pending or retrying message may next be sent (pacing, quiet hours, backoff). */
  dueAt: v.optional(v.number()),
  sentAt: v.optional(v.number()),
  deliveredAt: v.optional(v.number()),
};

export const conversationTables = {
  // Writes: campaign fan-out, inbound routing, agents (switch, needs attention, tags, replies),
  // the VA, ending campaigns. Reads: Activity sections, inboxes, the Contacts tab, analytics.
  // One per (campaign, contact); campaignId absent = the number's standing conversation with the
  // contact (unsolicited and 1:1 traffic).
  conversations: defineTable(conversationFields)
    .index("by_campaignId_and_section_and_lastMessageAt", ["campaignId", "section", "lastMessageAt"])
    .index("by_campaignId_and_contactId", ["campaignId", "contactId"])
    .index("by_numberId_and_contactId_and_campaignId", ["numberId", "contactId", "campaignId"])
    .index("by_contactId", ["contactId"])
    .searchIndex("search_text", { searchField: "searchText", filterFields: ["campaignId", "section"] }),
  // Writes: conversation writes (kept in step with conversations.tags/section). Reads: tag filter.
  conversationTags: defineTable(conversationTagFields)
    .index("by_conversationId", ["conversationId"])
    .index("by_campaignId_and_tag_and_lastMessageAt", ["campaignId", "tag", "lastMessageAt"])
    .index("by_campaignId_and_section_and_tag_and_lastMessageAt", ["campaignId", "section", "tag", "lastMessageAt"]),
  // Writes: every conversation write that creates a campaign conversation or changes its section
  // (model/conversations/conversations.ts). Reads: the Activity tab's section counts (empty sections are hidden).
  // One row per (campaign, section): how many of the campaign's conversations are in it.
  conversationCounts: defineTable(conversationCountFields).index("by_campaignId_and_section", [
    "campaignId",
    "section",
  ]),
  // Writes: routing and every change of a conversation's inboxes or needs-attention flag.
  // Reads: each agent's Inbox (Needs attention) and the live needs-attention count.
  // One row per (conversation, inbox); inbox is "user:<id>" or "office:<id>".
  inboxItems: defineTable(inboxItemFields)
    .index("by_conversationId", ["conversationId"])
    .index("by_inbox_and_needsAttention_and_lastMessageAt", ["inbox", "needsAttention", "lastMessageAt"]),
  // Writes: an agent's reply. Reads: each agent's Inbox (Participating).
  participants: defineTable(participantFields)
    .index("by_conversationId_and_userId", ["conversationId", "userId"])
    .index("by_userId_and_lastMessageAt", ["userId", "lastMessageAt"]),
  // Writes: fan-out, replies (agent, VA, system), inbound webhooks, sending, status callbacks.
  // Reads: threads, the Contacts tab, sending, analytics.
  messages: defineTable(messageFields)
    .index("by_conversationId", ["conversationId"])
    .index("by_twilioSid", ["twilioSid"])
    .index("by_numberId_and_status_and_dueAt", ["numberId", "status", "dueAt"]),
};
