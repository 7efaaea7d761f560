/**
 * Every figure of the Analytics tab and the dashboard on a designed data set, driven through the
 * real engine (fake Twilio Messages API, the sender, status callbacks, inbound webhooks, agents'
 * replies and opt-outs) with fake timers: retries, duplicate and late callbacks and repeated
 * webhooks count once; keywords don't make a contact "responded"; the median over an even count.
 */
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api, internal } from "./_generated/api";
import type { Doc, Id } from "./_generated/dataModel";
import { insertConversation } from "./model/conversations/conversations";
import { enqueueOutbound } from "./model/sending/outbound";
import { addResponseTime, medianResponseTime } from "./model/analytics/responseTimes";
import { codeOf, fakeMessages, messagingWorld, newTest, runScheduled, twilioRestError, type T } from "./setup.test";

vi.mock("./twilio/sdk", async () => (await import("./setup.test")).fakeTwilioSdk());

const NOON_EASTERN = Date.UTC(2026, 3, 15, 16);
const SECOND = 1000;

beforeEach(() => {
  vi.useFakeTimers({ now: NOON_EASTERN });
  vi.stubEnv("CONVEX_SITE_URL", "https://parley-test.convex.site");
  fakeMessages.reset();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

const SET_REPLY = "Thanks! An advisor will follow up.";

async function world() {
  const t = newTest();
  const w = await messagingWorld(t, { vaFallback: "setReply", vaSetReply: SET_REPLY });
  const e164 = (await t.run(async (ctx) => await ctx.db.get("phoneNumbers", w.numberId)))!.e164;
  // Three more contacts: Cy (a landline: undelivered), Dee (opted out before her text goes), Eve (VA-operated).
  const more = await t.run(async (ctx) => {
    const ids: Id<"conversations">[] = [];
    for (const [i, name] of ["Cy", "Dee", "Eve"].entries()) {
      const phone = `+1617555020${i}`;
      const contactId = await ctx.db.insert("contacts", { phone, optedOut: false });
      ids.push(
        await insertConversation(ctx, {
          ...{ officeId: w.admissions, numberId: w.numberId, contactId, campaignId: w.campaignId, phone },
          ...{ firstName: name, lastName: "Test", operatedBy: name === "Eve" ? "va" : "agent" },
          ...{ inboxes: { userIds: [], officeIds: [w.admissions] }, now: Date.now() },
        }),
      );
    }
    return { cyConv: ids[0], deeConv: ids[1], eveConv: ids[2] };
  });
  return { t, ...w, ...more, e164 };
}
type World = Awaited<ReturnType<typeof world>>;

const conversation = (w: World, id: Id<"conversations">) =>
  w.t.run(async (ctx) => (await ctx.db.get("conversations", id)) as Doc<"conversations">);

async function campaignText(w: World, conversationId: Id<"conversations">) {
  return await w.t.run(async (ctx) => {
    const c = (await ctx.db.get("conversations", conversationId)) as Doc<"conversations">;
    return await enqueueOutbound(ctx, { conversation: c, body: `Hi ${c.firstName}`, author: "campaign" }, Date.now());
  });
}

const sidOf = async (w: World, conversationId: Id<"conversations">) => {
  const c = await conversation(w, conversationId);
  return (await w.t.run(async (ctx) => await ctx.db.get("messages", c.campaignMessageId!)))!.twilioSid!;
};

async function callback(w: World, sid: string, status: string, errorCode?: number) {
  const params = { MessageSid: sid, MessageStatus: status, ...(errorCode ? { ErrorCode: String(errorCode) } : {}) };
  return await w.t.mutation(internal.twilio.status.receive, { params, receivedAt: Date.now() });
}

let sids = 0;
async function text(w: World, from: string, body: string, sid = `SMin${++sids}`) {
  return await w.t.mutation(internal.twilio.inbound.receive, {
    params: { MessageSid: sid, From: from, To: w.e164, Body: body },
  });
}

const analytics = (w: World) => w.sam.query(api.analytics.campaign, { campaignId: w.campaignId });
const phoneOf = async (w: World, id: Id<"conversations">) => (await conversation(w, id)).phone;

test("send status, engagement and responses count each text once through retries, repeated callbacks and webhooks", async () => {
  const w = await world();
  const all = [w.adaConv, w.benConv, w.cyConv, w.deeConv, w.eveConv];
  for (const id of all) await campaignText(w, id);
  expect((await analytics(w)).sendStatus).toEqual({ total: 0, succeeded: 0, failed: 0, waiting: 5, canceled: 0 });

  // Dee is opted out by hand from her conversation before her text goes: canceled, and an opt-out of this campaign.
  const dee = await conversation(w, w.deeConv);
  await w.sam.mutation(api.contacts.optOut, { contactId: dee.contactId, context: { conversationId: dee._id } });
  // Twilio is briefly down for the first send: it is retried, and still counts once.
  fakeMessages.failures.push({ error: twilioRestError(503) });
  await runScheduled(w.t);
  expect(fakeMessages.creates).toHaveLength(4);
  expect((await analytics(w)).sendStatus).toEqual({ total: 4, succeeded: 0, failed: 0, waiting: 0, canceled: 1 });

  const [ada, ben, cy, eve] = await Promise.all([w.adaConv, w.benConv, w.cyConv, w.eveConv].map((id) => sidOf(w, id)));
  // Ada: sent, delivered, delivered again, then a late "sent": counted once, as succeeded.
  for (const status of ["sent", "delivered", "delivered", "sent"]) await callback(w, ada, status);
  for (const status of ["sent", "delivered"]) await callback(w, ben, status);
  await callback(w, cy, "undelivered", 30006); // a landline: final
  await callback(w, cy, "undelivered", 30006);
  // Eve's phone is unreachable (30003): resent ten minutes later, delivered on the new attempt.
  await callback(w, eve, "undelivered", 30003);
  expect((await analytics(w)).sendStatus).toEqual({ total: 3, succeeded: 2, failed: 1, waiting: 1, canceled: 1 });
  await runScheduled(w.t);
  const eveAgain = await sidOf(w, w.eveConv);
  expect(eveAgain).not.toBe(eve);
  await callback(w, eveAgain, "delivered");
  await callback(w, eve, "undelivered", 30003); // the replaced attempt's late duplicate
  const sent = await analytics(w);
  expect(sent.sendStatus).toEqual({ total: 4, succeeded: 3, failed: 1, waiting: 0, canceled: 1 });
  expect(sent.engagement).toEqual({ messaged: 3, responded: 0, optedOut: 1, rate: 0 });

  // Replies: Ada twice (and Twilio retries one webhook), Ben STOP, Eve HELP then a question the VA can't answer.
  await text(w, w.ada.phone, "When is the open house?", "SMada1");
  await text(w, w.ada.phone, "When is the open house?", "SMada1");
  await text(w, w.ada.phone, "Also, is parking free?");
  await text(w, w.ben.phone, "STOP");
  await text(w, await phoneOf(w, w.eveConv), "HELP");
  await text(w, await phoneOf(w, w.eveConv), "Can my parents come along?");
  vi.advanceTimersByTime(15 * SECOND);
  await w.sam.mutation(api.conversations.sendReply, {
    conversationId: w.adaConv,
    body: "Friday 5pm; parking is free.",
  });
  const result = await analytics(w);
  expect(result.engagement).toEqual({ messaged: 3, responded: 2, optedOut: 2, rate: 2 / 3 });
  // Contact texts: Ada 2, Ben 1 (STOP), Eve 2 (HELP included); agent 1; chatbot 1 (the set reply; HELP's answer is Parley's).
  expect(result.responses).toMatchObject({ contact: 5, agent: 1, chatbot: 1, agentResponseSamples: 1 });
  expect(Math.round(result.responses.medianAgentResponseMs! / SECOND)).toBe(15);
  // Ben opting out a second time (START, then STOP again) is still one opt-out of this campaign.
  await text(w, w.ben.phone, "START");
  await text(w, w.ben.phone, "STOP");
  expect((await analytics(w)).engagement.optedOut).toBe(2);
});

test("a carrier opt-out (21610) counts as an opt-out of the text's campaign", async () => {
  const w = await world();
  await campaignText(w, w.adaConv);
  fakeMessages.failures.push({ error: twilioRestError(400, 21610, "Attempt to send to unsubscribed recipient") });
  await runScheduled(w.t);
  const result = await analytics(w);
  expect(result.sendStatus).toMatchObject({ total: 1, failed: 1, succeeded: 0 });
  expect(result.engagement).toMatchObject({ messaged: 0, optedOut: 1, rate: null });
});

test("median agent response time: from the contact's first unanswered text to the agent's reply; even counts average", async () => {
  const w = await world();
  const reply = (conversationId: Id<"conversations">) =>
    w.sam.mutation(api.conversations.sendReply, { conversationId, body: "On it." });
  const later = (ms: number) => vi.advanceTimersByTime(ms);
  // Inside a function convex-test's clock may run a millisecond ahead of the test's: compare seconds.
  const median = async () => {
    const { medianAgentResponseMs, agentResponseSamples, agent } = (await analytics(w)).responses;
    return { seconds: Math.round((medianAgentResponseMs ?? NaN) / SECOND), agentResponseSamples, agent };
  };

  // Ada waits 30 s.
  await text(w, w.ada.phone, "Question one");
  later(30 * SECOND);
  await reply(w.adaConv);
  expect(await median()).toMatchObject({ seconds: 30, agentResponseSamples: 1 });
  // A second reply with nothing new from Ada is not a response time.
  await reply(w.adaConv);
  // Ben texts twice; the wait runs from his first text: 70 s.
  await text(w, w.ben.phone, "Hello?");
  later(10 * SECOND);
  await text(w, w.ben.phone, "Anyone there?");
  later(60 * SECOND);
  await reply(w.benConv);
  expect(await median()).toMatchObject({ seconds: 50, agentResponseSamples: 2, agent: 3 });
  // Eve (VA-operated) is answered by the VA's set reply: her wait ends there, no agent sample later.
  await text(w, await phoneOf(w, w.eveConv), "Can I bring a friend?");
  later(5 * SECOND);
  await reply(w.eveConv);
  // Cy waits 50 s, then Ada 200 s: samples 30, 70, 50, 200 → median (50 + 70) / 2 = 60 s.
  await text(w, await phoneOf(w, w.cyConv), "Hi");
  later(50 * SECOND);
  await reply(w.cyConv);
  expect(await median()).toMatchObject({ seconds: 50, agentResponseSamples: 3 });
  await text(w, w.ada.phone, "Question two");
  later(200 * SECOND);
  await reply(w.adaConv);
  expect(await median()).toMatchObject({ seconds: 60, agentResponseSamples: 4 });
});

test("the median cursor matches a sorted list for any sequence of response times (ties included)", async () => {
  const t: T = newTest();
  const campaignIds = await t.run(async (ctx) => {
    const officeId = await ctx.db.insert("offices", { name: "A", userCount: 0 });
    const userId = await ctx.db.insert("users", { officeIds: [officeId], viewOtherOffices: false });
    const ids: Id<"campaigns">[] = [];
    for (let i = 0; i < 60; i++)
      ids.push(
        await ctx.db.insert("campaigns", {
          ...{ officeId, title: "p", tags: [], message: "", operatedBy: "agent", vaFallback: "escalate" },
          ...{ vaSetReply: "", inboxes: { userIds: [], officeIds: [] }, autoArchiveDays: 7, status: "active" },
          ...{ timeZone: "UTC", createdBy: userId, updatedAt: 0 },
        }),
      );
    return ids;
  });
  let run = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 40 }), async (times) => {
      const campaignId = campaignIds[run++];
      const medians = await t.run(async (ctx) => {
        const seen: (number | null)[] = [];
        for (const ms of times) {
          await addResponseTime(ctx, campaignId, ms * 1000);
          seen.push((await medianResponseTime(ctx, campaignId)).medianMs);
        }
        return seen;
      });
      const expected = times.map((_, i) => {
        const sorted = times.slice(0, i + 1).sort((a, b) => a - b);
        const mid = Math.floor((sorted.length - 1) / 2);
        return (sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid] + sorted[mid + 1]) / 2) * 1000;
      });
      expect(medians).toEqual(expected);
    }),
    { numRuns: 60 },
  );
});

