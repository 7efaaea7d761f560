// Status callbacks: Twilio's parameters, a signature the SDK's own validateRequest accepts,
// retries with backoff on the injected clock, and the faults (duplicates, reordering, drops,
// latency).
import twilio from "twilio";
import { afterEach, beforeEach, expect, test } from "vitest";
import type { DeliveryEvent, SimEvent } from "./events.ts";
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
  answer = () => ({ status: 204, body: "" });
  app = await startReceiver((r) => answer(r));
  await sim.own(PARLEY);
});
afterEach(async () => {
  await sim.close();
  await app.close();
});

const send = (body = "Your application is complete") =>
  sim.client.messages.create({
    from: PARLEY,
    to: CONTACT,
    body,
    statusCallback: `${app.url}/twilio/status?office=admissions`,
  });
const statuses = (requests: Received[]) => requests.map((r) => r.params.MessageStatus);
const isDelivery = (e: SimEvent): e is SimEvent & DeliveryEvent => e.type === "callback";

test("every status change after creation is posted, signed with the auth token, with Twilio's parameters", async () => {
  const m = await send();
  await app.waitForCount(1);
  await sim.clock.advance(2_000);
  const [sent, delivered] = await app.waitForCount(2);
  expect(statuses([sent, delivered])).toEqual(["sent", "delivered"]);
  expect(delivered.params).toEqual({
    AccountSid: sim.accountSid,
    ApiVersion: "2010-04-01",
    From: PARLEY,
    MessageSid: m.sid,
    MessageStatus: "delivered",
    RawDlrDoneDate: expect.stringMatching(/^\d{10}$/),
    SmsSid: m.sid,
    SmsStatus: "delivered",
    To: CONTACT,
  });
  for (const r of [sent, delivered]) {
    expect(r.method).toBe("POST");
    expect(r.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(r.url).toBe(`${app.url}/twilio/status?office=admissions`);
    const signature = r.headers["x-twilio-signature"] as string;
    expect(twilio.validateRequest(sim.authToken, signature, r.url, r.params)).toBe(true);
    expect(twilio.validateRequest("another-token", signature, r.url, r.params)).toBe(false);
    expect(twilio.validateRequest(sim.authToken, signature, r.url, { ...r.params, MessageStatus: "failed" })).toBe(
      false,
    );
  }
});

test("failures report ErrorCode: undelivered after sent, failed without it", async () => {
  await sim.control("POST", "/sim/rules", { number: CONTACT, kind: "landline" });
  const undelivered = await send();
  await app.waitForCount(1);
  await sim.clock.advance(2_000);
  const requests = await app.waitForCount(2);
  expect(requests.map((r) => [r.params.MessageStatus, r.params.ErrorCode])).toEqual([
    ["sent", undefined],
    ["undelivered", "30006"],
  ]);
  expect(requests[1].params.MessageSid).toBe(undelivered.sid);

  await sim.control("POST", "/sim/faults", { messageErrorRate: 1 });
  await send();
  await sim.clock.advance(2_000);
  const failed = await app.waitFor((r) => r.params.MessageStatus === "failed");
  expect(failed.params.ErrorCode).toBe("30008");
});

test("a callback answered 5xx is retried with doubling backoff, same parameters, signature and idempotency token", async () => {
  await sim.control("POST", "/sim/config", { deliveryDelayMs: 600_000 });
  let calls = 0;
  answer = () => (++calls <= 2 ? { status: 503 } : { status: 200 });
  const m = await send();
  const attempt = (n: number) =>
    sim.events.waitFor((e) => isDelivery(e) && e.messageSid === m.sid && e.attempt === n, { what: `attempt ${n}` });
  expect(await attempt(1)).toMatchObject({ outcome: "http-error", httpStatus: 503, willRetry: true });
  await sim.clock.advance(999);
  expect(app.requests).toHaveLength(1);
  await sim.clock.advance(1);
  expect(await attempt(2)).toMatchObject({ outcome: "http-error", willRetry: true });
  await sim.clock.advance(2_000);
  expect(await attempt(3)).toMatchObject({ outcome: "ok", httpStatus: 200 });
  const tries = await app.waitForCount(3);
  expect(new Set(tries.map((r) => JSON.stringify(r.params))).size).toBe(1);
  expect(new Set(tries.map((r) => r.headers["x-twilio-signature"])).size).toBe(1);
  expect(new Set(tries.map((r) => r.headers["i-twilio-idempotency-token"])).size).toBe(1);
});

test("a callback that gets no answer in time is retried; 4xx is not", async () => {
  await sim.control("POST", "/sim/config", { deliveryDelayMs: 600_000, webhookTimeoutMs: 15_000 });
  let calls = 0;
  answer = () => (++calls === 1 ? "hang" : { status: 400 });
  const m = await send();
  await app.waitForCount(1);
  await sim.clock.advance(15_000);
  const first = await sim.events.waitFor((e) => isDelivery(e) && e.messageSid === m.sid && e.attempt === 1);
  expect(first).toMatchObject({ outcome: "timeout", willRetry: true });
  await sim.clock.advance(1_000);
  const second = await sim.events.waitFor((e) => isDelivery(e) && e.messageSid === m.sid && e.attempt === 2);
  expect(second).toMatchObject({ outcome: "http-error", httpStatus: 400, willRetry: false });
});

test("duplicate fault: each callback arrives twice", async () => {
  await sim.control("POST", "/sim/faults", { duplicateCallbackRate: 1 });
  await send();
  await sim.clock.advance(2_000);
  const requests = await app.waitForCount(4);
  expect(statuses(requests).sort()).toEqual(["delivered", "delivered", "sent", "sent"]);
  const sent = requests.filter((r) => r.params.MessageStatus === "sent");
  expect(sent[0].params).toEqual(sent[1].params);
  expect(sent[0].headers["i-twilio-idempotency-token"]).toBe(sent[1].headers["i-twilio-idempotency-token"]);
});

test("reorder fault: `delivered` arrives before `sent`", async () => {
  await sim.control("POST", "/sim/faults", { reorderCallbackRate: 1 });
  await send();
  await sim.clock.advance(2_000);
  expect(statuses(await app.waitForCount(2))).toEqual(["delivered", "sent"]);
});

test("drop fault: callbacks are never sent (the event stream says so)", async () => {
  await sim.control("POST", "/sim/faults", { dropCallbackRate: 1 });
  const m = await send();
  await sim.clock.advance(2_000);
  await sim.events.waitFor((e) => isDelivery(e) && e.messageSid === m.sid && e.status === "delivered");
  const dropped = sim.events.filter(isDelivery).map((e) => [e.status, e.outcome]);
  expect(dropped).toEqual([
    ["sent", "dropped"],
    ["delivered", "dropped"],
  ]);
  expect(app.requests).toHaveLength(0);
  expect((await sim.client.messages(m.sid).fetch()).status).toBe("delivered");
});

test("latency fault delays each callback on the clock", async () => {
  await sim.control("POST", "/sim/faults", { callbackLatencyMs: 500 });
  await sim.control("POST", "/sim/config", { deliveryDelayMs: 600_000 });
  await send();
  await sim.clock.advance(499);
  expect(app.requests).toHaveLength(0);
  await sim.clock.advance(1);
  expect(statuses(await app.waitForCount(1))).toEqual(["sent"]);
});
