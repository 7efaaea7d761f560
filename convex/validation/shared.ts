/**
 * The values documents store: statuses, kinds, who works a conversation, inboxes, counters. The
 * tables (`tables/`) import them from here and nothing else of `validation/`, so the other
 * validation modules can derive their shapes from the tables' fields without an import cycle.
 */
import { literals } from "convex-helpers/validators";
import { v, type Infer } from "convex/values";

// ---- Organization ----

export const vRole = literals("admin", "standard", "limited");
export type Role = Infer<typeof vRole>;

/** When campaign sends are held, in the recipient's local time ("HH:MM"). */
export const vQuietHours = v.object({ start: v.string(), end: v.string() });

// ---- Campaigns, contact lists and numbers ----

export const vCampaignStatus = literals("draft", "scheduled", "active", "archived");
export type CampaignStatus = Infer<typeof vCampaignStatus>;

/** Who works a conversation: a human agent or the Virtual Assistant. */
export const vOperatedBy = literals("agent", "va");
export type OperatedBy = Infer<typeof vOperatedBy>;

/** What the Virtual Assistant does when it cannot answer. */
export const vVaFallback = literals("setReply", "escalate");
export type VaFallback = Infer<typeof vVaFallback>;

export const vNumberKind = literals("reusable", "singleUse");
export type NumberKind = Infer<typeof vNumberKind>;

export const vNumberStatus = literals("active", "released");
export type NumberStatus = Infer<typeof vNumberStatus>;

export const vListStatus = literals("importing", "ready");
export type ListStatus = Infer<typeof vListStatus>;

/** Inboxes that receive conversations: personal inboxes of users and office inboxes. */
export const vInboxes = v.object({ userIds: v.array(v.id("users")), officeIds: v.array(v.id("offices")) });
export type Inboxes = Infer<typeof vInboxes>;

/** A reusable number's rule for traffic that belongs to no active campaign. */
export const vUnsolicitedSettings = v.object({ handledBy: vOperatedBy, inboxes: vInboxes });
export type UnsolicitedSettings = Infer<typeof vUnsolicitedSettings>;

/** How a campaign ended: by a person (End / Stop and Archive), by its auto-archive, or a discarded draft. */
export const vArchiveReason = literals("ended", "autoArchived", "discarded");
export type ArchiveReason = Infer<typeof vArchiveReason>;

/** Why a scheduled launch didn't happen: the campaign went back to draft with these reasons. */
export const vLaunchFailure = v.object({ scheduledAt: v.number(), failedAt: v.number(), reasons: v.array(v.string()) });
export type LaunchFailure = Infer<typeof vLaunchFailure>;

// ---- Messaging ----

/** Where a conversation shows in a campaign's Activity: derived from needsAttention and operatedBy. */
export const vSection = literals("needsAttention", "agent", "va");
export type Section = Infer<typeof vSection>;

export const vDirection = literals("inbound", "outbound");
export type Direction = Infer<typeof vDirection>;

/** Who wrote a message: the contact, the campaign's fan-out, an agent, the Virtual Assistant, or Parley (HELP, opt-out confirmations). */
export const vAuthor = literals("contact", "campaign", "agent", "va", "system");
export type Author = Infer<typeof vAuthor>;

/**
 * A message's delivery state. Outbound: pending (waiting its turn: pacing, quiet hours) →
 * sending (handed to Twilio) → queued/sent → delivered, or retrying (transient error, will try
 * again), undelivered/failed (final, with a reason), canceled (never sent: opt-out, campaign
 * ended). Inbound: received.
 */
export const vMessageStatus = literals(
  "pending",
  "sending",
  "retrying",
  "queued",
  "sent",
  "delivered",
  "undelivered",
  "failed",
  "canceled",
  "received",
);
export type MessageStatus = Infer<typeof vMessageStatus>;

export const vOptedOutVia = literals("keyword", "agent", "carrier");

// ---- Analytics (what each figure counts: README "Analytics") ----

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

export const vActivityUnit = literals("hour", "day", "month", "year");

/** A count over a span of time starting at `start` (ms): a chart's bucket, a rate's window. */
export const vCountBucket = v.object({ start: v.number(), count: v.number() });
