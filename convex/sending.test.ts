/**
 * Sending end to end on convex-test with a fake Twilio Messages API behind the SDK boundary:
 * queueing and its refusals, the sender's ticks (pacing, replies first, quiet hours), Twilio's
 * answers (retries with backoff, failures with reasons, carrier opt-out), lost answers (adopting
 * the copy Twilio has instead of sending twice) and the campaign fan-out. Fake timers throughout.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api, internal } from "./_generated/api";
import type { Doc, Id } from "./_generated/dataModel";
import { FAN_OUT_BATCH, fanOutBatch } from "./model/sending/fanOut";
import { cancelPendingForContact, enqueueOutbound, type OutboundAuthor } from "./model/sending/outbound";
import { WINDOW_MS } from "./model/sending/pacing";
import { STUCK_MS } from "./model/sending/record";
import {
  campaignWorld,
  codeOf,
  fakeMessages,
  networkError,
  newTest,
  runScheduled,
  sendingWorld,
  twilioRestError,
  type T,
} from "./setup.test";

vi.mock("./twilio/sdk", async () => (await import("./setup.test")).fakeTwilioSdk());

const SITE = "https://parley-test.convex.site";
/** Noon in Boston on a spring weekday: inside every US sending window. */
const NOON_EASTERN = Date.UTC(2026, 3, 15, 16);

