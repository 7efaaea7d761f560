/** Phone numbers: Twilio's kinds, searches, and the numbers page's rows. */
import { pick } from "convex-helpers";
import { literals } from "convex-helpers/validators";
import { v, type Infer } from "convex/values";
import { phoneNumberFields } from "../tables/numbers";
import { vCampaignRef } from "./campaigns";
import { vOfficeSummary, vUserSummary } from "./organization";
import { vUnsolicitedSettings } from "./shared";

/**
 * Twilio's kind of US number: local (area code), toll-free (800, 833, …) or a short code (5–6
 * digits, leased through Twilio's short-code program, never bought by search). Sets the default throughput.
 */
export const vNumberType = literals("local", "tollFree", "shortCode");
export type NumberType = Infer<typeof vNumberType>;
/** The kinds a number search can buy (short codes aren't sold by area code). */
export const vSearchableType = literals("local", "tollFree");
export type SearchableType = Infer<typeof vSearchableType>;

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

/** A row of the numbers page and of the wizard's number picker. */
export const vPhoneNumberRow = v.object({
  _id: v.id("phoneNumbers"),
  ...pick(phoneNumberFields, ["e164", "kind", "name", "description", "messagesPerSecond", "status", "provisionedAt"]),
  office: vOfficeSummary,
  type: vNumberType,
  /** Reusable numbers: who answers traffic of no active campaign. null for single-use numbers. */
  unsolicited: v.nullable(vUnsolicitedSettings),
  /** The active campaign using the number now, if any. */
  activeCampaign: v.nullable(vCampaignRef),
  /** Single-use numbers: the campaign they were provisioned for. */
  campaign: v.nullable(vCampaignRef),
  releasedAt: v.nullable(v.number()),
});
export type PhoneNumberRow = Infer<typeof vPhoneNumberRow>;

/** One number with the names of the inboxes its unsolicited settings route to. */
export const vPhoneNumberDetail = v.object({
  ...vPhoneNumberRow.fields,
  unsolicitedInboxes: v.nullable(
    v.object({
      users: v.array(v.object({ ...vUserSummary.fields, deactivated: v.boolean() })),
      offices: v.array(vOfficeSummary),
    }),
  ),
});
export type PhoneNumberDetail = Infer<typeof vPhoneNumberDetail>;
