/** Messaging: conversations, inboxes, messages and contacts (conversations.ts, inbox.ts, contacts.ts). */
import { pick } from "convex-helpers";
import { systemFields } from "convex-helpers/validators";
import { v, type Infer } from "convex/values";
import { contactFields } from "../tables/contacts";
import { conversationFields, messageFields } from "../tables/conversations";
import { phoneNumberFields } from "../tables/numbers";
import { vCampaignRef } from "./campaigns";
import { vInboxNames } from "./organization";
import { vMessageStatus, vOptedOutVia } from "./shared";

/** The number a conversation texts from, as rows show it. */
export const vConversationNumber = v.object({
  _id: v.id("phoneNumbers"),
  ...pick(phoneNumberFields, ["e164", "name"]),
});
export type ConversationNumber = Infer<typeof vConversationNumber>;

/** A conversation in a list: a campaign's Activity section, or an inbox. */
export const vConversationRow = v.object({
  _id: v.id("conversations"),
  ...pick(conversationFields, [
    "officeId",
    "contactId",
    "phone",
    "firstName",
    "lastName",
    "operatedBy",
    "needsAttention",
    "section",
    "tags",
    "closed",
    "lastMessageAt",
    "lastMessagePreview",
    "lastDirection",
  ]),
  campaign: v.nullable(vCampaignRef),
  number: v.nullable(vConversationNumber),
  optedOut: v.boolean(),
  /** The delivery status of the newest message (the selection panel's icon), and why it failed. */
  lastMessageStatus: v.nullable(vMessageStatus),
  lastErrorReason: v.nullable(v.string()),
});
export type ConversationRow = Infer<typeof vConversationRow>;

/** A contact as the Contacts tab and a conversation show it. */
export const vContactDetail = v.object({
  _id: v.id("contacts"),
  ...pick(contactFields, ["phone", "optedOut"]),
  optedOutAt: v.nullable(v.number()),
  optedOutVia: v.nullable(vOptedOutVia),
});
export type ContactDetail = Infer<typeof vContactDetail>;

/** One conversation opened: its row, who it is routed to, the contact, and what the viewer may do. */
export const vConversationDetail = v.object({
  ...vConversationRow.fields,
  inboxes: vInboxNames,
  contact: vContactDetail,
  /** Why the viewer can't reply here (closed, opted out, read-only office, released number), or null. */
  replyBlocked: v.nullable(v.string()),
  /** The viewer may switch VA/agent, toggle needs attention and tag (a member of the office). */
  canManage: v.boolean(),
  /** The viewer may opt the contact out by hand / lift an opt-out. */
  canOptOut: v.boolean(),
  canLiftOptOut: v.boolean(),
  /** The contact's other conversations on the same number (earlier campaigns, the standing one), newest first. */
  related: v.array(
    v.object({
      _id: v.id("conversations"),
      campaign: v.nullable(vCampaignRef),
      ...pick(conversationFields, ["lastMessageAt"]),
    }),
  ),
});
export type ConversationDetail = Infer<typeof vConversationDetail>;

/** A message's failure and delivery as the UI shows them: the document's optional fields, null when absent. */
const messageOutcome = {
  errorCode: v.nullable(v.number()),
  errorReason: v.nullable(v.string()),
  sentAt: v.nullable(v.number()),
  deliveredAt: v.nullable(v.number()),
};

/** A message of a thread, with its delivery status and (agents) the author's name. */
export const vThreadMessage = v.object({
  ...systemFields("messages"),
  ...pick(messageFields, ["direction", "author", "body", "segments", "status"]),
  authorName: v.nullable(v.string()),
  ...messageOutcome,
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
  optedOutVia: v.nullable(vOptedOutVia),
  conversationId: v.nullable(v.id("conversations")),
  message: v.nullable(
    v.object({ _id: v.id("messages"), ...pick(messageFields, ["body", "status", "attempts"]), ...messageOutcome }),
  ),
});
export type ContactCampaignStatus = Infer<typeof vContactCampaignStatus>;
