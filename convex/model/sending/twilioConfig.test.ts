import { describe, expect, test } from "vitest";
import { errorCode, errorMessage } from "../shared/errors";
import { rebaseTwilioUrl, twilioConfig, webhookUrls } from "./twilioConfig";

const SID = `AC${"a".repeat(32)}`;

function failure(f: () => unknown) {
  try {
    f();
  } catch (error) {
    return { code: errorCode(error), message: errorMessage(error) };
  }
  throw new Error("expected a failure");
}

describe("twilioConfig", () => {
  test("reads the credentials and the optional API base", () => {
    expect(twilioConfig({ TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: "secret" })).toEqual({
      accountSid: SID,
      authToken: "secret",
      apiBase: null,
    });
    expect(
      twilioConfig({ TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: "t", TWILIO_API_BASE: "http://127.0.0.1:3299/" })
        .apiBase,
    ).toBe("http://127.0.0.1:3299");
  });

  test("missing credentials name the variables and how to set them, locally and in production", () => {
    const { code, message } = failure(() => twilioConfig({}));
    expect(code).toBe("TWILIO");
    expect(message).toContain("TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN");
    expect(message).toContain("npm run backend:env -- set");
    expect(message).toContain("npx convex env set");
    expect(failure(() => twilioConfig({ TWILIO_ACCOUNT_SID: SID })).message).toMatch(/TWILIO_AUTH_TOKEN missing/);
  });

  test("refuses an Account SID that isn't one, and an API base that isn't a URL", () => {
    expect(failure(() => twilioConfig({ TWILIO_ACCOUNT_SID: "SK123", TWILIO_AUTH_TOKEN: "t" })).message).toMatch(
      /starts with AC/,
    );
    expect(
      failure(() =>
        twilioConfig({ TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: "t", TWILIO_API_BASE: "127.0.0.1:3299" }),
      ).code,
    ).toBe("TWILIO");
  });
});

test("rebaseTwilioUrl sends api.twilio.com requests to the base and leaves others alone", () => {
  const uri = `https://api.twilio.com/2010-04-01/Accounts/${SID}/IncomingPhoneNumbers.json?PageSize=20`;
  expect(rebaseTwilioUrl(uri, "http://127.0.0.1:3299")).toBe(
    `http://127.0.0.1:3299/2010-04-01/Accounts/${SID}/IncomingPhoneNumbers.json?PageSize=20`,
  );
  expect(rebaseTwilioUrl(uri, null)).toBe(uri);
  expect(rebaseTwilioUrl("https://messaging.twilio.com/v1/Services", "http://127.0.0.1:3299")).toBe(
    "https://messaging.twilio.com/v1/Services",
  );
});

test("webhookUrls point Twilio at this deployment's /twilio routes", () => {
  expect(webhookUrls({ CONVEX_SITE_URL: "https://happy-otter-123.convex.site/" })).toEqual({
    smsUrl: "https://happy-otter-123.convex.site/twilio/inbound",
    statusCallbackUrl: "https://happy-otter-123.convex.site/twilio/status",
  });
  expect(failure(() => webhookUrls({})).code).toBe("TWILIO");
});
