/** Validators shared by the schema and the public API, each with its TypeScript type. */
import { v, type Infer } from "convex/values";

export const vRole = v.union(v.literal("admin"), v.literal("standard"), v.literal("limited"));
export type Role = Infer<typeof vRole>;

export const vOfficeSummary = v.object({ _id: v.id("offices"), name: v.string() });
export type OfficeSummary = Infer<typeof vOfficeSummary>;

/** What `viewer.get` returns for a signed-in, provisioned, active user. */
export const vViewerProfile = v.object({
  _id: v.id("users"),
  name: v.string(),
  email: v.string(),
  role: vRole,
  viewOtherOffices: v.boolean(),
  offices: v.array(vOfficeSummary),
});
export type ViewerProfile = Infer<typeof vViewerProfile>;

/** A row of the admin's user table. `role` is null only for a user no admin has given one. */
export const vUserRow = v.object({
  _id: v.id("users"),
  name: v.string(),
  email: v.string(),
  role: v.union(vRole, v.null()),
  officeIds: v.array(v.id("offices")),
  viewOtherOffices: v.boolean(),
  deactivated: v.boolean(),
  hasPassword: v.boolean(),
});
export type UserRow = Infer<typeof vUserRow>;

/** A person who can receive an office's conversations in their personal inbox. */
export const vOfficeMember = v.object({ _id: v.id("users"), name: v.string() });
export type OfficeMember = Infer<typeof vOfficeMember>;

export const vOfficeRow = v.object({ _id: v.id("offices"), name: v.string(), userCount: v.number() });

export const vQuietHours = v.object({ start: v.string(), end: v.string() });
/** The organization's messaging settings (Admin page), defaults filled in. */
export const vOrganizationSettings = v.object({
  name: v.string(),
  helpText: v.string(),
  /** The quiet period in each recipient's local time, "HH:MM": campaign texts stop at `start`, resume at `end`. */
  quietHours: vQuietHours,
  timeZone: v.string(),
});
export type OrganizationSettings = Infer<typeof vOrganizationSettings>;
export type OfficeRow = Infer<typeof vOfficeRow>;

// ---- Contact lists, numbers and campaigns ----

export const vCampaignStatus = v.union(
  v.literal("draft"),
  v.literal("scheduled"),
  v.literal("active"),
  v.literal("archived"),
);
export type CampaignStatus = Infer<typeof vCampaignStatus>;

/** Who works a conversation: a human agent or the Virtual Assistant. */
export const vOperatedBy = v.union(v.literal("agent"), v.literal("va"));
export type OperatedBy = Infer<typeof vOperatedBy>;

/** What the Virtual Assistant does when it cannot answer. */
export const vVaFallback = v.union(v.literal("setReply"), v.literal("escalate"));
export type VaFallback = Infer<typeof vVaFallback>;

export const vNumberKind = v.union(v.literal("reusable"), v.literal("singleUse"));
export type NumberKind = Infer<typeof vNumberKind>;

/** Inboxes that receive conversations: personal inboxes of users and office inboxes. */
export const vInboxes = v.object({ userIds: v.array(v.id("users")), officeIds: v.array(v.id("offices")) });
export type Inboxes = Infer<typeof vInboxes>;

/** A reusable number's rule for traffic that belongs to no active campaign. */
export const vUnsolicitedSettings = v.object({ handledBy: vOperatedBy, inboxes: vInboxes });
export type UnsolicitedSettings = Infer<typeof vUnsolicitedSettings>;

/** How a campaign ended: by a person (End / Stop and Archive), by its auto-archive, or a discarded draft. */
export const vArchiveReason = v.union(v.literal("ended"), v.literal("autoArchived"), v.literal("discarded"));
export type ArchiveReason = Infer<typeof vArchiveReason>;

// ---- Campaigns: the settings people edit and what the console reads ----