beforeEach(() => {
  vi.useFakeTimers({ now: NOON_EASTERN });
  vi.stubEnv("CONVEX_SITE_URL", SITE);
  fakeMessages.reset();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

type World = Awaited<ReturnType<typeof sendingWorld>> & { t: T };

async function world(options: Parameters<typeof sendingWorld>[1] = {}): Promise<World> {
  const t = newTest();
  return { t, ...(await sendingWorld(t, options)) };
}

/** `count` contacts named Jo Lee on the list, phones +1617555<first>, +1617555<first + 1>, … */
async function addJoLees(t: T, listId: Id<"contactLists">, count: number, first: number) {
  await t.run(async (ctx) => {
    for (let i = 0; i < count; i++) {
      const phone = `+1617555${first + i}`;
      const contactId = await ctx.db.insert("contacts", { phone, optedOut: false });
      await ctx.db.insert("listEntries", {
        ...{ listId, contactId, phone, firstName: "Jo", lastName: "Lee", fields: {}, row: i + 2, searchText: "" },
      });
    }
  });
}

async function queue(w: World, index: number, body: string, author: OutboundAuthor = "agent") {
  return await w.t.run(async (ctx) => {
    const conversation = (await ctx.db.get("conversations", w.contacts[index].conversationId)) as Doc<"conversations">;
    return await enqueueOutbound(ctx, { conversation, body, author }, Date.now());
  });
}

/** Runs the sender (and everything it schedules) until nothing is left to do. */
async function drain(w: World) {
  await runScheduled(w.t);
}

const message = (w: World, id: Id<"messages">) =>
  w.t.run(async (ctx) => (await ctx.db.get("messages", id)) as Doc<"messages">);

async function callback(w: World, sid: string, status: string, errorCode?: number) {
  const params = { MessageSid: sid, MessageStatus: status, ...(errorCode ? { ErrorCode: String(errorCode) } : {}) };
  return await w.t.mutation(internal.twilio.status.receive, { params, receivedAt: Date.now() });
}

/** Runs scheduled work until `done` holds (for worlds with jobs far ahead, such as a campaign's auto-archive). */
async function runUntil(t: T, done: () => Promise<boolean>) {
  await runScheduled(t, { until: done });
}

/** Runs scheduled work for `ms` of (fake) time. */
async function runFor(t: T, ms: number) {
  await runScheduled(t, { deadline: Date.now() + ms });
}

const outboxRows = (w: World) => w.t.run(async (ctx) => await ctx.db.query("outbox").collect());

/** The most segments the fake Twilio saw created in any one-second window. */
function maxInAnyWindow(creates: { at: number; body: string }[], segmentsOf: (body: string) => number): number {
  let max = 0;
  for (const start of creates)
    max = Math.max(
      max,
      creates
        .filter((c) => c.at >= start.at && c.at < start.at + WINDOW_MS)
        .reduce((s, c) => s + segmentsOf(c.body), 0),
    );
  return max;
}

describe("queueing", () => {
  test("a reply is sent once with the status callback URL, then callbacks take it to delivered", async () => {
    const w = await world();
    const id = await queue(w, 0, "Hi Casey, the office opens at 9.");
    expect(await message(w, id)).toMatchObject({
      status: "pending",
      attempts: 0,
      segments: 1,
      to: w.contacts[0].phone,
    });
    await drain(w);
    expect(fakeMessages.creates).toHaveLength(1);
    expect(fakeMessages.creates[0]).toMatchObject({
      body: "Hi Casey, the office opens at 9.",
      statusCallback: `${SITE}/twilio/status`,
    });
    const sid = fakeMessages.creates[0].sid;
    expect(await message(w, id)).toMatchObject({ status: "queued", twilioSid: sid, attempts: 1 });
    expect(await outboxRows(w)).toEqual([]);
    expect(await callback(w, sid, "sent")).toBe("applied");
    expect(await callback(w, sid, "delivered")).toBe("applied");
    const done = await message(w, id);
    expect(done.status).toBe("delivered");
    expect(done.deliveredAt).toBeDefined();
    const conversation = await w.t.run(async (ctx) => await ctx.db.get("conversations", w.contacts[0].conversationId));
    expect(conversation).toMatchObject({
      lastMessagePreview: "Hi Casey, the office opens at 9.",
      lastDirection: "outbound",
    });
  });

  test("refuses an empty or over-long text, an opted-out contact, a closed conversation, a released number", async () => {
    const w = await world({ contacts: 3 });
    expect(await codeOf(queue(w, 0, "  "))).toBe("INVALID");
    expect(await codeOf(queue(w, 0, "x".repeat(1601)))).toBe("INVALID");
    expect(await codeOf(queue(w, 0, "x".repeat(1600)))).toBe("OK");
    await w.t.run(async (ctx) => {
      await ctx.db.patch("contacts", w.contacts[1].contactId, { optedOut: true, optedOutVia: "keyword" });
      await ctx.db.patch("conversations", w.contacts[2].conversationId, { closed: true });
    });
    expect(await codeOf(queue(w, 1, "Hello"))).toBe("OPTED_OUT");
    expect(await codeOf(queue(w, 2, "Hello"))).toBe("CLOSED");
    await w.t.run(async (ctx) => await ctx.db.patch("phoneNumbers", w.numberId, { status: "released" }));
    expect(await codeOf(queue(w, 0, "Hello"))).toBe("CLOSED");
  });

  test("cancelPendingForContact cancels every queued text to the contact, and none of them is sent", async () => {
    const w = await world({ contacts: 2 });
    const mine = [await queue(w, 0, "One"), await queue(w, 0, "Two", "campaign"), await queue(w, 0, "Three", "va")];
    const other = await queue(w, 1, "Someone else");
    const canceled = await w.t.run(async (ctx) => await cancelPendingForContact(ctx, w.contacts[0].contactId));
    expect(canceled).toBe(3);
    for (const id of mine) expect(await message(w, id)).toMatchObject({ status: "canceled", errorReason: "Opted out" });
    await drain(w);
    expect(fakeMessages.creates.map((c) => c.body)).toEqual(["Someone else"]);
    expect((await message(w, other)).status).toBe("queued");
  });
});

describe("pacing", () => {
  test("never more segments than the number's rate in any one-second window, replies and retries included", async () => {
    const w = await world({ rate: 3, contacts: 6 });
    const long = "x".repeat(200); // 2 segments
    const ids = [];
    for (let i = 0; i < 24; i++)
      ids.push(await queue(w, i % 6, i % 3 === 0 ? `${long} ${i}` : `Text ${i}`, i % 4 ? "campaign" : "agent"));
    fakeMessages.failures.push({ error: twilioRestError(429, 20429) }, { error: twilioRestError(503, 20503) });
    await drain(w);
    const segmentsOf = (body: string) => (body.startsWith(long) ? 2 : 1);
    expect(maxInAnyWindow(fakeMessages.creates, segmentsOf)).toBeLessThanOrEqual(3);
    expect(new Set(fakeMessages.held.map((m) => m.body + m.to)).size).toBe(fakeMessages.held.length);
    for (const id of ids) expect((await message(w, id)).status).toBe("queued");
    const first = fakeMessages.creates[0].at;
    const last = fakeMessages.creates[fakeMessages.creates.length - 1].at;
    const segments = fakeMessages.creates.reduce((s, c) => s + segmentsOf(c.body), 0);
    // 32 segments at 3/s take at least ~10 s; pacing keeps close to the rate (margin and ticks aside).
    expect(last - first).toBeGreaterThanOrEqual(((segments - 3) / 3) * 1000);
    expect(last - first).toBeLessThan((segments / 3) * 1000 * 1.25 + 3000);
  });

  test("at 50/s: 400 texts, the rate never exceeded and nearly reached", async () => {
    const w = await world({ rate: 50, contacts: 400 });
    for (let i = 0; i < 400; i++) await queue(w, i, `Campaign text ${i}`, "campaign");
    await drain(w);
    expect(fakeMessages.creates).toHaveLength(400);
    expect(maxInAnyWindow(fakeMessages.creates, () => 1)).toBeLessThanOrEqual(50);
    const span = fakeMessages.creates[399].at - fakeMessages.creates[0].at;
    expect(400 / (span / 1000) / 50).toBeGreaterThan(0.9);
  });

  test("a reply goes before campaign texts already queued on the number", async () => {
    const w = await world({ rate: 1, contacts: 11 });
    for (let i = 0; i < 10; i++) await queue(w, i, `Campaign ${i}`, "campaign");
    await runFor(w.t, 2500);
    const before = fakeMessages.creates.length;
    expect(before).toBeLessThan(5);
    await queue(w, 10, "Agent reply");
    await drain(w);
    const order = fakeMessages.creates.map((c) => c.body);
    expect(order.indexOf("Agent reply")).toBeLessThanOrEqual(before + 1);
    expect(order).toHaveLength(11);
  });
});

describe("the last check before a reserved group fires", () => {
  test("a text reserved for a later instant is taken back when its contact opts out first", async () => {
    const w = await world({ rate: 20, contacts: 5 });
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await queue(w, i, `Text ${i}`, "campaign"));
    await runUntil(w.t, async () => fakeMessages.creates.length >= 1);
    const last = await message(w, ids[4]);
    expect(last.status).toBe("sending"); // reserved for its group, 200 ms on
    await w.t.run(async (ctx) => {
      await ctx.db.patch("contacts", w.contacts[4].contactId, { optedOut: true, optedOutVia: "keyword" });
      expect(await cancelPendingForContact(ctx, w.contacts[4].contactId)).toBe(0); // past the queue…
    });
    await drain(w);
    expect(fakeMessages.creates.map((c) => c.body)).toEqual(["Text 0", "Text 1", "Text 2", "Text 3"]);
    expect(await message(w, ids[4])).toMatchObject({ status: "canceled", errorReason: "Opted out" }); // …not sent
  });
});

describe("quiet hours", () => {
  test("a campaign text waits for the recipient's window by area code; a reply doesn't", async () => {
    vi.setSystemTime(Date.UTC(2026, 3, 15, 14)); // 10:00 in Boston, 07:00 in Los Angeles
    const w = await world({ phones: ["+12135550100", "+16175550100", "+12135550101"] });
    const la = await queue(w, 0, "Campaign to LA", "campaign");
    const boston = await queue(w, 1, "Campaign to Boston", "campaign");
    const reply = await queue(w, 2, "Reply to LA");
    expect((await message(w, la)).dueAt).toBe(Date.UTC(2026, 3, 15, 15)); // 08:00 PDT
    await runUntil(w.t, async () => fakeMessages.creates.length === 2);
    expect(fakeMessages.creates.map((c) => c.body)).toEqual(["Reply to LA", "Campaign to Boston"]);
    expect(Date.now()).toBeLessThan(Date.UTC(2026, 3, 15, 14, 1));
    await drain(w);
    expect(fakeMessages.creates[2]).toMatchObject({ body: "Campaign to LA" });
    expect(fakeMessages.creates[2].at).toBeGreaterThanOrEqual(Date.UTC(2026, 3, 15, 15));
    expect((await message(w, boston)).status).toBe("queued");
    expect((await message(w, reply)).status).toBe("queued");
  });

  test("across the spring-forward night, each text waits for 08:00 in its own zone", async () => {
    vi.setSystemTime(Date.UTC(2026, 2, 8, 6, 30)); // 01:30 EST in Boston, 23:30 MST in Phoenix
    const w = await world({ phones: ["+16175550100", "+16025550100"] });
    await queue(w, 0, "Boston", "campaign");
    await queue(w, 1, "Phoenix", "campaign");
    await runUntil(w.t, async () => fakeMessages.creates.length === 2);
    const at = Object.fromEntries(fakeMessages.creates.map((c) => [c.body, c.at]));
    expect(at.Boston - Date.UTC(2026, 2, 8, 12)).toBeGreaterThanOrEqual(0); // 08:00 EDT, not 13:00 UTC
    expect(at.Boston - Date.UTC(2026, 2, 8, 12)).toBeLessThan(60_000);
    expect(at.Phoenix - Date.UTC(2026, 2, 8, 15)).toBeGreaterThanOrEqual(0); // 08:00 MST
    expect(at.Phoenix - Date.UTC(2026, 2, 8, 15)).toBeLessThan(60_000);
  });

  test("texts a backed-up queue reaches after 21:00 wait until 08:00 the next morning", async () => {
    vi.setSystemTime(Date.UTC(2026, 3, 16, 0, 59, 58)); // 20:59:58 in Boston
    const w = await world({ rate: 1, contacts: 4 });
    for (let i = 0; i < 4; i++) await queue(w, i, `Campaign ${i}`, "campaign");
    await drain(w);
    const times = fakeMessages.creates.map((c) => c.at);
    expect(times.filter((t) => t < Date.UTC(2026, 3, 16, 1))).toHaveLength(2);
    expect(times.filter((t) => t >= Date.UTC(2026, 3, 16, 12))).toHaveLength(2); // 08:00 EDT
  });
});

describe("Twilio's answers", () => {
  test("429s and 5xx are retried with backoff until sent, each text created exactly once", async () => {
    const w = await world({ rate: 10, contacts: 5 });
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await queue(w, i, `Notice ${i}`));
    fakeMessages.failures.push(
      { error: twilioRestError(429, 20429, "Too Many Requests") },
      { error: twilioRestError(500, 20500, "Internal Server Error") },
      { error: twilioRestError(502, undefined, "Bad Gateway"), afterCreate: true },
      { error: networkError("ECONNREFUSED") },
      { error: twilioRestError(429, 20429, "Too Many Requests") },
    );
    await runFor(w.t, 300);
    const retrying = await Promise.all(ids.map(async (id) => (await message(w, id)).status));
    expect(retrying.filter((s) => s === "retrying")).toHaveLength(5);
    expect((await message(w, ids[0])).errorReason).toMatch(/busy/);
    await drain(w);
    for (const id of ids) expect((await message(w, id)).status).toBe("queued");
    for (let i = 0; i < 5; i++) expect(fakeMessages.held.filter((m) => m.body === `Notice ${i}`)).toHaveLength(1);
    const adopted = await message(w, ids[2]);
    expect(adopted.twilioSid).toBe(fakeMessages.held.find((m) => m.body === "Notice 2")?.sid);
  });

  test("a timeout after Twilio accepted the text: the retry adopts Twilio's copy instead of sending again", async () => {
    const w = await world();
    const id = await queue(w, 0, "Your appointment is at 3pm.");
    fakeMessages.failures.push({ error: networkError("ECONNABORTED"), afterCreate: true });
    await drain(w);
    expect(fakeMessages.creates).toHaveLength(1);
    const m = await message(w, id);
    expect(m).toMatchObject({ status: "queued", twilioSid: fakeMessages.creates[0].sid, attempts: 1 });
    expect(m.errorReason).toBeUndefined();
    expect(await callback(w, fakeMessages.creates[0].sid, "delivered")).toBe("applied");
  });

  test("a copy Twilio holds for another message of the same text is not adopted", async () => {
    const w = await world();
    const first = await queue(w, 0, "Thanks!");
    await drain(w);
    const second = await queue(w, 0, "Thanks!");
    fakeMessages.failures.push({ error: networkError("ECONNRESET") }); // lost before reaching Twilio
    await drain(w);
    expect(fakeMessages.creates).toHaveLength(2);
    expect((await message(w, second)).twilioSid).not.toBe((await message(w, first)).twilioSid);
  });

  test("a send lost with its process is found by the sweep and adopted, or sent when Twilio never got it", async () => {
    const w = await world({ rate: 100, contacts: 2 });
    const sent = await queue(w, 0, "Sent before the crash");
    const lost = await queue(w, 1, "Lost before Twilio");
    // A tick claims both, then its process dies: one request had reached Twilio, one hadn't.
    const token = await w.t.run(async (ctx) => (await ctx.db.query("senders").first())?.token ?? 0);
    const claim = await w.t.mutation(internal.twilio.sends.claim, { numberId: w.numberId, token });
    expect(claim.sends).toHaveLength(2);
    const copy = await fakeMessages
      .sdk()
      .messages.create({ ...claim.sends[0], statusCallback: `${SITE}/twilio/status` });
    expect((await message(w, sent)).status).toBe("sending");
    await vi.advanceTimersByTimeAsync(STUCK_MS + 1000);
    expect(await w.t.mutation(internal.twilio.sends.sweep, {})).toBe(2);
    expect((await message(w, sent)).status).toBe("retrying");
    await drain(w);
    expect(fakeMessages.creates.map((c) => c.body).sort()).toEqual(["Lost before Twilio", "Sent before the crash"]);
    expect(await message(w, sent)).toMatchObject({ status: "queued", twilioSid: copy.sid, attempts: 1 });
    expect(await message(w, lost)).toMatchObject({ status: "queued", attempts: 2 });
  });

  test("final errors fail the text with the carrier's reason; 21610 opts the contact out and cancels the rest", async () => {
    const w = await world({ rate: 1, contacts: 2 });
    const invalid = await queue(w, 0, "First");
    const optedOut = await queue(w, 1, "Second");
    const queuedAfter = await queue(w, 1, "Third", "campaign");
    fakeMessages.failures.push(
      { error: twilioRestError(400, 21211, "The 'To' number is not a valid phone number.") },
      { error: twilioRestError(400, 21610, "Attempt to send to unsubscribed recipient") },
    );
    await drain(w);
    expect(await message(w, invalid)).toMatchObject({
      status: "failed",
      errorCode: 21211,
      errorReason: "Invalid phone number",
    });
    expect(await message(w, optedOut)).toMatchObject({ status: "failed", errorCode: 21610 });
    expect((await message(w, optedOut)).errorReason).toMatch(/opted out/);
    expect(await message(w, queuedAfter)).toMatchObject({ status: "canceled", errorReason: "Opted out" });
    const contact = await w.t.run(async (ctx) => await ctx.db.get("contacts", w.contacts[1].contactId));
    expect(contact).toMatchObject({ optedOut: true, optedOutVia: "carrier" });
    expect(fakeMessages.creates).toHaveLength(0);
  });

  test("transient errors give up after the last attempt with the reason", async () => {
    const w = await world();
    const id = await queue(w, 0, "Never makes it");
    for (let i = 0; i < 8; i++) fakeMessages.failures.push({ error: twilioRestError(429, 20429) });
    await drain(w);
    const m = await message(w, id);
    expect(m).toMatchObject({ status: "failed", attempts: 8 });
    expect(m.errorReason).toMatch(/gave up after 8 attempts/);
  });
});