test("contact message activity: per hour on the first day, per day after it, in the campaign's time zone", async () => {
  const w = await world();
  await w.t.run(async (ctx) => await ctx.db.patch("campaigns", w.campaignId, { timeZone: "America/New_York" }));
  const launched = Date.now(); // 12:00 in New York
  const activity = (now: number) => w.sam.query(api.analytics.activity, { campaignId: w.campaignId, now });
  await text(w, w.ada.phone, "one");
  vi.advanceTimersByTime(90 * 60_000); // 13:30
  await text(w, w.ben.phone, "two");
  await text(w, w.ada.phone, "three");
  const hourly = await activity(Date.now());
  expect(hourly.unit).toBe("hour");
  expect(hourly.buckets).toEqual([
    { start: launched, count: 1 },
    { start: launched + 3_600_000, count: 2 },
  ]);
  vi.advanceTimersByTime(2 * 86_400_000); // two days later, 13:30
  await text(w, w.ben.phone, "four");
  const daily = await activity(Date.now());
  expect(daily.unit).toBe("day");
  const midnight = Date.UTC(2026, 3, 15, 4); // 15 April 00:00 EDT
  expect(daily.buckets).toEqual([
    { start: midnight, count: 3 },
    { start: midnight + 86_400_000, count: 0 },
    { start: midnight + 2 * 86_400_000, count: 1 },
  ]);
  // Three months on: per month; an archived campaign's range ends when it was archived.
  expect((await activity(launched + 95 * 86_400_000)).unit).toBe("month");
  await w.t.run(async (ctx) => await ctx.db.patch("campaigns", w.campaignId, { archivedAt: launched + 3_600_000 }));
  expect((await activity(launched + 95 * 86_400_000)).unit).toBe("hour");
});