/** A campaign's editable settings (all optional: `create` and `update` take any of them). null clears a choice. */
export const campaignSettings = {
  title: v.optional(v.string()),
  tags: v.optional(v.array(v.string())),
  listId: v.optional(v.union(v.id("contactLists"), v.null())),
  message: v.optional(v.string()),
  operatedBy: v.optional(vOperatedBy),
  vaFallback: v.optional(vVaFallback),
  vaSetReply: v.optional(v.string()),
  numberId: v.optional(v.union(v.id("phoneNumbers"), v.null())),
  inboxes: v.optional(vInboxes),
  autoArchiveDays: v.optional(v.number()),
};

/** The setting a readiness reason is about, so the wizard can point at it. */
export const vReadinessField = v.union(
  v.literal("title"),
  v.literal("office"),
  v.literal("list"),
  v.literal("message"),
  v.literal("number"),
  v.literal("vaSetReply"),
  v.literal("inboxes"),
  v.literal("autoArchiveDays"),
);
export type ReadinessField = Infer<typeof vReadinessField>;
export const vReadinessReason = v.object({ field: vReadinessField, message: v.string() });
export type ReadinessReason = Infer<typeof vReadinessReason>;

/** Why a scheduled launch didn't happen: the campaign went back to draft with these reasons. */
export const vLaunchFailure = v.object({ scheduledAt: v.number(), failedAt: v.number(), reasons: v.array(v.string()) });
export type LaunchFailure = Infer<typeof vLaunchFailure>;

export const vNumberSummary = v.object({ _id: v.id("phoneNumbers"), e164: v.string(), kind: vNumberKind });
export type NumberSummary = Infer<typeof vNumberSummary>;
export const vListSummary = v.object({ _id: v.id("contactLists"), name: v.string() });
export type ListSummary = Infer<typeof vListSummary>;

/** Order of a campaigns tab: last updated first, or (Scheduled tab's table) soonest launch first. */
export const vCampaignOrder = v.union(v.literal("updatedAt"), v.literal("scheduledAt"));
export type CampaignOrder = Infer<typeof vCampaignOrder>;

/** One row of a Campaigns tab: every column of the Active, Scheduled, Draft and Archived tabs. */
export const vCampaignRow = v.object({
  _id: v.id("campaigns"),
  title: v.string(),
  status: vCampaignStatus,
  office: vOfficeSummary,
  number: v.union(vNumberSummary, v.null()),
  list: v.union(vListSummary, v.null()),
  operatedBy: vOperatedBy,
  tags: v.array(v.string()),
  updatedAt: v.number(),
  launchedAt: v.optional(v.number()),
  scheduledAt: v.optional(v.number()),
  timeZone: v.string(),
  archivedAt: v.optional(v.number()),
  archiveReason: v.optional(vArchiveReason),
  needsAttention: v.number(),
  launchFailure: v.optional(vLaunchFailure),
});
export type CampaignRow = Infer<typeof vCampaignRow>;

/** The General tab: every setting as saved, with the names of what it points at. */
export const vCampaignDetail = v.object({
  _id: v.id("campaigns"),
  _creationTime: v.number(),
  status: vCampaignStatus,
  title: v.string(),
  office: vOfficeSummary,
  tags: v.array(v.string()),
  list: v.union(
    v.object({
      _id: v.id("contactLists"),
      name: v.string(),
      status: v.union(v.literal("importing"), v.literal("ready")),
      contactCount: v.number(),
      columns: v.array(v.string()),
    }),
    v.null(),
  ),
  message: v.string(),
  operatedBy: vOperatedBy,
  vaFallback: vVaFallback,
  vaSetReply: v.string(),
  number: v.union(
    v.object({
      _id: v.id("phoneNumbers"),
      e164: v.string(),
      kind: vNumberKind,
      name: v.string(),
      status: v.union(v.literal("active"), v.literal("released")),
    }),
    v.null(),
  ),
  inboxes: v.object({
    users: v.array(v.object({ _id: v.id("users"), name: v.string() })),
    offices: v.array(vOfficeSummary),
  }),
  autoArchiveDays: v.number(),
  timeZone: v.string(),
  scheduledAt: v.optional(v.number()),
  launchedAt: v.optional(v.number()),
  autoArchiveAt: v.optional(v.number()),
  archivedAt: v.optional(v.number()),
  archiveReason: v.optional(vArchiveReason),
  updatedAt: v.number(),
  createdBy: v.union(v.object({ _id: v.id("users"), name: v.string() }), v.null()),
  clonedFrom: v.union(v.object({ _id: v.id("campaigns"), title: v.string() }), v.null()),
  needsAttention: v.number(),
  launchFailure: v.optional(vLaunchFailure),
  /** Whether the viewer may edit, schedule, launch, end, discard or clone it. */
  canWrite: v.boolean(),
});
export type CampaignDetail = Infer<typeof vCampaignDetail>;

