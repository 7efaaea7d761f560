/** Messaging: messages, conversations, inboxes and contacts (conversations.ts, inbox.ts, contacts.ts). */
import { v, type Infer } from "convex/values";
import { vCampaignRef } from "./numbers";
import { vOfficeSummary } from "./organization";
import { vOperatedBy } from "./shared";

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
