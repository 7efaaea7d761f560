/** Every table of Parley. Each table's comment says who writes it and who reads it. */
import { authTables } from "@convex-dev/auth/server";
import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import {
  vActivityUnit,
  vArchiveReason,
  vCampaignCounts,
  vAuthor,
  vDirection,
  vMessageStatus,
  vSection,
  vCampaignStatus,
  vInboxes,
  vLaunchFailure,
  vNumberKind,
  vOperatedBy,
  vRole,
  vUnsolicitedSettings,
  vVaFallback,
} from "./validators";

export default defineSchema({
  ...authTables,
  // Writes: admins (admin.addUser/updateUser), seed; Convex Auth links sign-up to an existing row.
  // Reads: every authorization check (model/auth), viewer.get, admin.listUsers, Convex Auth.
  users: defineTable({
    // Convex Auth's fields, all optional as it requires.
    name: v.optional(v.string()),
    image: v.optional(v.string()),
    email: v.optional(v.string()),
    emailVerificationTime: v.optional(v.number()),
    phone: v.optional(v.string()),
    phoneVerificationTime: v.optional(v.number()),
    isAnonymous: v.optional(v.boolean()),
    // Parley's fields. A user without a role cannot use the app.
    role: v.optional(vRole),
    officeIds: v.array(v.id("offices")),
    viewOtherOffices: v.boolean(),
    deactivated: v.optional(v.boolean()),
  })
    .index("email", ["email"])
    .index("phone", ["phone"])
    .index("by_role", ["role"])
    .index("by_name", ["name"]),
  // Writes: admins (admin.createOffice/renameOffice), seed; userCount is kept by user writes.
  // Reads: offices.list, viewer.get, admin.listOffices, office checks in model/auth.
  offices: defineTable({
    name: v.string(),
    /** Active users assigned to the office, maintained on every user write. */
    userCount: v.number(),
  }).index("by_name", ["name"]),
  // Writes: seed (one row), admins (allowed countries). Reads: HELP replies, the organization's name, list imports.
  organization: defineTable({
    name: v.string(),
    helpText: v.string(),
    /** ISO 3166 codes of the countries list imports accept; absent means US and Canada. */
    allowedCountries: v.optional(v.array(v.string())),
    /** When campaign sends are held, in the recipient's local time ("HH:MM"); absent = 21:00 → 08:00. */
    quietHours: v.optional(v.object({ start: v.string(), end: v.string() })),
    /** IANA zone for recipients whose area code tells none; absent = America/New_York. */
    timeZone: v.optional(v.string()),
  }),

  // Writes: list imports (first sight of a phone), opt-outs (messaging), admins lifting them.
  // Reads: sends (never to an opted-out contact), list entries, the Contacts tab.
  // One record per phone number in the organization; opt-out is organization-wide.
  contacts: defineTable({
    phone: v.string(), // E.164
    optedOut: v.boolean(),
    optedOutAt: v.optional(v.number()),
    optedOutVia: v.optional(v.union(v.literal("keyword"), v.literal("agent"), v.literal("carrier"))),
  }).index("by_phone", ["phone"]),
  // Writes: list imports and edits (Admin, Standard). Reads: lists pages, campaign wizard, sends.
  contactLists: defineTable({
    officeId: v.id("offices"),
    name: v.string(),
    tags: v.array(v.string()),
    /** Custom columns (everything but first name, last name, phone), in file order: merge fields. */
    columns: v.array(v.string()),
    status: v.union(v.literal("importing"), v.literal("ready")),
    /** Entries (unique phones) in the list. */
    contactCount: v.number(),
    duplicateCount: v.number(),
    rejectedCount: v.number(),
    /** Batches of the running import already stored, so an interrupted upload resumes. */
    importedBatches: v.number(),
    /** Set once a campaign using the list has launched: the list can no longer be deleted. */
    lockedByLaunch: v.boolean(),
    /**
     * The longest value each merge field has had on the list (`columns` parallel to `columns`),
     * kept by imports, hand edits and clones so readiness can bound a text's merged length
     * (`model/mergeLengths.ts`). Absent on lists made before it existed: unknown.
     */
    maxLengths: v.optional(
      v.object({ firstName: v.number(), lastName: v.number(), phone: v.number(), columns: v.array(v.number()) }),
    ),
    createdBy: v.id("users"),
    updatedAt: v.number(),
  })
    .index("by_officeId_and_updatedAt", ["officeId", "updatedAt"])
    .searchIndex("search_name", { searchField: "name", filterFields: ["officeId"] }),
  // Writes: list imports and edits. Reads: sends, the Contacts tab, merge-field previews.
  listEntries: defineTable({
    listId: v.id("contactLists"),
    contactId: v.id("contacts"),
    phone: v.string(),
    firstName: v.string(),
    lastName: v.string(),
    /** Custom column values by column name (strings as in the file). */
    fields: v.record(v.string(), v.string()),
    /** Spreadsheet row number (header = 1) the entry came from. */
    row: v.number(),
    /** First name, last name and phone (several spellings) for search. */
    searchText: v.string(),
  })
    // Kept beside by_listId_and_phone for its order: entries as they were imported (Contacts tab, copies).
    // eslint-disable-next-line @convex-dev/no-duplicate-indexes
    .index("by_listId", ["listId"])
    .index("by_listId_and_phone", ["listId", "phone"])
    .index("by_contactId", ["contactId"])
    .searchIndex("search_text", { searchField: "searchText", filterFields: ["listId"] }),
  // Writes: list imports. Reads: the rejected-rows report (downloadable CSV).
  listRejections: defineTable({
    listId: v.id("contactLists"),
    row: v.number(),
    reason: v.string(),
  }).index("by_listId_and_row", ["listId", "row"]),
  // Writes: admins provisioning/releasing (through Twilio), campaign launch/end (activeCampaignId).
  // Reads: the numbers page, the wizard, inbound routing, sends (throughput).
  phoneNumbers: defineTable({
    officeId: v.id("offices"),
    e164: v.string(),
    kind: vNumberKind,
    name: v.string(),
    description: v.string(),
    /** Sending throughput, messages (segments) per second. */
    messagesPerSecond: v.number(),
    twilioSid: v.string(),
    status: v.union(v.literal("active"), v.literal("released")),
    /** Reusable numbers only: who answers traffic that belongs to no active campaign. */
    unsolicited: v.optional(vUnsolicitedSettings),
    /** The campaign currently using the number (at most one active per reusable number). */
    activeCampaignId: v.optional(v.id("campaigns")),
    /** Single-use numbers: the campaign they were provisioned for. */
    campaignId: v.optional(v.id("campaigns")),
    provisionedAt: v.number(),
    releasedAt: v.optional(v.number()),
  })
    .index("by_officeId_and_kind_and_status", ["officeId", "kind", "status"])
    .index("by_e164_and_status", ["e164", "status"]),
  // Writes: campaign creators (Admin, Standard), the scheduler (launch, auto-archive), ending.
  // Reads: the Campaigns page tabs, calendar, campaign view, sends, routing, analytics.
  campaigns: defineTable({
    officeId: v.id("offices"),
    title: v.string(),
    tags: v.array(v.string()),
    listId: v.optional(v.id("contactLists")),
    message: v.string(),
    operatedBy: vOperatedBy,
    vaFallback: vVaFallback,
    /** The set reply sent when the VA cannot answer and vaFallback is "setReply". */
    vaSetReply: v.string(),
    numberId: v.optional(v.id("phoneNumbers")),
    inboxes: vInboxes,
    autoArchiveDays: v.number(),
    status: vCampaignStatus,
    /** Scheduled launch instant (ms) and the IANA zone it was chosen in. */
    scheduledAt: v.optional(v.number()),
    timeZone: v.string(),
    scheduledJobId: v.optional(v.id("_scheduled_functions")),
    launchedAt: v.optional(v.number()),
    autoArchiveJobId: v.optional(v.id("_scheduled_functions")),
    archivedAt: v.optional(v.number()),
    archiveReason: v.optional(vArchiveReason),
    clonedFrom: v.optional(v.id("campaigns")),
    /** Conversations needing an agent; kept by the messaging engine (absent = 0). */
    needsAttentionCount: v.optional(v.number()),
    /** Why the last scheduled launch didn't happen (the campaign went back to draft); cleared on launch/schedule. */
    launchFailure: v.optional(vLaunchFailure),
    createdBy: v.id("users"),
    updatedAt: v.number(),
  })
    .index("by_officeId_and_status_and_updatedAt", ["officeId", "status", "updatedAt"])
    .index("by_officeId_and_status_and_scheduledAt", ["officeId", "status", "scheduledAt"])
    .index("by_status_and_scheduledAt", ["status", "scheduledAt"])
    .index("by_numberId_and_status", ["numberId", "status"])
    .index("by_listId_and_status", ["listId", "status"])
    .searchIndex("search_title", { searchField: "title", filterFields: ["officeId", "status"] }),
  // Writes: campaign writes (kept in step with campaigns.tags). Reads: the tag filter on every tab.
  campaignTags: defineTable({
    campaignId: v.id("campaigns"),
    officeId: v.id("offices"),
    status: vCampaignStatus,
    tag: v.string(),
    updatedAt: v.number(),
  })
    .index("by_campaignId", ["campaignId"])
    .index("by_officeId_and_status_and_tag_and_updatedAt", ["officeId", "status", "tag", "updatedAt"]),

  // Writes: campaign fan-out, inbound routing, agents (switch, needs attention, tags, replies),
  // the VA, ending campaigns. Reads: Activity sections, inboxes, the Contacts tab, analytics.
  // One per (campaign, contact); campaignId absent = the number's standing conversation with the
  // contact (unsolicited and 1:1 traffic).
  conversations: defineTable({
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
    /** Analytics (model/analytics.ts): the contact's first reply that wasn't a keyword. */
    respondedAt: v.optional(v.number()),
    /** Analytics: when the contact opted out in this conversation (counted once per campaign). */
    optedOutHereAt: v.optional(v.number()),
    /** Analytics: the contact's first text since the last agent or VA reply (agent response time). */
    awaitingReplySince: v.optional(v.number()),
  })
    .index("by_campaignId_and_section_and_lastMessageAt", ["campaignId", "section", "lastMessageAt"])
    .index("by_campaignId_and_contactId", ["campaignId", "contactId"])
    .index("by_numberId_and_contactId_and_campaignId", ["numberId", "contactId", "campaignId"])
    .index("by_contactId", ["contactId"])
    .searchIndex("search_text", { searchField: "searchText", filterFields: ["campaignId", "section"] }),
  // Writes: conversation writes (kept in step with conversations.tags/section). Reads: tag filter.
  conversationTags: defineTable({
    conversationId: v.id("conversations"),
    campaignId: v.optional(v.id("campaigns")),
    tag: v.string(),
    section: vSection,
    lastMessageAt: v.number(),
  })
    .index("by_conversationId", ["conversationId"])
    .index("by_campaignId_and_tag_and_lastMessageAt", ["campaignId", "tag", "lastMessageAt"])
    .index("by_campaignId_and_section_and_tag_and_lastMessageAt", ["campaignId", "section", "tag", "lastMessageAt"]),
  // Writes: every conversation write that creates a campaign conversation or changes its section
  // (model/conversations.ts). Reads: the Activity tab's section counts (empty sections are hidden).
  // One row per (campaign, section): how many of the campaign's conversations are in it.
  conversationCounts: defineTable({
    campaignId: v.id("campaigns"),
    section: vSection,
    count: v.number(),
  }).index("by_campaignId_and_section", ["campaignId", "section"]),
  // Writes: routing and every change of a conversation's inboxes or needs-attention flag.
  // Reads: each agent's Inbox (Needs attention) and the live needs-attention count.
  // One row per (conversation, inbox); inbox is "user:<id>" or "office:<id>".
  inboxItems: defineTable({
    conversationId: v.id("conversations"),
    inbox: v.string(),
    needsAttention: v.boolean(),
    lastMessageAt: v.number(),
  })
    .index("by_conversationId", ["conversationId"])
    .index("by_inbox_and_needsAttention_and_lastMessageAt", ["inbox", "needsAttention", "lastMessageAt"]),
  // Writes: an agent's reply. Reads: each agent's Inbox (Participating).
  participants: defineTable({
    conversationId: v.id("conversations"),
    userId: v.id("users"),
    lastMessageAt: v.number(),
  })
    .index("by_conversationId_and_userId", ["conversationId", "userId"])
    .index("by_userId_and_lastMessageAt", ["userId", "lastMessageAt"]),
  // Writes: fan-out, replies (agent, VA, system), inbound webhooks, sending, status callbacks.
  // Reads: threads, the Contacts tab, sending, analytics.
  messages: defineTable({
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
  })
    .index("by_conversationId", ["conversationId"])
    .index("by_twilioSid", ["twilioSid"])
    .index("by_numberId_and_status_and_dueAt", ["numberId", "status", "dueAt"]),
  // Writes: the messaging engine, in the transaction of each message insert and status change
  // (model/analytics.ts). Reads: analytics.campaign and analytics.dashboard (sums a campaign's shards).
  // Up to ANALYTICS_SHARDS rows per campaign, each holding part of every count (spreads the writes
  // of many status callbacks at once over several documents).
  campaignStats: defineTable({
    campaignId: v.id("campaigns"),
    shard: v.number(),
    ...vCampaignCounts.fields,
  }).index("by_campaignId_and_shard", ["campaignId", "shard"]),
  // Writes: contact texts in campaign conversations: one row per hour, day, month and year bucket
  // (model/analytics.ts). Reads: analytics.activity (the rows of the chart's unit in its range).
  campaignActivity: defineTable({
    campaignId: v.id("campaigns"),
    unit: vActivityUnit,
    start: v.number(),
    count: v.number(),
  }).index("by_campaignId_and_unit_and_start", ["campaignId", "unit", "start"]),
  // Writes: agents' replies in campaign conversations (model/analytics.ts). Reads: analytics.dashboard.
  // One row per campaign: agent replies per five minutes over the last 65 minutes (older ones dropped).
  recentAgentReplies: defineTable({
    campaignId: v.id("campaigns"),
    buckets: v.array(v.object({ start: v.number(), count: v.number() })),
  }).index("by_campaignId", ["campaignId"]),
  // Writes: an agent's reply to a waiting contact (model/responseTimes.ts). Reads: the median's
  // neighbours (two rows at most per read or write). One row per agent response time.
  responseSamples: defineTable({
    campaignId: v.id("campaigns"),
    ms: v.number(),
    /** Order of arrival in the campaign: breaks ties between equal times. */
    seq: v.number(),
  }).index("by_campaignId_and_ms_and_seq", ["campaignId", "ms", "seq"]),
  // Writes: each agent response time (model/responseTimes.ts). Reads: analytics.campaign.
  // One row per campaign: how many samples, and the lower median's position among them.
  responseMedians: defineTable({
    campaignId: v.id("campaigns"),
    count: v.number(),
    lowMs: v.number(),
    lowSeq: v.number(),
  }).index("by_campaignId", ["campaignId"]),
  // Writes: the Twilio webhooks (every inbound and status callback as received). Reads: dedupe, audits.
  webhookEvents: defineTable({
    kind: v.union(v.literal("inbound"), v.literal("status")),
    messageSid: v.string(),
    status: v.optional(v.string()),
    params: v.record(v.string(), v.string()),
    receivedAt: v.number(),
    /** What Parley did with it: "stored", "duplicate", "applied", "ignored (older status)", … */
    outcome: v.string(),
  }).index("by_messageSid_and_kind", ["messageSid", "kind"]),

  // Writes: enqueueOutbound, the sender (claims, results), opt-out cancels, the recovery sweep.
  // Reads: the sender (each number's due work, replies first), cancels (per contact), the sweep.
  // One row per outbound message not yet handed to Twilio for good (pending, retrying, in flight).
  outbox: defineTable({
    messageId: v.id("messages"),
    numberId: v.id("phoneNumbers"),
    contactId: v.id("contacts"),
    /** 0: replies (agent, VA, system) go first; 1: campaign sends. */
    lane: v.number(),
    segments: v.number(),
    /** queued: waiting for dueAt; inflight: claimed by a send (dueAt = when it was claimed). */
    state: v.union(v.literal("queued"), v.literal("inflight")),
    dueAt: v.number(),
    /** The last send's outcome is unknown (timeout, crash): look the message up at Twilio before sending again. */
    lookup: v.optional(v.object({ since: v.number() })),
  })
    .index("by_numberId_and_state_and_lane_and_dueAt", ["numberId", "state", "lane", "dueAt"])
    .index("by_state_and_dueAt", ["state", "dueAt"])
    .index("by_contactId_and_state", ["contactId", "state"])
    .index("by_messageId", ["messageId"]),
  // Writes: the sender (every claim), wakes (enqueue, sweep). Reads: the same.
  // One row per number that ever sent: its pacing window and the tick that will run next.
  senders: defineTable({
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
  }).index("by_numberId", ["numberId"]),
  // Writes: Admin and Standard members of the office (knowledgeBase.*), the demo seed.
  // Reads: the Knowledge base page, the Virtual Assistant (every message it answers loads the office's entries).
  knowledgeEntries: defineTable({
    officeId: v.id("offices"),
    question: v.string(),
    answer: v.string(),
    alternates: v.array(v.string()),
    keywords: v.array(v.string()),
    /** The entry's id in CSV files ("fafsa-deadline"): imports update the entry with the same id. */
    externalId: v.optional(v.string()),
    /** Question, alternates, keywords, answer and id together, for the page's search. */
    searchText: v.string(),
    updatedAt: v.number(),
    updatedBy: v.id("users"),
  })
    .index("by_officeId", ["officeId"])
    .searchIndex("search_text", { searchField: "searchText", filterFields: ["officeId"] }),
  // Writes: presence.heartbeat/leave (people with a conversation open), the expiry job (model/presence.ts).
  // Reads: presence.conversation/campaign/conversations (who else is viewing or typing).
  // One row per (conversation, user) while they have it open; the client hides rows past their times.
  presence: defineTable({
    conversationId: v.id("conversations"),
    campaignId: v.optional(v.id("campaigns")),
    officeId: v.id("offices"),
    userId: v.id("users"),
    name: v.string(),
    viewingUntil: v.number(),
    typingUntil: v.number(),
    /** The later of the two: when the scheduled cleanup deletes the row. */
    expiresAt: v.number(),
  })
    .index("by_conversationId_and_userId", ["conversationId", "userId"])
    .index("by_campaignId", ["campaignId"]),
});