/** A scheduled campaign on the calendar. `readable`: the viewer may open it (their office). */
export const vCalendarCampaign = v.object({
  _id: v.id("campaigns"),
  title: v.string(),
  /** So the calendar can apply the tab's tag filter to the month on the client. */
  tags: v.array(v.string()),
  office: vOfficeSummary,
  number: v.union(vNumberSummary, v.null()),
  list: v.union(vListSummary, v.null()),
  scheduledAt: v.number(),
  timeZone: v.string(),
  readable: v.boolean(),
});
export type CalendarCampaign = Infer<typeof vCalendarCampaign>;

/** A month of the Scheduled tab's calendar in one zone: the days that have campaigns. */
export const vCalendarMonth = v.object({
  timeZone: v.string(),
  start: v.number(),
  end: v.number(),
  total: v.number(),
  /** More campaigns are scheduled this month than one read returns; the days hold the first ones. */
  truncated: v.boolean(),
  days: v.array(v.object({ date: v.string(), count: v.number(), campaigns: v.array(vCalendarCampaign) })),
});
export type CalendarMonth = Infer<typeof vCalendarMonth>;

// ---- Phone numbers ----

/**
 * Twilio's kind of US number: local (area code), toll-free (800, 833, …) or a short code (5–6
 * digits, leased through Twilio's short-code program, never bought by search). Sets the default throughput.
 */
export const vNumberType = v.union(v.literal("local"), v.literal("tollFree"), v.literal("shortCode"));
export type NumberType = Infer<typeof vNumberType>;
/** The kinds a number search can buy (short codes aren't sold by area code). */
export const vSearchableType = v.union(v.literal("local"), v.literal("tollFree"));
export type SearchableType = Infer<typeof vSearchableType>;

export const vNumberStatus = v.union(v.literal("active"), v.literal("released"));
export type NumberStatus = Infer<typeof vNumberStatus>;

/** A number Twilio offers for sale, as a search lists it. */
export const vAvailableNumber = v.object({
  phoneNumber: v.string(),
  friendlyName: v.string(),
  locality: v.string(),
  region: v.string(),
  type: vSearchableType,
});
export type AvailableNumber = Infer<typeof vAvailableNumber>;

/** A search result: the number and the throughput it gets by default. */
export const vNumberSearchResult = v.object({ ...vAvailableNumber.fields, messagesPerSecond: v.number() });
export type NumberSearchResult = Infer<typeof vNumberSearchResult>;

export const vCampaignRef = v.object({ _id: v.id("campaigns"), title: v.string() });
export type CampaignRef = Infer<typeof vCampaignRef>;

/** A row of the numbers page and of the wizard's number picker. */
export const vPhoneNumberRow = v.object({
  _id: v.id("phoneNumbers"),
  office: vOfficeSummary,
  e164: v.string(),
  kind: vNumberKind,
  type: vNumberType,
  name: v.string(),
  description: v.string(),
  messagesPerSecond: v.number(),
  status: vNumberStatus,
  /** Reusable numbers: who answers traffic of no active campaign. null for single-use numbers. */
  unsolicited: v.union(vUnsolicitedSettings, v.null()),
  /** The active campaign using the number now, if any. */
  activeCampaign: v.union(vCampaignRef, v.null()),
  /** Single-use numbers: the campaign they were provisioned for. */
  campaign: v.union(vCampaignRef, v.null()),
  provisionedAt: v.number(),
  releasedAt: v.union(v.number(), v.null()),
});
export type PhoneNumberRow = Infer<typeof vPhoneNumberRow>;

