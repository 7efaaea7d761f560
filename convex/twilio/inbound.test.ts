/** POST /twilio/inbound: signatures, idempotency on MessageSid, the TwiML answer. */
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { twilioSignature } from "../model/sending/twilioSignature";
import { messagingWorld, newTest, type T } from "../setup.test";

const TOKEN = "test-auth-token";
const SITE = "https://parley-test.convex.site";

beforeEach(() => {
  vi.useFakeTimers();
  vi.stubEnv("TWILIO_AUTH_TOKEN", TOKEN);
  vi.stubEnv("CONVEX_SITE_URL", SITE);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

function inbound(from: string, to: string, body: string, sid = "SM" + "1".repeat(32)): Record<string, string> {
  return {
    ...{ MessageSid: sid, SmsMessageSid: sid, SmsSid: sid, AccountSid: "AC" + "a".repeat(32), From: from, To: to },
    ...{ Body: body, NumMedia: "0", NumSegments: "1", SmsStatus: "received", ApiVersion: "2010-04-01" },
  };
}

async function post(t: T, params: Record<string, string>, signature: string | null) {
  const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded" };
  if (signature !== null) headers["X-Twilio-Signature"] = signature;
  return await t.fetch("/twilio/inbound", { method: "POST", headers, body: new URLSearchParams(params).toString() });
}

const signed = async (params: Record<string, string>) => await twilioSignature(TOKEN, `${SITE}/twilio/inbound`, params);

async function counts(t: T) {
  return await t.run(async (ctx) => ({
    events: (await ctx.db.query("webhookEvents").collect()).length,
    messages: (await ctx.db.query("messages").collect()).length,
    contacts: (await ctx.db.query("contacts").collect()).length,
  }));
}

/** A fresh deployment holding `messagingWorld`, and the E.164 of its office's number (the webhook's `To`). */
async function world() {
  const t = newTest();
  const w = await messagingWorld(t);
  const number = await t.run(async (ctx) => await ctx.db.get("phoneNumbers", w.numberId));
  return { t, w, to: number!.e164 };
}

describe("POST /twilio/inbound", () => {
  test("a forged or missing signature is refused with 403 and nothing is stored", async () => {
    const { t, to } = await world();
    const params = inbound("+16175550177", to, "hello");
    const before = await counts(t);
    const forged = await twilioSignature("not-the-token", `${SITE}/twilio/inbound`, params);
    expect((await post(t, params, forged)).status).toBe(403);
    expect((await post(t, params, null)).status).toBe(403);
    expect((await post(t, { ...params, Body: "tampered" }, await signed(params))).status).toBe(403);
    expect(await counts(t)).toEqual(before);
  });

  test("a signed delivery without a well-formed MessageSid, From or To is refused with 400 and a reason; nothing is stored", async () => {
    const { t, w, to } = await world();
    const good = inbound(w.ada.phone, to, "hello");
    const without = (name: string) => Object.fromEntries(Object.entries(good).filter(([k]) => !k.includes(name)));
    const cases: [Record<string, string>, RegExp][] = [
      [without("Sid"), /MessageSid is required/],
      [without("From"), /From is required/],
      [without("To"), /To is required/],
      [{ ...good, From: "not a phone" }, /From "not a phone" is not a phone number/],
      [{ ...good, To: "+1 (617) x" }, /To .* is not a phone number/],
      [{ ...without("Sid"), MessageSid: "SM123" }, /"SM123" is not a Twilio message SID/],
    ];
    const before = await counts(t);
    for (const [params, reason] of cases) {
      const response = await post(t, params, await signed(params));
      expect(response.status).toBe(400);
      expect(await response.text()).toMatch(reason);
    }
    expect(await counts(t)).toEqual(before);
  });

  test("without TWILIO_AUTH_TOKEN every webhook is refused", async () => {
    const { t, w, to } = await world();
    const params = inbound(w.ada.phone, to, "hello");
    const signature = await signed(params);
    vi.stubEnv("TWILIO_AUTH_TOKEN", "");
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    expect((await post(t, params, signature)).status).toBe(403);
    expect(error).toHaveBeenCalledWith(expect.stringContaining("TWILIO_AUTH_TOKEN"));
    expect((await counts(t)).messages).toBe(0);
  });

  test("a signed text is stored and answered with an empty TwiML response", async () => {
    const { t, w, to } = await world();
    const params = inbound(w.ada.phone, to, "When is the open house?");
    const response = await post(t, params, await signed(params));
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toContain("xml");
    expect(await response.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    const messages = await t.run(async (ctx) => await ctx.db.query("messages").collect());
    expect(messages).toMatchObject([
      { conversationId: w.adaConv, direction: "inbound", author: "contact", status: "received", body: params.Body },
    ]);
    const [event] = await t.run(async (ctx) => await ctx.db.query("webhookEvents").collect());
    expect(event).toMatchObject({
      kind: "inbound",
      messageSid: params.MessageSid,
      params,
      outcome: "stored; needs attention",
    });
  });

  test("Twilio delivering the same text five times (retries keep the MessageSid) stores one message", async () => {
    const { t, w, to } = await world();
    const params = inbound(w.ada.phone, to, "Is parking free?");
    const signature = await signed(params);
    for (let i = 0; i < 5; i++) expect((await post(t, params, signature)).status).toBe(200);
    const { messages, events } = await t.run(async (ctx) => ({
      messages: await ctx.db.query("messages").collect(),
      events: await ctx.db.query("webhookEvents").collect(),
    }));
    expect(messages).toHaveLength(1);
    expect(events.map((e) => e.outcome)).toEqual([
      "stored; needs attention",
      "duplicate",
      "duplicate",
      "duplicate",
      "duplicate",
    ]);
    const conversation = await t.run(async (ctx) => await ctx.db.get("conversations", w.adaConv));
    expect(conversation).toMatchObject({ needsAttention: true, lastMessagePreview: "Is parking free?" });
  });

  test("a text to a number that isn't an active Parley number is recorded and ignored", async () => {
    const t = newTest();
    await messagingWorld(t);
    const params = inbound("+16175550177", "+16175559999", "hello?");
    expect((await post(t, params, await signed(params))).status).toBe(200);
    const after = await counts(t);
    expect(after.messages).toBe(0);
    const [event] = await t.run(async (ctx) => await ctx.db.query("webhookEvents").collect());
    expect(event.outcome).toBe("ignored (not an active Parley number)");
    expect(
      await t.run(
        async (ctx) =>
          await ctx.db
            .query("contacts")
            .withIndex("by_phone", (q) => q.eq("phone", "+16175550177"))
            .first(),
      ),
    ).toBeNull();
  });
});