describe("the supervisor dashboard", () => {
  test("lists the offices' active campaigns with needs attention, engagement, failures and agent replies in the last hour", async () => {
    const w = await world();
    await campaignText(w, w.adaConv);
    await campaignText(w, w.benConv);
    await campaignText(w, w.cyConv);
    await runScheduled(w.t);
    await callback(w, await sidOf(w, w.adaConv), "delivered");
    await callback(w, await sidOf(w, w.benConv), "delivered");
    await callback(w, await sidOf(w, w.cyConv), "undelivered", 30006);
    await text(w, w.ada.phone, "Question");
    await text(w, w.ben.phone, "Another question");
    await w.sam.mutation(api.conversations.sendReply, { conversationId: w.adaConv, body: "Answer" });
    const since = Date.now() - 3_600_000;
    const rows = await w.sam.query(api.analytics.dashboard, { since });
    expect(rows).toEqual([
      expect.objectContaining({
        ...{ campaignId: w.campaignId, title: "Fall open house", officeName: "Admissions", needsAttention: 1 },
        ...{ messaged: 2, responded: 2, engagementRate: 1, totalSent: 3, failed: 1, agentResponsesLastHour: 1 },
      }),
    ]);
    vi.advanceTimersByTime(2 * 3_600_000);
    expect((await w.sam.query(api.analytics.dashboard, { since: Date.now() - 3_600_000 }))[0]).toMatchObject({
      agentResponsesLastHour: 0,
    });
    // Another office's supervisor sees none of it; a Limited user has no dashboard.
    expect(await w.avery.query(api.analytics.dashboard, { since })).toEqual([]);
    expect(await w.avery.query(api.analytics.dashboard, { since, officeId: w.admissions })).toEqual([]);
    expect(await codeOf(w.lee.query(api.analytics.dashboard, { since }))).toBe("FORBIDDEN");
    expect((await w.lee.query(api.analytics.campaign, { campaignId: w.campaignId })).engagement.messaged).toBe(2);
    expect(await codeOf(w.avery.query(api.analytics.campaign, { campaignId: w.campaignId }))).toBe("FORBIDDEN");
  });
});
