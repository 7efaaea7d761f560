/** The phone numbers table: each office's Twilio numbers. */
import { defineTable } from "convex/server";
import { v } from "convex/values";
import { vNumberKind, vNumberStatus, vUnsolicitedSettings } from "../validation/shared";

export const phoneNumberFields = {
  officeId: v.id("offices"),
  e164: v.string(),
  kind: vNumberKind,
  name: v.string(),
  description: v.string(),
  /** Sending throughput, messages (segments) per second. */
  messagesPerSecond: v.number(),
  twilioSid: v.string(),
  status: vNumberStatus,
  /** Reusable numbers only: who answers traffic that belongs to no active campaign. */
  unsolicited: v.optional(vUnsolicitedSettings),
  /** The campaign currently using the number (at most one active per reusable number). */
  activeCampaignId: v.optional(v.id("campaigns")),
  /** Single-use numbers: the campaign they were provisioned for. */
  campaignId: v.optional(v.id("campaigns")),
  provisionedAt: v.number(),
  releasedAt: v.optional(v.number()),
};

export const numberTables = {
  // Writes: admins provisioning/releasing (through Twilio), campaign launch/end (activeCampaignId).
  // Reads: the numbers page, the wizard, inbound routing, sends (throughput).
  phoneNumbers: defineTable(phoneNumberFields)
    .index("by_officeId_and_kind_and_status", ["officeId", "kind", "status"])
    .index("by_e164_and_status", ["e164", "status"]),
};