describe("status callbacks", () => {
  test("undelivered 30003 is resent later as a new attempt; the old send's late callbacks are ignored", async () => {
    const w = await world();
    const id = await queue(w, 0, "Reminder: classes start Monday.");
    await drain(w);
    const firstSid = fakeMessages.creates[0].sid;
    expect(await callback(w, firstSid, "undelivered", 30003)).toBe("retrying");
    const retrying = await message(w, id);
    expect(retrying).toMatchObject({ status: "retrying", errorCode: 30003 });
    expect(retrying.errorReason).toMatch(/Unreachable/);
    expect(retrying.dueAt).toBeGreaterThan(Date.now() + 8 * 60_000);
    expect(await callback(w, firstSid, "sent")).toBe("ignored (superseded by a retry)");
    await drain(w);
    expect(fakeMessages.creates).toHaveLength(2);
    const secondSid = fakeMessages.creates[1].sid;
    expect(await message(w, id)).toMatchObject({ status: "queued", twilioSid: secondSid, attempts: 2 });
    expect(await callback(w, firstSid, "delivered")).toBe("ignored (superseded by a retry)");
    expect(await callback(w, secondSid, "delivered")).toBe("applied");
    expect((await message(w, id)).status).toBe("delivered");
  });

  test("unreachable on every attempt ends undelivered after the last one", async () => {
    const w = await world();
    const id = await queue(w, 0, "Are you there?");
    for (let attempt = 1; attempt <= 3; attempt++) {
      await drain(w);
      expect(fakeMessages.creates).toHaveLength(attempt);
      await callback(w, fakeMessages.creates[attempt - 1].sid, "undelivered", 30003);
    }
    await drain(w);
    expect(fakeMessages.creates).toHaveLength(3);
    expect(await message(w, id)).toMatchObject({ status: "undelivered", errorCode: 30003, attempts: 3 });
  });

  test("callbacks that arrive before the send is recorded wait, then apply in order", async () => {
    const w = await world();
    const id = await queue(w, 0, "Quick one");
    const token = await w.t.run(async (ctx) => (await ctx.db.query("senders").first())?.token ?? 0);
    const claim = await w.t.mutation(internal.twilio.sends.claim, { numberId: w.numberId, token });
    const created = await fakeMessages
      .sdk()
      .messages.create({ ...claim.sends[0], statusCallback: `${SITE}/twilio/status` });
    expect(await callback(w, created.sid, "delivered")).toBe("waiting for the send to be recorded");
    expect(await callback(w, created.sid, "sent")).toBe("waiting for the send to be recorded");
    expect(await callback(w, created.sid, "sent")).toBe("duplicate");
    const result = { kind: "accepted" as const, sid: created.sid, status: "queued" };
    await w.t.mutation(internal.twilio.sends.record, {
      ...{ numberId: w.numberId, at: claim.sends[0].sendAt, answers: [{ settledAt: Date.now(), segments: 1 }] },
      results: [{ messageId: id, claimedAt: Date.now(), result }],
    });
    const m = await message(w, id);
    expect(m).toMatchObject({ status: "delivered", twilioSid: created.sid });
    expect(m.sentAt).toBeDefined();
  });
});

