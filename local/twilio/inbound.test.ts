// A contact texting a Parley number: the signed SmsUrl webhook with Twilio's fields, retries that
// keep the MessageSid, the fallback URL, TwiML replies, and carrier-level opt-out (STOP → 21610).
import twilio from "twilio";
import { afterEach, beforeEach, expect, test } from "vitest";
import { START_REPLY, STOP_REPLY } from "./inbound.ts";
import {
  startReceiver,
  startTestSimulator,
  type Answer,
  type Receiver,
  type Received,
  type TestSimulator,
} from "./test-kit.ts";

let sim: TestSimulator;
let app: Receiver;
let answer: (r: Received) => Answer;
const PARLEY = "+14155550100";
const CONTACT = "+16175550123";

beforeEach(async () => {
  sim = await startTestSimulator();
  answer = () => ({ body: "<Response/>" });
  app = await startReceiver((r) => answer(r));
  await sim.own(PARLEY, { smsUrl: `${app.url}/twilio/sms` });
});
afterEach(async () => {
  await sim.close();
  await app.close();
});

const text = (body: string, from = CONTACT, to = PARLEY) =>
  sim.control<{ sid: string }>("POST", "/sim/inbound", { from, to, body }).then((r) => r.sid);

test("an inbound text is stored and posted to the SmsUrl, signed, with Twilio's fields", async () => {
  const sid = await text("When is the deadline?");
  const hook = await app.waitFor((r) => r.path === "/twilio/sms");
  expect(hook.params).toEqual({
    ToCountry: "US",
    ToState: "CA",
    SmsMessageSid: sid,
    NumMedia: "0",
    ToCity: "SAN FRANCISCO",
    FromZip: "02108",
    SmsSid: sid,
    FromState: "MA",
    SmsStatus: "received",
    FromCity: "BOSTON",
    Body: "When is the deadline?",
    FromCountry: "US",
    To: PARLEY,
    ToZip: "94105",
    NumSegments: "1",
    MessageSid: sid,
    AccountSid: sim.accountSid,
    From: CONTACT,
    ApiVersion: "2010-04-01",
  });
  expect(
    twilio.validateRequest(sim.authToken, hook.headers["x-twilio-signature"] as string, hook.url, hook.params),
  ).toBe(true);
  const stored = await sim.client.messages(sid).fetch();
  expect(stored).toMatchObject({ direction: "inbound", status: "received", from: CONTACT, to: PARLEY });
  expect((await sim.client.messages.list({ from: CONTACT })).map((m) => m.sid)).toEqual([sid]);
});

test("a 5xx or a timeout is retried with the same MessageSid until the app answers", async () => {
  let calls = 0;
  answer = () => {
    calls++;
    if (calls === 1) return { status: 500 };
    if (calls === 2) return "hang";
    return { body: "<Response/>" };
  };
  const sid = await text("hello?");
  await sim.events.waitFor((e) => e.type === "webhook" && e.attempt === 1);
  await sim.clock.advance(1_000);
  await app.waitForCount(2);
  await sim.clock.advance(15_000);
  await sim.events.waitFor((e) => e.type === "webhook" && e.attempt === 2 && e.outcome === "timeout");
  await sim.clock.advance(2_000);
  const tries = await app.waitForCount(3);
  expect(tries.map((r) => r.params.MessageSid)).toEqual([sid, sid, sid]);
  expect(new Set(tries.map((r) => r.headers["i-twilio-idempotency-token"])).size).toBe(1);
  const last = await sim.events.waitFor((e) => e.type === "webhook" && e.attempt === 3);
  expect(last).toMatchObject({ outcome: "ok", httpStatus: 200 });
  expect([...sim.core.state.messages.values()].filter((m) => m.direction === "inbound")).toHaveLength(1);
});

