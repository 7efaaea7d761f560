import { expect, test } from "vitest";
import { twilioSignature, verifyTwilioSignature } from "./twilioSignature";

// The example from Twilio's security documentation.
const url = "https://mycompany.com/myapp.php?foo=1&bar=2";
const params = {
  CallSid: "CA1234567890ABCDE",
  Caller: "+12349013030",
  Digits: "1234",
  From: "+12349013030",
  To: "+18005551212",
};

test("matches Twilio's documented example", async () => {
  expect(await twilioSignature("12345", url, params)).toBe("0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
});

test("verifies in constant time and refuses anything else", async () => {
  const good = await twilioSignature("12345", url, params);
  expect(await verifyTwilioSignature("12345", url, params, good)).toBe(true);
  expect(await verifyTwilioSignature("12345", url, { ...params, Digits: "9" }, good)).toBe(false);
  expect(await verifyTwilioSignature("12345", url + "&x=1", params, good)).toBe(false);
  expect(await verifyTwilioSignature("wrong", url, params, good)).toBe(false);
  expect(await verifyTwilioSignature("12345", url, params, null)).toBe(false);
  expect(await verifyTwilioSignature("", url, params, good)).toBe(false);
});
