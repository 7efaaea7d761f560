/**
 * The Contacts tab's "Delivered" column: one state per contact, from the campaign's text to them
 * (`contacts.campaignStatus`) and the contact's opt-out.
 *
 * It refines the Activity tab's `statusKind` (`activity/message-status.ts`), so both tabs agree on
 * what Twilio has accepted. Mapping (message status → state shown):
 *   delivered                    → "delivered"  green circle check   (the carrier confirmed delivery)
 *   queued, sent                 → "sent"       green check          (Twilio accepted it; no delivery report yet)
 *   sending                      → "sending"    blue circle arrow    (handed to Twilio, not accepted yet)
 *   pending                      → "pending"    blue circle arrow    (waiting its turn: pacing or quiet hours)
 *   retrying                     → "retrying"   yellow clock         (the first attempt failed; Parley tries again)
 *   undelivered, failed          → "failed"     red flag             (final; the reason is in Failed Reason)
 *   canceled, contact opted out  → "opted-out"  grey crossed circle  (never sent: the contact opted out)
 *   canceled, otherwise          → "canceled"   grey crossed circle  (never sent: the campaign ended first)
 *   received (never for a campaign's own text) → "sent"
 *   no text, contact opted out   → "opted-out"  (the fan-out skips opted-out contacts)
 *   no text, otherwise           → "not-sent"   grey dash            (not launched yet, or the fan-out hasn't reached them)
 * A contact who opted out after their text was delivered stays "delivered": that text did arrive.
 */
import type { ContactCampaignStatus, MessageStatus } from "$convex/validators";
import { statusKind } from "$lib/components/activity/message-status";

export type DeliveryState =
  "delivered" | "sent" | "sending" | "pending" | "retrying" | "failed" | "canceled" | "opted-out" | "not-sent";

function byStatus(status: MessageStatus): DeliveryState {
  const kind = statusKind(status);
  if (kind === "sent" || kind === "received") return status === "delivered" ? "delivered" : "sent";
  if (kind === "pending") return status === "pending" || status === "sending" ? status : "retrying";
  return kind;
}

export const DELIVERY_LABELS: Record<DeliveryState, string> = {
  delivered: "Delivered",
  sent: "Sent: accepted by Twilio, waiting for the delivery report",
  sending: "Sent to Twilio, not accepted yet",
  pending: "Waiting to send",
  retrying: "Retrying: the first attempt didn't go through",
  failed: "Not delivered",
  canceled: "Canceled: never sent",
  "opted-out": "Opted out: not sent",
  "not-sent": "Not sent yet",
};

export function deliveryState(status: Pick<ContactCampaignStatus, "optedOut" | "message">): DeliveryState {
  const message = status.message;
  if (message === null) return status.optedOut ? "opted-out" : "not-sent";
  const state = byStatus(message.status);
  return state === "canceled" && status.optedOut ? "opted-out" : state;
}

/** The Failed Reason column: why it failed, or why it is being retried; empty otherwise. */
export function failedReason(status: Pick<ContactCampaignStatus, "message">): string {
  const message = status.message;
  if (message === null) return "";
  const state = byStatus(message.status);
  const reason = message.errorReason ?? (message.errorCode === null ? "" : `Error ${message.errorCode}`);
  if (state === "failed") return reason || "The carrier gave no reason.";
  if (state === "retrying") return reason ? `${reason} (attempt ${message.attempts})` : `Attempt ${message.attempts}`;
  if (state === "canceled") return reason;
  return "";
}
