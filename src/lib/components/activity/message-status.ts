/**
 * How a message's delivery status shows (the user guide's icons): sent or delivered — a green
 * check; pending (waiting, handed to Twilio, queued, retrying) — a blue circle arrow; undelivered
 * or failed — a red circle, with the reason; canceled — never sent. Inbound messages have none.
 */
import type { MessageStatus } from "$convex/validators";

export type StatusKind = "sent" | "pending" | "failed" | "canceled" | "received";

export function statusKind(status: MessageStatus): StatusKind {
  switch (status) {
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
  sending: "Sending",
  queued: "Sent to Twilio, not accepted yet",
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
