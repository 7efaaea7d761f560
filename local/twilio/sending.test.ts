// Sending as Twilio does: segment counting, per-sender pacing in segments per second on the
// injected clock, 429 / 20429 past the concurrency cap, queue overflow, and every carrier outcome.
import twilio from "twilio";
import { afterEach, beforeEach, expect, test } from "vitest";
import { countSegments } from "./segments.ts";
import { startTestSimulator, type TestSimulator } from "./test-kit.ts";

let sim: TestSimulator;
const LONG_CODE = "+14155550100";
const TOLL_FREE = "+18005550100";
const CONTACT = "+16175550123";

beforeEach(async () => {
  sim = await startTestSimulator();
  await sim.own(LONG_CODE);
  await sim.own(TOLL_FREE);
});
afterEach(() => sim.close());

const message = (sid: string) => sim.core.state.messages.get(sid)!;
const sentOffsets = (sids: string[], t0: number) => sids.map((sid) => Math.floor((message(sid).dateSent ?? NaN) - t0));

async function sendAll(from: string, bodies: string[], to = CONTACT): Promise<string[]> {
  const sids: string[] = [];
  for (const body of bodies) sids.push((await sim.client.messages.create({ from, to, body })).sid);
  return sids;
}

test("segments: GSM-7 160/153, extension characters count twice, one emoji makes it UCS-2 70/67", () => {
  expect(countSegments("a".repeat(160))).toEqual({ encoding: "GSM-7", units: 160, segments: 1 });
  expect(countSegments("a".repeat(161)).segments).toBe(2);
  expect(countSegments("a".repeat(306)).segments).toBe(2);
  expect(countSegments("a".repeat(307)).segments).toBe(3);
  expect(countSegments("€".repeat(80))).toEqual({ encoding: "GSM-7", units: 160, segments: 1 });
  expect(countSegments("{".repeat(81)).segments).toBe(2);
  expect(countSegments("é à ü Ñ ¿").encoding).toBe("GSM-7");
  expect(countSegments(`${"a".repeat(69)}🙂`)).toEqual({ encoding: "UCS-2", units: 71, segments: 2 });
  expect(countSegments("a".repeat(70).replace("a", "ç"))).toEqual({ encoding: "UCS-2", units: 70, segments: 1 });
  expect(countSegments("ç".repeat(134)).segments).toBe(2);
  expect(countSegments("ç".repeat(135)).segments).toBe(3);
});

test("a long code drains one segment per second: multi-segment messages take longer", async () => {
  const t0 = sim.clock.now();
  const sids = await sendAll(LONG_CODE, ["one", "a".repeat(200), "three", "🙂".repeat(40), "five"]);
  expect(sids.map((sid) => message(sid).numSegments)).toEqual([1, 2, 1, 2, 1]);
  await sim.clock.advance(10_000);
  expect(sentOffsets(sids, t0)).toEqual([0, 1000, 3000, 4000, 6000]);
  expect(sids.map((sid) => message(sid).status)).toEqual(Array(5).fill("delivered"));
});

test("toll-free drains three segments per second; a per-number override replaces the default", async () => {
  const t0 = sim.clock.now();
  const sids = await sendAll(TOLL_FREE, ["1", "2", "3", "4", "5", "6"]);
  await sim.clock.advance(5_000);
  expect(sentOffsets(sids, t0)).toEqual([0, 333, 667, 1000, 1333, 1667]);

  await sim.control("POST", "/sim/throughput", { number: LONG_CODE, segmentsPerSecond: 10 });
  const t1 = sim.clock.now();
  const fast = await sendAll(LONG_CODE, ["a", "b", "c", "d"]);
  await sim.clock.advance(1_000);
  expect(sentOffsets(fast, t1)).toEqual([0, 100, 200, 300]);
  const state = await sim.control<{ numbers: { phoneNumber: string; segmentsPerSecond: number }[] }>(
    "GET",
    "/sim/state",
  );
  expect(state.numbers.find((n) => n.phoneNumber === LONG_CODE)?.segmentsPerSecond).toBe(10);
});

test("senders are paced independently of each other", async () => {
  const t0 = sim.clock.now();
  const a = await sendAll(LONG_CODE, ["a1", "a2"]);
  const b = await sendAll(TOLL_FREE, ["b1", "b2"]);
  await sim.clock.advance(3_000);
  expect(sentOffsets(a, t0)).toEqual([0, 1000]);
  expect(sentOffsets(b, t0)).toEqual([0, 333]);
});