test("after every attempt fails, the SmsFallbackUrl gets the text with ErrorCode 11200", async () => {
  await sim.control("POST", "/sim/config", { webhookRetries: 0 });
  await sim.own(PARLEY, { smsUrl: `${app.url}/down`, smsFallbackUrl: `${app.url}/fallback` });
  answer = (r) => (r.path === "/down" ? { status: 502 } : { body: "<Response/>" });
  const sid = await text("anyone there?");
  const fallback = await app.waitFor((r) => r.path === "/fallback");
  expect(fallback.params).toMatchObject({ MessageSid: sid, ErrorCode: "11200", ErrorUrl: `${app.url}/down` });
});

test("the TwiML <Message> in the answer is sent back to the contact, with its action as status callback", async () => {
  answer = (r) =>
    r.path === "/twilio/sms"
      ? {
          body: `<?xml version="1.0" encoding="UTF-8"?><Response><Message action="${app.url}/reply-status">Thanks &amp; welcome!</Message></Response>`,
        }
      : { status: 204, body: "" };
  const sid = await text("Hi");
  const event = await sim.events.waitFor((e) => e.type === "twiml" && e.inboundSid === sid);
  expect(event).toMatchObject({ outcome: "sent" });
  const replySid = (event as { replySid: string }).replySid;
  await sim.clock.advance(2_000);
  const status = await app.waitFor((r) => r.path === "/reply-status" && r.params.MessageStatus === "delivered");
  expect(status.params.MessageSid).toBe(replySid);
  const reply = await sim.client.messages(replySid).fetch();
  expect(reply).toMatchObject({ direction: "outbound-reply", from: PARLEY, to: CONTACT, body: "Thanks & welcome!" });
  const convo = await sim.control<{ messages: { body: string; status: string }[] }>(
    "GET",
    `/sim/conversations/${encodeURIComponent(CONTACT)}`,
  );
  expect(convo.messages.map((m) => [m.body, m.status])).toEqual([
    ["Hi", "received"],
    ["Thanks & welcome!", "delivered"],
  ]);
});

test("STOP opts the contact out of that sender at the carrier: sends get 21610 until START", async () => {
  await sim.own("+14155550101");
  await text("  stop ");
  const hook = await app.waitFor((r) => r.params.Body === "  stop ");
  expect(hook.params.OptOutType).toBe("STOP");
  const error = await sim.client.messages
    .create({ from: PARLEY, to: CONTACT, body: "Still there?" })
    .catch((e: unknown) => e);
  expect(error).toMatchObject({ status: 400, code: 21610 });
  const other = await sim.client.messages.create({ from: "+14155550101", to: CONTACT, body: "Other office" });
  expect(other.status).toBe("queued");
  const state = await sim.control<{ optOuts: unknown[] }>("GET", "/sim/state");
  expect(state.optOuts).toEqual([{ sender: PARLEY, contact: CONTACT }]);

  await text("START");
  expect((await app.waitFor((r) => r.params.Body === "START")).params.OptOutType).toBe("START");
  expect((await sim.client.messages.create({ from: PARLEY, to: CONTACT, body: "Welcome back" })).status).toBe("queued");
  await sim.clock.advance(10_000);
  const replies = [...sim.core.state.messages.values()]
    .filter((m) => m.direction === "outbound-reply")
    .map((m) => m.body);
  expect(replies).toEqual([STOP_REPLY, START_REPLY]);
});

test("every opt-out keyword works; a TwiML reply to an opted-out contact is refused with 21610", async () => {
  const keywords = ["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"];
  for (const [i, word] of keywords.entries()) {
    const contact = `+1617555020${i}`;
    await text(word.toLowerCase(), contact);
    expect(sim.core.state.isOptedOut(PARLEY, contact)).toBe(true);
  }
  expect(sim.core.state.isOptedOut(PARLEY, CONTACT)).toBe(false);
  answer = () => ({ body: "<Response><Message>We will miss you</Message></Response>" });
  const sid = await text("STOP");
  const refused = await sim.events.waitFor((e) => e.type === "twiml" && e.inboundSid === sid);
  expect(refused).toMatchObject({ outcome: "rejected", code: 21610 });
});
