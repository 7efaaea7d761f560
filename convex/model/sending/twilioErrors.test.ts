import { describe, expect, test } from "vitest";
import { retryDelayMs } from "./messageStatus";
import { classifySendError, errorReason, isResendable } from "./twilioErrors";

const rest = (status: number, code?: number) => Object.assign(new Error("x"), { status, code });
const net = (code: string) => Object.assign(new Error(code), { code });

describe("classifySendError", () => {
  test("429 and never-sent network errors retry; 5xx, timeouts and resets retry after a lookup", () => {
    expect(classifySendError(rest(429, 20429))).toMatchObject({ kind: "transient", ambiguous: false, code: 20429 });
    expect(classifySendError(rest(500, 20500))).toMatchObject({ kind: "transient", ambiguous: true });
    expect(classifySendError(rest(503))).toMatchObject({ kind: "transient", ambiguous: true });
    expect(classifySendError(net("ECONNREFUSED"))).toMatchObject({ kind: "transient", ambiguous: false });
    expect(classifySendError(net("ECONNRESET"))).toMatchObject({ kind: "transient", ambiguous: true });
    expect(classifySendError(net("ECONNABORTED"))).toMatchObject({ kind: "transient", ambiguous: true });
    expect(classifySendError(new Error("socket hang up"))).toMatchObject({ kind: "transient", ambiguous: true });
  });

  test("4xx are final with the carrier's reason in words; a full queue is sent again later", () => {
    expect(classifySendError(rest(400, 21211))).toEqual({ kind: "final", code: 21211, reason: "Invalid phone number" });
    expect(classifySendError(rest(400, 21614)).kind).toBe("final");
    expect(classifySendError(rest(400, 21610))).toMatchObject({ kind: "final", code: 21610 });
    expect(classifySendError(rest(401, 20003)).reason).toMatch(/credentials/);
    expect(classifySendError(rest(400, 21611))).toMatchObject({ kind: "transient", ambiguous: false });
    expect(classifySendError(rest(400, 99999)).reason).toBe("Twilio error 99999: x");
  });

  test("carrier codes", () => {
    expect(errorReason(30003)).toMatch(/Unreachable/);
    expect(errorReason(30005)).toMatch(/Unknown number/);
    expect(errorReason(30006)).toMatch(/Landline/);
    expect(errorReason(30007)).toMatch(/spam/);
    expect(errorReason(30008)).toMatch(/unknown error/);
    expect(isResendable(30003)).toBe(true);
    expect(isResendable(30006)).toBe(false);
  });

  test("backoff doubles from a second to a minute, with jitter in the upper half", () => {
    expect(retryDelayMs(1, 0)).toBe(500);
    expect(retryDelayMs(1, 1)).toBe(1000);
    expect(retryDelayMs(3, 0.5)).toBe(3000);
    expect(retryDelayMs(12, 1)).toBe(60_000);
  });
});