/** One number with the names of the inboxes its unsolicited settings route to. */
export const vPhoneNumberDetail = v.object({
  ...vPhoneNumberRow.fields,
  unsolicitedInboxes: v.union(
    v.object({
      users: v.array(v.object({ _id: v.id("users"), name: v.string(), deactivated: v.boolean() })),
      offices: v.array(vOfficeSummary),
    }),
    v.null(),
  ),
});
export type PhoneNumberDetail = Infer<typeof vPhoneNumberDetail>;

// ---- Contact lists (contactLists.ts) ----

export const vListStatus = v.union(v.literal("importing"), v.literal("ready"));
export type ListStatus = Infer<typeof vListStatus>;

/** A list as the Lists page, the wizard and `contactLists.get` show it. */
export const vContactListSummary = v.object({
  _id: v.id("contactLists"),
  _creationTime: v.number(),
  officeId: v.id("offices"),
  name: v.string(),
  tags: v.array(v.string()),
  /** Custom columns, in file order: merge fields, and keys of every entry's `fields`. */
  columns: v.array(v.string()),
  status: vListStatus,
  contactCount: v.number(),
  duplicateCount: v.number(),
  rejectedCount: v.number(),
  importedBatches: v.number(),
  lockedByLaunch: v.boolean(),
  createdBy: v.id("users"),
  updatedAt: v.number(),
});
export type ContactListSummary = Infer<typeof vContactListSummary>;

/** One accepted CSV row as the uploader sends it; `fields` is keyed by the list's column names. */
export const vImportEntry = v.object({
  row: v.number(),
  phone: v.string(),
  firstName: v.string(),
  lastName: v.string(),
  fields: v.record(v.string(), v.string()),
});
export type ImportEntry = Infer<typeof vImportEntry>;

/** A CSV row that was not imported, with the reason in plain words. */
export const vRejectedRow = v.object({ row: v.number(), reason: v.string() });
export type RejectedRowValue = Infer<typeof vRejectedRow>;

/** Where an import stands after a batch: what the uploader resumes from. */
export const vImportProgress = v.object({
  importedBatches: v.number(),
  contactCount: v.number(),
  duplicateCount: v.number(),
});
export type ImportProgress = Infer<typeof vImportProgress>;

/** One contact of a list as the Contacts tab shows it. `row` is 0 for contacts added by hand. */
export const vListEntryRow = v.object({
  _id: v.id("listEntries"),
  _creationTime: v.number(),
  contactId: v.id("contacts"),
  phone: v.string(),
  firstName: v.string(),
  lastName: v.string(),
  fields: v.record(v.string(), v.string()),
  row: v.number(),
  optedOut: v.boolean(),
});
export type ListEntryRow = Infer<typeof vListEntryRow>;

// ---- Messaging: conversations and messages ----

/** Where a conversation shows in a campaign's Activity: derived from needsAttention and operatedBy. */
export const vSection = v.union(v.literal("needsAttention"), v.literal("agent"), v.literal("va"));
export type Section = Infer<typeof vSection>;

export const vDirection = v.union(v.literal("inbound"), v.literal("outbound"));
export type Direction = Infer<typeof vDirection>;

/** Who wrote a message: the contact, the campaign's fan-out, an agent, the Virtual Assistant, or Parley (HELP, opt-out confirmations). */
export const vAuthor = v.union(
  v.literal("contact"),
  v.literal("campaign"),
  v.literal("agent"),
  v.literal("va"),
  v.literal("system"),
);
export type Author = Infer<typeof vAuthor>;