describe("campaign fan-out", () => {
  test("one conversation and one text per contact not opted out, in batches, through launch", async () => {
    const t = newTest();
    const w = await campaignWorld(t);
    const phones = Array.from({ length: 450 }, (_, i) => `+1617555${String(3000 + i)}`);
    await t.run(async (ctx) => {
      await ctx.db.patch("phoneNumbers", w.numberId, { messagesPerSecond: 100 });
      for (const [i, phone] of phones.entries()) {
        const contactId = await ctx.db.insert("contacts", { phone, optedOut: i % 100 === 7 });
        await ctx.db.insert("listEntries", {
          ...{ listId: w.listId, contactId, phone, firstName: `Ana${i}`, lastName: "Diaz" },
          ...{ fields: { Program: i % 2 ? "Nursing" : "Biology" }, row: i + 2, searchText: "" },
        });
      }
    });
    const campaignId = await w.sam.mutation(api.campaigns.create, w.ready);
    await w.sam.mutation(api.campaigns.launch, { campaignId });
    const outboxEmpty = async () => (await t.run(async (ctx) => await ctx.db.query("outbox").first())) === null;
    await runUntil(t, async () => fakeMessages.creates.length >= 445 && (await outboxEmpty()));
    const conversations = await t.run(
      async (ctx) =>
        await ctx.db
          .query("conversations")
          .withIndex("by_campaignId_and_contactId", (q) => q.eq("campaignId", campaignId))
          .collect(),
    );
    expect(conversations).toHaveLength(445);
    expect(fakeMessages.creates).toHaveLength(445);
    expect(fakeMessages.creates[0].body).toBe("Hi Ana0, your Biology open house is Friday at 5pm.");
    const first = conversations[0];
    const text = await t.run(async (ctx) => await ctx.db.get("messages", first.campaignMessageId as Id<"messages">));
    expect(text).toMatchObject({ author: "campaign", campaignId, status: "queued", conversationId: first._id });
    expect(first).toMatchObject({ operatedBy: "agent", closed: false, lastDirection: "outbound" });
    const optedOut = phones.filter((_, i) => i % 100 === 7);
    expect(fakeMessages.creates.filter((c) => optedOut.includes(c.to))).toEqual([]);
  });

  test("a batch stays far inside a transaction's limits, whatever the list's size", async () => {
    const t = newTest();
    const w = await campaignWorld(t);
    await addJoLees(t, w.listId, 2 * FAN_OUT_BATCH, 5000);
    const campaignId = await w.sam.mutation(api.campaigns.create, w.ready);
    await t.run(async (ctx) => await ctx.db.patch("campaigns", campaignId, { status: "active" }));
    const used = await t.run(async (ctx) => {
      await fanOutBatch(ctx, campaignId, null, Date.now());
      const m = await ctx.meta.getTransactionMetrics();
      return { read: m.documentsRead.used, written: m.documentsWritten.used };
    });
    // Convex allows 32,000 documents read and 16,000 written per transaction.
    expect(used.read).toBeLessThan(2000);
    expect(used.written).toBeLessThan(1500);
  });

  test("texts still queued when the campaign ends are canceled, not sent", async () => {
    const t = newTest();
    const w = await campaignWorld(t);
    await addJoLees(t, w.listId, 5, 4000);
    const campaignId = await w.sam.mutation(api.campaigns.create, w.ready);
    await w.sam.mutation(api.campaigns.launch, { campaignId });
    await runFor(t, 1500);
    const sentBeforeEnd = fakeMessages.creates.length;
    expect(sentBeforeEnd).toBeLessThan(5);
    await w.sam.mutation(api.campaigns.end, { campaignId });
    await runScheduled(t);
    expect(fakeMessages.creates).toHaveLength(sentBeforeEnd);
    const texts = await t.run(async (ctx) => await ctx.db.query("messages").collect());
    expect(texts.filter((m) => m.status === "canceled").every((m) => m.errorReason === "Campaign ended")).toBe(true);
    expect(texts.filter((m) => m.status === "canceled")).toHaveLength(5 - sentBeforeEnd);
  });
});
