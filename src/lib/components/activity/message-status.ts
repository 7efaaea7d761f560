/**
 * How a message's delivery status shows (the user guide's icons), on the Activity tab and — refined
 * by `delivery-status.ts` — on the Contacts tab, so the two tabs never disagree:
 *   queued, sent, delivered  → "sent"     green check        (Twilio accepted it: "sent and received by Twilio")
 *   pending, sending, retrying → "pending" blue circle arrow (not accepted by Twilio yet)
 *   undelivered, failed      → "failed"   red                (with the reason)
 *   canceled                 → "canceled" grey               (never sent)
 *   received                 → "received" no icon            (inbound)
 * Twilio answers a create with `queued` (or `accepted`, which Parley stores as `queued`): it has the
 * message, so it counts as sent here, not pending.
 */
import type { MessageStatus } from "$convex/validators";

export type StatusKind = "sent" | "pending" | "failed" | "canceled" | "received";

export function statusKind(status: MessageStatus): StatusKind {
  switch (status) {
    case "queued":
    case "sent":
    case "delivered":
      return "sent";
    case "undelivered":
    case "failed":
      return "failed";
    case "canceled":
      return "canceled";
    case "received":
      return "received";
    default:
      return "pending";
  }
}

const LABELS: Record<MessageStatus, string> = {
  pending: "Waiting to send",
  sending: "Sent to Twilio, not accepted yet",
  queued: "Sent: accepted by Twilio",
  retrying: "Retrying",
  sent: "Sent",
  delivered: "Delivered",
  undelivered: "Undelivered",
  failed: "Failed",
  canceled: "Not sent",
  received: "Received",
};

/** The words for the icon: what the status means and, for failures and retries, why. */
export function statusLabel(status: MessageStatus, reason: string | null): string {
  const label = LABELS[status];
  if (reason && (status === "undelivered" || status === "failed" || status === "retrying" || status === "canceled"))
    return `${label}: ${reason}`;
  return label;
}