/**
 * A message's delivery state. Outbound: pending (waiting its turn: pacing, quiet hours) →
 * sending (handed to Twilio) → queued/sent → delivered, or retrying (transient error, will try
 * again), undelivered/failed (final, with a reason), canceled (never sent: opt-out, campaign
 * ended). Inbound: received.
 */
export const vMessageStatus = v.union(
  v.literal("pending"),
  v.literal("sending"),
  v.literal("retrying"),
  v.literal("queued"),
  v.literal("sent"),
  v.literal("delivered"),
  v.literal("undelivered"),
  v.literal("failed"),
  v.literal("canceled"),
  v.literal("received"),
);
export type MessageStatus = Infer<typeof vMessageStatus>;

// ---- Conversations, inboxes and contacts (conversations.ts, inbox.ts, contacts.ts) ----

/** The number a conversation texts from, as rows show it. */
export const vConversationNumber = v.object({ _id: v.id("phoneNumbers"), e164: v.string(), name: v.string() });
export type ConversationNumber = Infer<typeof vConversationNumber>;

/** A conversation in a list: a campaign's Activity section, or an inbox. */
export const vConversationRow = v.object({
  _id: v.id("conversations"),
  officeId: v.id("offices"),
  campaign: v.union(vCampaignRef, v.null()),
  number: v.union(vConversationNumber, v.null()),
  contactId: v.id("contacts"),
  phone: v.string(),
  firstName: v.string(),
  lastName: v.string(),
  operatedBy: vOperatedBy,
  needsAttention: v.boolean(),
  section: vSection,
  tags: v.array(v.string()),
  closed: v.boolean(),
  optedOut: v.boolean(),
  lastMessageAt: v.number(),
  lastMessagePreview: v.string(),
  lastDirection: vDirection,
  /** The delivery status of the newest message (the selection panel's icon), and why it failed. */
  lastMessageStatus: v.union(vMessageStatus, v.null()),
  lastErrorReason: v.union(v.string(), v.null()),
});
export type ConversationRow = Infer<typeof vConversationRow>;

export const vOptedOutVia = v.union(v.literal("keyword"), v.literal("agent"), v.literal("carrier"));

/** A contact as the Contacts tab and a conversation show it. */
export const vContactDetail = v.object({
  _id: v.id("contacts"),
  phone: v.string(),
  optedOut: v.boolean(),
  optedOutAt: v.union(v.number(), v.null()),
  optedOutVia: v.union(vOptedOutVia, v.null()),
});
export type ContactDetail = Infer<typeof vContactDetail>;

/** One conversation opened: its row, who it is routed to, the contact, and what the viewer may do. */
export const vConversationDetail = v.object({
  ...vConversationRow.fields,
  inboxes: v.object({
    users: v.array(v.object({ _id: v.id("users"), name: v.string() })),
    offices: v.array(vOfficeSummary),
  }),
  contact: vContactDetail,
  /** Why the viewer can't reply here (closed, opted out, read-only office, released number), or null. */
  replyBlocked: v.union(v.string(), v.null()),
  /** The viewer may switch VA/agent, toggle needs attention and tag (a member of the office). */
  canManage: v.boolean(),
  /** The viewer may opt the contact out by hand / lift an opt-out. */
  canOptOut: v.boolean(),
  canLiftOptOut: v.boolean(),
  /** The contact's other conversations on the same number (earlier campaigns, the standing one), newest first. */
  related: v.array(
    v.object({ _id: v.id("conversations"), campaign: v.union(vCampaignRef, v.null()), lastMessageAt: v.number() }),
  ),
});
export type ConversationDetail = Infer<typeof vConversationDetail>;

