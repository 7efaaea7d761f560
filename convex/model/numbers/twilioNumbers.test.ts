/** The SDK-backed TwilioNumbers: what it asks the SDK, its retries, and the sentences for Twilio's errors. */
import { describe, expect, test, vi } from "vitest";
import { errorCode, errorMessage } from "../shared/errors";
import { twilioFailure, twilioNumbersOver, withRetry, type NumbersSdk, type RetryPolicy } from "./twilioNumbers";

const rest = (status: number, code?: number, message?: string) =>
  Object.assign(new Error(message ?? `[HTTP ${status}]`), { status, code });

function fakeSdk() {
  const list = vi.fn(async () => [
    { phoneNumber: "+16175550123", friendlyName: "(617) 555-0123", locality: "Boston", region: "MA" },
    { phoneNumber: "+16175550124", friendlyName: "(617) 555-0124", locality: null, region: null },
  ]);
  const create = vi.fn(async (params: { phoneNumber: string }) => ({
    sid: `PN${"1".repeat(32)}`,
    phoneNumber: params.phoneNumber,
  }));
  const remove = vi.fn(async () => true);
  const incoming = Object.assign(
    vi.fn(() => ({ remove })),
    { create },
  );
  const country = vi.fn(() => ({ local: { list }, tollFree: { list } }));
  const sdk: NumbersSdk = { availablePhoneNumbers: country, incomingPhoneNumbers: incoming };
  return { sdk, list, create, remove, incoming, country };
}

function noWait(): RetryPolicy & { waits: number[] } {
  const waits: number[] = [];
  return { delaysMs: [500, 1_000, 2_000], sleep: async (ms) => void waits.push(ms), waits };
}

describe("twilioNumbersOver", () => {
  test("searches SMS-capable US numbers in the area code", async () => {
    const { sdk, list, country } = fakeSdk();
    const found = await twilioNumbersOver(sdk, noWait()).searchAvailable({ areaCode: "617", kind: "local", limit: 20 });
    expect(country).toHaveBeenCalledWith("US");
    expect(list).toHaveBeenCalledWith({ areaCode: 617, smsEnabled: true, limit: 20, pageSize: 20 });
    expect(found).toEqual([
      { phoneNumber: "+16175550123", friendlyName: "(617) 555-0123", locality: "Boston", region: "MA", type: "local" },
      { phoneNumber: "+16175550124", friendlyName: "(617) 555-0124", locality: "", region: "", type: "local" },
    ]);
  });

  test("provisions with the messaging webhooks and releases by SID", async () => {
    const { sdk, create, incoming, remove } = fakeSdk();
    const numbers = twilioNumbersOver(sdk, noWait());
    const provisioned = await numbers.provision({
      phoneNumber: "+16175550123",
      friendlyName: "Parley · Admissions",
      smsUrl: "https://x.convex.site/twilio/inbound",
      statusCallbackUrl: "https://x.convex.site/twilio/status",
    });
    expect(create).toHaveBeenCalledWith({
      phoneNumber: "+16175550123",
      friendlyName: "Parley · Admissions",
      smsUrl: "https://x.convex.site/twilio/inbound",
      smsMethod: "POST",
      statusCallback: "https://x.convex.site/twilio/status",
      statusCallbackMethod: "POST",
    });
    expect(provisioned).toEqual({ sid: `PN${"1".repeat(32)}`, phoneNumber: "+16175550123" });
    await numbers.release(provisioned.sid);
    expect(incoming).toHaveBeenCalledWith(provisioned.sid);
    expect(remove).toHaveBeenCalledOnce();
  });

  test("a number Twilio no longer has counts as released", async () => {
    const { sdk, remove } = fakeSdk();
    remove.mockRejectedValueOnce(rest(404, 20404, "The requested resource was not found"));
    await expect(twilioNumbersOver(sdk, noWait()).release("PNgone")).resolves.toBeUndefined();
  });

  test("429/20429 is retried with growing waits; other errors are not", async () => {
    const { sdk, create } = fakeSdk();
    const policy = noWait();
    create.mockRejectedValueOnce(rest(429, 20429)).mockRejectedValueOnce(rest(429));
    const request = { phoneNumber: "+16175550123", friendlyName: "P", smsUrl: "u", statusCallbackUrl: "s" };
    await twilioNumbersOver(sdk, policy).provision(request);
    expect(create).toHaveBeenCalledTimes(3);
    expect(policy.waits).toEqual([500, 1_000]);

    create.mockClear();
    create.mockRejectedValueOnce(rest(400, 21422, "Phone number is not available"));
    const error = await twilioNumbersOver(sdk, noWait())
      .provision(request)
      .catch((e: unknown) => e);
    expect(create).toHaveBeenCalledOnce();
    expect(errorCode(error)).toBe("NUMBER_UNAVAILABLE");
    expect(errorMessage(error)).toBe(
      "(617) 555-0123 isn't available from Twilio any more. Search again and pick another number.",
    );
  });

  test("gives up after the policy's retries with a sentence", async () => {
    const policy = noWait();
    const op = vi.fn(async () => {
      throw rest(429, 20429);
    });
    const error = await withRetry(op, policy).catch((e: unknown) => twilioFailure(e));
    expect(op).toHaveBeenCalledTimes(4);
    expect(policy.waits).toEqual([500, 1_000, 2_000]);
    expect(errorMessage(error)).toMatch(/too many requests/);
  });
});

describe("twilioFailure", () => {
  test("turns Twilio's errors into sentences", () => {
    const said = (error: unknown) => {
      const failure = twilioFailure(error, "+16175550123");
      return [errorCode(failure), errorMessage(failure)];
    };
    expect(said(rest(401, 20003, "Authenticate"))).toEqual([
      "TWILIO",
      "Twilio rejected the credentials: check TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN.",
    ]);
    expect(said(rest(400, 21421))).toEqual(["INVALID", "Twilio says (617) 555-0123 isn't a valid phone number."]);
    expect(said(rest(404, 20404))[0]).toBe("NOT_FOUND");
    expect(said(rest(503))).toEqual(["TWILIO", "Twilio is having trouble (HTTP 503). Try again in a moment."]);
    expect(said(rest(400, 21999, "Something odd."))).toEqual([
      "TWILIO",
      "Twilio refused the request: Something odd (error 21999).",
    ]);
    expect(said(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }))).toEqual([
      "TWILIO",
      "Couldn't reach Twilio (ECONNREFUSED). Try again in a moment.",
    ]);
  });

  test("leaves bugs alone", () => {
    const bug = new TypeError("x is undefined");
    expect(twilioFailure(bug)).toBe(bug);
  });
});
