/** Choices that contact lists, numbers and campaigns share: statuses, kinds, who works a conversation, inboxes. */
import { v, type Infer } from "convex/values";

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
