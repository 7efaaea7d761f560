import { describe, expect, test } from "vitest";
import type { ContactCampaignStatus, MessageStatus } from "$convex/validators";
import { statusKind } from "$lib/components/activity/message-status";
import { deliveryState, failedReason } from "./delivery-status";

function withMessage(
  status: MessageStatus,
  extra: Partial<NonNullable<ContactCampaignStatus["message"]>> = {},
  optedOut = false,
): Pick<ContactCampaignStatus, "optedOut" | "message"> {
  return {
    optedOut,
    message: {
      _id: "m" as never,
      body: "Hi",
      status,
      attempts: 1,
      errorCode: null,
      errorReason: null,
      sentAt: null,
      deliveredAt: null,
      ...extra,
    },
  };
}

describe("the Delivered column", () => {
  test("the guide's three icons: delivered, retrying, not delivered", () => {
    expect(deliveryState(withMessage("delivered"))).toBe("delivered");
    expect(deliveryState(withMessage("retrying"))).toBe("retrying");
    expect(deliveryState(withMessage("undelivered"))).toBe("failed");
    expect(deliveryState(withMessage("failed"))).toBe("failed");
  });

  test("agrees with the Activity tab: accepted by Twilio (queued) is sent, not pending", () => {
    for (const status of ["queued", "sent", "delivered"] as const) {
      expect(statusKind(status)).toBe("sent");
      expect(["sent", "delivered"]).toContain(deliveryState(withMessage(status)));
    }
    for (const status of ["pending", "sending", "retrying"] as const) {
      expect(statusKind(status)).toBe("pending");
      expect(["pending", "sending", "retrying"]).toContain(deliveryState(withMessage(status)));
    }
  });

  test("on the way: pending, sending, accepted by Twilio", () => {
    expect(deliveryState(withMessage("pending"))).toBe("pending");
    expect(deliveryState(withMessage("sending"))).toBe("sending");
    expect(deliveryState(withMessage("queued"))).toBe("sent");
    expect(deliveryState(withMessage("sent"))).toBe("sent");
  });

  test("never sent: canceled, opted out, not reached yet", () => {
    expect(deliveryState(withMessage("canceled"))).toBe("canceled");
    expect(deliveryState(withMessage("canceled", {}, true))).toBe("opted-out");
    expect(deliveryState({ optedOut: true, message: null })).toBe("opted-out");
    expect(deliveryState({ optedOut: false, message: null })).toBe("not-sent");
  });

  test("opting out after delivery doesn't undo the delivery", () => {
    expect(deliveryState(withMessage("delivered", {}, true))).toBe("delivered");
  });

  test("failed reason: the carrier's reason, or the retry with its attempt", () => {
    const landline = { errorCode: 30006, errorReason: "Landline or unreachable carrier" };
    expect(failedReason(withMessage("undelivered", landline))).toBe("Landline or unreachable carrier");
    expect(failedReason(withMessage("failed", { errorCode: 30008 }))).toBe("Error 30008");
    expect(failedReason(withMessage("retrying", { errorReason: "Unreachable", attempts: 2 }))).toBe(
      "Unreachable (attempt 2)",
    );
    expect(failedReason(withMessage("delivered"))).toBe("");
    expect(failedReason({ message: null })).toBe("");
  });
});