test("past the concurrency cap requests get 429 with error 20429; those in flight complete", async () => {
  await sim.control("POST", "/sim/config", { concurrency: 2 });
  await sim.control("POST", "/sim/faults", { apiLatencyMs: 1000 });
  let rejected = 0;
  let allRejected: () => void = () => {};
  const threeRejected = new Promise<void>((resolve) => (allRejected = resolve));
  const attempts = Array.from({ length: 5 }, (_, i) =>
    sim.client.messages.create({ from: LONG_CODE, to: CONTACT, body: `m${i}` }).then(
      (m) => ({ ok: true as const, sid: m.sid }),
      (e: unknown) => {
        if (++rejected === 3) allRejected();
        return { ok: false as const, error: e as { status: number; code: number } };
      },
    ),
  );
  await threeRejected;
  expect(sim.core.inFlight).toBe(2);
  await sim.clock.advance(1000);
  const results = await Promise.all(attempts);
  const failures = results.flatMap((r) => (r.ok ? [] : [r.error]));
  expect(results.filter((r) => r.ok)).toHaveLength(2);
  expect(failures.map((e) => [e.status, e.code])).toEqual([
    [429, 20429],
    [429, 20429],
    [429, 20429],
  ]);
  expect(failures[0]).toBeInstanceOf(twilio.RestException);
});

test("a sender's queue holds its cap in seconds of throughput; the overflow fails with 30001", async () => {
  await sim.control("POST", "/sim/config", { queueCapSeconds: 3 });
  const sids = await sendAll(LONG_CODE, ["1", "2", "3", "4"]);
  expect(sids.map((sid) => message(sid).status).slice(0, 3)).toEqual(["sent", "queued", "queued"]);
  await sim.events.waitFor((e) => e.type === "message" && e.message.sid === sids[3] && e.message.status === "failed");
  expect(message(sids[3])).toMatchObject({ status: "failed", errorCode: 30001, errorMessage: "Queue overflow" });

  await sim.control("POST", "/sim/config", { queueOverflow: "reject-21611" });
  const refused = await sim.client.messages
    .create({ from: LONG_CODE, to: CONTACT, body: "5" })
    .catch((e: unknown) => e);
  expect(refused).toMatchObject({ status: 400, code: 21611 });
  await sim.clock.advance(10_000);
  expect(sids.slice(0, 3).map((sid) => message(sid).status)).toEqual(["delivered", "delivered", "delivered"]);
});

test("carrier rules: landline 30006, unknown 30005, filtered 30007, error 30008, each after `sent`", async () => {
  const rules = {
    "+16175550001": "landline",
    "+16175550002": "unknown",
    "+16175550003": "filtered",
    "+16175550004": "error",
  };
  for (const [number, kind] of Object.entries(rules)) await sim.control("POST", "/sim/rules", { number, kind });
  await sim.control("POST", "/sim/throughput", { number: LONG_CODE, segmentsPerSecond: 100 });
  const sids: string[] = [];
  for (const to of Object.keys(rules)) sids.push(...(await sendAll(LONG_CODE, ["hi"], to)));
  await sim.clock.advance(5_000);
  const outcomes = sids.map((sid) => [message(sid).status, message(sid).errorCode, message(sid).errorMessage]);
  expect(outcomes).toEqual([
    ["undelivered", 30006, "Landline or unreachable carrier"],
    ["undelivered", 30005, "Unknown destination handset"],
    ["undelivered", 30007, "Carrier violation"],
    ["undelivered", 30008, "Unknown error"],
  ]);
  for (const sid of sids) expect(message(sid).history.map((h) => h.status)).toEqual(["queued", "sent", "undelivered"]);
  const fetched = await sim.client.messages(sids[0]).fetch();
  expect(fetched).toMatchObject({ status: "undelivered", errorCode: 30006 });
});

test("unreachable for N attempts, then delivered; or for a window of seconds", async () => {
  await sim.control("POST", "/sim/rules", { number: CONTACT, kind: "unreachable", attempts: 2 });
  const byAttempts: string[] = [];
  for (let i = 0; i < 3; i++) {
    byAttempts.push(...(await sendAll(LONG_CODE, [`try ${i}`])));
    await sim.clock.advance(5_000);
  }
  expect(byAttempts.map((sid) => [message(sid).status, message(sid).errorCode])).toEqual([
    ["undelivered", 30003],
    ["undelivered", 30003],
    ["delivered", null],
  ]);

  await sim.control("POST", "/sim/rules", { number: CONTACT, kind: "unreachable", seconds: 60 });
  const [early] = await sendAll(LONG_CODE, ["early"]);
  await sim.clock.advance(61_000);
  const [late] = await sendAll(LONG_CODE, ["late"]);
  await sim.clock.advance(5_000);
  expect([message(early).errorCode, message(late).status]).toEqual([30003, "delivered"]);
});

test("fault injection: a share of messages fails with 30008 without being sent", async () => {
  await sim.control("POST", "/sim/faults", { messageErrorRate: 1 });
  const [sid] = await sendAll(LONG_CODE, ["doomed"]);
  await sim.clock.advance(5_000);
  expect(message(sid)).toMatchObject({ status: "failed", errorCode: 30008, dateSent: null });
  await sim.control("DELETE", "/sim/faults");
  const [ok] = await sendAll(LONG_CODE, ["fine"]);
  await sim.clock.advance(5_000);
  expect(message(ok).status).toBe("delivered");
});

test("the REST error fault answers 500 with 20500", async () => {
  await sim.control("POST", "/sim/faults", { apiErrorRate: 1 });
  const error = await sim.client.messages.list().catch((e: unknown) => e);
  expect(error).toMatchObject({ status: 500, code: 20500 });
});