/** A message of a thread, with its delivery status and (agents) the author's name. */
export const vThreadMessage = v.object({
  _id: v.id("messages"),
  _creationTime: v.number(),
  direction: vDirection,
  author: vAuthor,
  authorName: v.union(v.string(), v.null()),
  body: v.string(),
  segments: v.number(),
  status: vMessageStatus,
  errorCode: v.union(v.number(), v.null()),
  errorReason: v.union(v.string(), v.null()),
  sentAt: v.union(v.number(), v.null()),
  deliveredAt: v.union(v.number(), v.null()),
});
export type ThreadMessage = Infer<typeof vThreadMessage>;

/** How many of a campaign's conversations are in each Activity section (empty sections are hidden). */
export const vSectionCounts = v.object({ needsAttention: v.number(), agent: v.number(), va: v.number() });
export type SectionCounts = Infer<typeof vSectionCounts>;

/** The navigation badge: the exact count up to 99, then `more` and the label "99+". */
export const vInboxBadge = v.object({ count: v.number(), more: v.boolean(), label: v.string() });
export type InboxBadge = Infer<typeof vInboxBadge>;

/**
 * Where a person acts on a contact (contacts are organization-wide; the office is the
 * conversation's or the campaign's): an open conversation, or a campaign's Contacts tab.
 */
export const vContactContext = v.union(
  v.object({ conversationId: v.id("conversations") }),
  v.object({ campaignId: v.id("campaigns") }),
);
export type ContactContext = Infer<typeof vContactContext>;

/** A campaign's contact on the Contacts tab: opt-out, and the campaign's text exactly as sent with its status. */
export const vContactCampaignStatus = v.object({
  contactId: v.id("contacts"),
  optedOut: v.boolean(),
  optedOutVia: v.union(vOptedOutVia, v.null()),
  conversationId: v.union(v.id("conversations"), v.null()),
  message: v.union(
    v.object({
      _id: v.id("messages"),
      body: v.string(),
      status: vMessageStatus,
      attempts: v.number(),
      errorCode: v.union(v.number(), v.null()),
      errorReason: v.union(v.string(), v.null()),
      sentAt: v.union(v.number(), v.null()),
      deliveredAt: v.union(v.number(), v.null()),
    }),
    v.null(),
  ),
});
export type ContactCampaignStatus = Infer<typeof vContactCampaignStatus>;

// ---- Sending (internal: the sender's tick, its claim and record steps) ----

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

// ---- the Virtual Assistant's knowledge base ----

/** An entry as the Knowledge base page shows it. */
export const vKnowledgeEntry = v.object({
  _id: v.id("knowledgeEntries"),
  officeId: v.id("offices"),
  question: v.string(),
  answer: v.string(),
  alternates: v.array(v.string()),
  keywords: v.array(v.string()),
  externalId: v.optional(v.string()),
  updatedAt: v.number(),
});
export type KnowledgeEntry = Infer<typeof vKnowledgeEntry>;

/** The fields a person edits. */
export const vKnowledgeFields = {
  question: v.string(),
  answer: v.string(),
  alternates: v.array(v.string()),
  keywords: v.array(v.string()),
};

/** One CSV row as read by the page (cells as in the file), with its spreadsheet row number. */
export const vKnowledgeCsvRow = v.object({
  row: v.number(),
  id: v.string(),
  question: v.string(),
  answer: v.string(),
  alternates: v.string(),
  keywords: v.string(),
});

export const vKnowledgeImportResult = v.object({
  created: v.number(),
  updated: v.number(),
  unchanged: v.number(),
  /** Rows that can't be imported; when any, nothing of this call was written. */
  errors: v.array(v.object({ row: v.number(), reason: v.string() })),
});
export type KnowledgeImportResult = Infer<typeof vKnowledgeImportResult>;

/** An entry in the file format: id,question,answer,alternates,keywords. */
export const vKnowledgeExportRow = v.object({
  id: v.string(),
  question: v.string(),
  answer: v.string(),
  alternates: v.array(v.string()),
  keywords: v.array(v.string()),
});

