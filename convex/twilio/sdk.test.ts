/**
 * The real twilio SDK, wired as Parley builds it: every request is caught at the SDK's own
 * RequestClient, so these check the URLs, methods and parameters Twilio (or the simulator) gets.
 */
import twilio from "twilio";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { errorCode, errorMessage } from "../model/shared/errors";
import { numbersApi, twilioClient } from "./sdk";

const SID = `AC${"a".repeat(32)}`;
const NUMBER_SID = `PN${"b".repeat(32)}`;
type Sent = { method: string; uri: string; username?: string; password?: string; params?: object; data?: object };

let sent: Sent[];
let answer: (request: Sent) => { statusCode: number; body: unknown };

beforeEach(() => {
  sent = [];
  vi.stubEnv("TWILIO_ACCOUNT_SID", SID);
  vi.stubEnv("TWILIO_AUTH_TOKEN", "auth-token");
  vi.spyOn(twilio.RequestClient.prototype, "request").mockImplementation(async (opts) => {
    const request = opts as Sent;
    sent.push(request);
    return { ...answer(request), headers: {} } as never;
  });
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

const created = { sid: NUMBER_SID, phone_number: "+16175550123", friendly_name: "Parley · Admissions" };
const available = {
  available_phone_numbers: [
    { phone_number: "+16175550123", friendly_name: "(617) 555-0123", locality: "Boston", region: "MA" },
  ],
  uri: "/2010-04-01/Accounts/AC/AvailablePhoneNumbers/US/Local.json",
};

describe("with TWILIO_API_BASE (the local simulator)", () => {
  beforeEach(() => vi.stubEnv("TWILIO_API_BASE", "http://127.0.0.1:3299"));

  test("search, provision and release go to the base, with Twilio's paths and parameters", async () => {
    const numbers = numbersApi();
    answer = () => ({ statusCode: 200, body: available });
    expect(await numbers.searchAvailable({ areaCode: "617", kind: "local", limit: 20 })).toEqual([
      { phoneNumber: "+16175550123", friendlyName: "(617) 555-0123", locality: "Boston", region: "MA", type: "local" },
    ]);
    answer = () => ({ statusCode: 201, body: created });
    const provisioned = await numbers.provision({
      phoneNumber: "+16175550123",
      friendlyName: "Parley · Admissions",
      smsUrl: "https://x.convex.site/twilio/inbound",
      statusCallbackUrl: "https://x.convex.site/twilio/status",
    });
    expect(provisioned).toEqual({ sid: NUMBER_SID, phoneNumber: "+16175550123" });
    answer = () => ({ statusCode: 204, body: "" });
    await numbers.release(NUMBER_SID);

    const base = `http://127.0.0.1:3299/2010-04-01/Accounts/${SID}`;
    expect(sent.map((r) => [r.method, r.uri])).toEqual([
      ["get", `${base}/AvailablePhoneNumbers/US/Local.json`],
      ["post", `${base}/IncomingPhoneNumbers.json`],
      ["delete", `${base}/IncomingPhoneNumbers/${NUMBER_SID}.json`],
    ]);
    expect(sent[0].params).toMatchObject({ AreaCode: 617, SmsEnabled: "true", PageSize: 20 });
    expect(sent[1].data).toEqual({
      PhoneNumber: "+16175550123",
      FriendlyName: "Parley · Admissions",
      SmsUrl: "https://x.convex.site/twilio/inbound",
      SmsMethod: "POST",
      StatusCallback: "https://x.convex.site/twilio/status",
      StatusCallbackMethod: "POST",
    });
    expect(sent.every((r) => r.username === SID && r.password === "auth-token")).toBe(true);
  });

  test("toll-free searches use Twilio's TollFree list", async () => {
    answer = () => ({ statusCode: 200, body: { ...available, uri: "/TollFree.json" } });
    await numbersApi().searchAvailable({ areaCode: "800", kind: "tollFree", limit: 5 });
    expect(sent[0].uri).toMatch(/\/AvailablePhoneNumbers\/US\/TollFree\.json$/);
  });

  test("Twilio's error responses arrive as Parley errors", async () => {
    answer = () => ({ statusCode: 400, body: { code: 21422, message: "Phone number is not available", status: 400 } });
    const error = await numbersApi()
      .provision({ phoneNumber: "+16175550123", friendlyName: "P", smsUrl: "u", statusCallbackUrl: "s" })
      .catch((e: unknown) => e);
    expect(errorCode(error)).toBe("NUMBER_UNAVAILABLE");
    answer = () => ({ statusCode: 401, body: { code: 20003, message: "Authenticate", status: 401 } });
    const denied = await numbersApi()
      .release(NUMBER_SID)
      .catch((e: unknown) => e);
    expect(errorMessage(denied)).toBe(
      "Twilio rejected the credentials: check TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN.",
    );
  });
});

describe("without TWILIO_API_BASE", () => {
  test("requests go to https://api.twilio.com", async () => {
    answer = () => ({ statusCode: 204, body: "" });
    await numbersApi().release(NUMBER_SID);
    expect(sent[0].uri).toBe(
      `https://api.twilio.com/2010-04-01/Accounts/${SID}/IncomingPhoneNumbers/${NUMBER_SID}.json`,
    );
  });

  test("missing credentials are refused before any request, naming what to set", () => {
    vi.stubEnv("TWILIO_AUTH_TOKEN", "");
    let error: unknown;
    try {
      twilioClient();
    } catch (e) {
      error = e;
    }
    expect(errorCode(error)).toBe("TWILIO");
    expect(errorMessage(error)).toMatch(/TWILIO_AUTH_TOKEN missing.*npx convex env set/);
    expect(sent).toEqual([]);
  });
});
