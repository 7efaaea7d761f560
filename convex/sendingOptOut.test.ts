/**
 * A property: opt-outs interleaved with sending never let a text that was still queued when the
 * opt-out committed reach Twilio afterwards — including texts queued long before it, retries,
 * and texts whose tick is running at that moment. Only texts already handed to Twilio (claimed,
 * `sending`) when the opt-out commits may still be created: they were past recall.
 */
import fc from "fast-check";
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import type { Doc, Id } from "./_generated/dataModel";
import { cancelPendingForContact, enqueueOutbound } from "./model/sending/outbound";
import { fakeMessages, newTest, sendingWorld, twilioRestError } from "./setup.test";

vi.mock("./twilio/sdk", async () => (await import("./setup.test")).fakeTwilioSdk());

beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2026, 3, 15, 16) });
  vi.stubEnv("CONVEX_SITE_URL", "https://parley-test.convex.site");
  fakeMessages.reset();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

const step = fc.oneof(
  fc.record({ kind: fc.constant("advance" as const), ms: fc.integer({ min: 0, max: 700 }) }),
  fc.record({ kind: fc.constant("optOut" as const), contact: fc.nat(5) }),
  fc.record({ kind: fc.constant("enqueue" as const), contact: fc.nat(5), campaign: fc.boolean() }),
);

const scenario = fc.record({
  rate: fc.integer({ min: 1, max: 12 }),
  contacts: fc.integer({ min: 2, max: 6 }),
  initial: fc.array(fc.record({ contact: fc.nat(5), campaign: fc.boolean() }), { minLength: 1, maxLength: 20 }),
  steps: fc.array(step, { minLength: 1, maxLength: 25 }),
  latencyMs: fc.array(fc.integer({ min: 0, max: 120 }), { minLength: 1, maxLength: 8 }),
  failEvery: fc.integer({ min: 0, max: 5 }),
});

test("no text queued before an opt-out is sent after it", async () => {
  await fc.assert(
    fc.asyncProperty(scenario, async (s) => {
      fakeMessages.reset();
      const t = newTest();
      const w = await sendingWorld(t, { rate: s.rate, contacts: s.contacts });
      let texts = 0;
      let creates = 0;
      fakeMessages.duringCreate = async () => {
        creates += 1;
        await new Promise((resolve) => setTimeout(resolve, s.latencyMs[creates % s.latencyMs.length]));
        if (s.failEvery > 0 && creates % s.failEvery === 0)
          fakeMessages.failures.unshift({ error: twilioRestError(429, 20429) });
      };
      const enqueue = async (contact: number, campaign: boolean) => {
        const c = w.contacts[contact % s.contacts];
        texts += 1;
        const body = `Text ${texts}`;
        await t
          .run(async (ctx) => {
            const conversation = (await ctx.db.get("conversations", c.conversationId)) as Doc<"conversations">;
            await enqueueOutbound(ctx, { conversation, body, author: campaign ? "campaign" : "agent" }, Date.now());
          })
          .catch(() => undefined); // OPTED_OUT once the contact opted out
      };
      /** Per opted-out contact: how many creates Twilio had seen, and the texts in flight, when it committed. */
      const optOuts = new Map<string, { seen: number; inFlight: Set<string> }>();
      for (const text of s.initial) await enqueue(text.contact, text.campaign);
      for (const action of s.steps) {
        if (action.kind === "advance") await vi.advanceTimersByTimeAsync(action.ms);
        if (action.kind === "enqueue") await enqueue(action.contact, action.campaign);
        if (action.kind === "optOut") {
          const c = w.contacts[action.contact % s.contacts];
          if (optOuts.has(c.phone)) continue;
          const record = await t.run(async (ctx) => {
            const seen = fakeMessages.creates.length;
            await ctx.db.patch("contacts", c.contactId, { optedOut: true, optedOutVia: "keyword" });
            const inFlight = await ctx.db
              .query("messages")
              .withIndex("by_conversationId", (q) => q.eq("conversationId", c.conversationId as Id<"conversations">))
              .collect();
            await cancelPendingForContact(ctx, c.contactId);
            return { seen, inFlight: inFlight.filter((m) => m.status === "sending").map((m) => m.body) };
          });
          optOuts.set(c.phone, { seen: record.seen, inFlight: new Set(record.inFlight) });
        }
      }
      await t.finishAllScheduledFunctions(vi.runAllTimers, 100_000);
      for (const [phone, { seen, inFlight }] of optOuts) {
        const after = fakeMessages.creates.slice(seen).filter((c) => c.to === phone);
        for (const create of after) expect(inFlight.has(create.body)).toBe(true);
      }
      const all = await t.run(async (ctx) => await ctx.db.query("messages").collect());
      for (const m of all) {
        if (optOuts.has(m.to)) expect(["queued", "canceled", "failed"]).toContain(m.status);
        else expect(["queued", "failed"]).toContain(m.status);
        if (m.status === "failed") expect(m.errorReason).toMatch(/gave up/);
      }
      expect(new Set(fakeMessages.held.map((m) => m.body)).size).toBe(fakeMessages.held.length);
    }),
    { numRuns: 150, seed: 4242 },
  );
}, 300_000);