/** What the assistant would do with a message ("Try it"). */
export const vKnowledgeTryResult = v.object({
  yesNo: v.union(v.literal("yes"), v.literal("no"), v.literal("other")),
  result: v.union(
    v.object({
      kind: v.literal("answer"),
      entryId: v.id("knowledgeEntries"),
      question: v.string(),
      answer: v.string(),
      confidence: v.number(),
    }),
    v.object({
      kind: v.literal("unknown"),
      reason: v.string(),
      closest: v.optional(
        v.object({ entryId: v.id("knowledgeEntries"), question: v.string(), confidence: v.number() }),
      ),
    }),
  ),
});
export type KnowledgeTryResult = Infer<typeof vKnowledgeTryResult>;

/** The assistant's answer to a message from a knowledge base: the entry's answer, or why it doesn't know. */
export const vKnowledgeAnswer = v.union(
  v.object({ kind: v.literal("answer"), text: v.string(), entryId: v.id("knowledgeEntries") }),
  v.object({ kind: v.literal("unknown"), reason: v.string() }),
);
export type KnowledgeAnswer = Infer<typeof vKnowledgeAnswer>;

// ---- Analytics (analytics.ts; what each figure counts: README "Analytics") ----

/** The counters kept per campaign (summed over its `campaignStats` shards). */
export const vCampaignCounts = v.object({
  /** The campaign's own texts by where they are: waiting to go (pending, sending, retrying)… */
  waiting: v.number(),
  /** …taken by Twilio (queued), sent or delivered, undelivered or failed, canceled (never sent). */
  queued: v.number(),
  succeeded: v.number(),
  failed: v.number(),
  canceled: v.number(),
  /** Contacts whose first non-keyword reply came in; contacts who opted out in the campaign. */
  responded: v.number(),
  optedOut: v.number(),
  /** Texts by author in the campaign's conversations: contacts (inbound), agents, the VA. */
  contactResponses: v.number(),
  agentResponses: v.number(),
  chatbotResponses: v.number(),
});
export type CampaignCounts = Infer<typeof vCampaignCounts>;

export const vActivityUnit = v.union(v.literal("hour"), v.literal("day"), v.literal("month"), v.literal("year"));

/** The campaign's Analytics tab: send status, engagement, responses. */
export const vCampaignAnalytics = v.object({
  sendStatus: v.object({
    total: v.number(),
    succeeded: v.number(),
    failed: v.number(),
    /** Still with Parley (waiting its turn or a retry) / canceled before it went. */
    waiting: v.number(),
    canceled: v.number(),
  }),
  engagement: v.object({
    messaged: v.number(),
    responded: v.number(),
    optedOut: v.number(),
    /** responded ÷ messaged, null before anyone was messaged. */
    rate: v.union(v.number(), v.null()),
  }),
  responses: v.object({
    contact: v.number(),
    agent: v.number(),
    chatbot: v.number(),
    /** Median agent response time in ms, null before the first agent reply to a waiting contact. */
    medianAgentResponseMs: v.union(v.number(), v.null()),
    agentResponseSamples: v.number(),
  }),
});
export type CampaignAnalytics = Infer<typeof vCampaignAnalytics>;

/** Contact Message Activity: contact texts per bucket, from launch to the end of the range. */
export const vCampaignActivity = v.object({
  unit: vActivityUnit,
  timeZone: v.string(),
  buckets: v.array(v.object({ start: v.number(), count: v.number() })),
});
export type CampaignActivity = Infer<typeof vCampaignActivity>;

/** One active campaign on the supervisor dashboard. */
export const vDashboardRow = v.object({
  campaignId: v.id("campaigns"),
  title: v.string(),
  officeName: v.string(),
  launchedAt: v.union(v.number(), v.null()),
  needsAttention: v.number(),
  messaged: v.number(),
  responded: v.number(),
  engagementRate: v.union(v.number(), v.null()),
  totalSent: v.number(),
  failed: v.number(),
  agentResponsesLastHour: v.number(),
});
export type DashboardRow = Infer<typeof vDashboardRow>;
