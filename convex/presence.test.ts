/** presence.*: who else is viewing or typing in a conversation, expiry and cleanup. */
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api } from "./_generated/api";
import { TYPING_MS, VIEWING_MS } from "./model/conversations/presence";
import { codeOf, messagingWorld, newTest } from "./setup.test";

const NOW = Date.UTC(2026, 8, 1, 15);

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
});
afterEach(() => {
  vi.useRealTimers();
});

/** convex-test's clock moves a few ms per call even with fake timers. */
const near = (actual: number, expected: number) => Math.abs(actual - expected) < 50;

async function world() {
  const t = newTest();
  return { t, ...(await messagingWorld(t)) };
}

describe("presence", () => {
  test("others see who views and who types, with when each ends; nobody sees themselves", async () => {
    const w = await world();
    await w.sam.mutation(api.presence.heartbeat, { conversationId: w.adaConv, typing: false });
    await w.riley.mutation(api.presence.heartbeat, { conversationId: w.adaConv, typing: true });

    const seenBySam = await w.sam.query(api.presence.conversation, { conversationId: w.adaConv });
    expect(seenBySam).toEqual([expect.objectContaining({ name: "Riley Chen" })]);
    expect(near(seenBySam[0].viewingUntil, NOW + VIEWING_MS) && near(seenBySam[0].typingUntil, NOW + TYPING_MS)).toBe(
      true,
    );
    const seenByRiley = await w.riley.query(api.presence.campaign, { campaignId: w.campaignId });
    expect(seenByRiley).toEqual([expect.objectContaining({ name: "Sam Rivera", conversationId: w.adaConv })]);
    expect(seenByRiley[0].typingUntil).toBeLessThanOrEqual(NOW);
    expect(await w.sam.query(api.presence.conversations, { conversationIds: [w.adaConv, w.benConv] })).toHaveLength(1);
  });

  test("a heartbeat without typing keeps viewing and lets typing lapse", async () => {
    const w = await world();
    await w.riley.mutation(api.presence.heartbeat, { conversationId: w.adaConv, typing: true });
    vi.advanceTimersByTime(5_000);
    await w.riley.mutation(api.presence.heartbeat, { conversationId: w.adaConv, typing: false });
    const [riley] = await w.sam.query(api.presence.conversation, { conversationId: w.adaConv });
    expect(near(riley.viewingUntil, NOW + 5_000 + VIEWING_MS)).toBe(true);
    expect(near(riley.typingUntil, NOW + TYPING_MS)).toBe(true);
  });

  test("the scheduled cleanup deletes a row once its time passed, and not while heartbeats keep it", async () => {
    const w = await world();
    await w.riley.mutation(api.presence.heartbeat, { conversationId: w.adaConv, typing: false });
    vi.advanceTimersByTime(10_000);
    await w.riley.mutation(api.presence.heartbeat, { conversationId: w.adaConv, typing: false });
    vi.advanceTimersByTime(VIEWING_MS - 10_000 + 1);
    await w.t.finishInProgressScheduledFunctions();
    expect(await w.sam.query(api.presence.conversation, { conversationId: w.adaConv })).toHaveLength(1);
    vi.advanceTimersByTime(10_000);
    await w.t.finishAllScheduledFunctions(vi.runAllTimers);
    expect(await w.sam.query(api.presence.conversation, { conversationId: w.adaConv })).toEqual([]);
  });

  test("leaving removes the row at once", async () => {
    const w = await world();
    await w.riley.mutation(api.presence.heartbeat, { conversationId: w.adaConv, typing: true });
    await w.riley.mutation(api.presence.leave, { conversationId: w.adaConv });
    expect(await w.sam.query(api.presence.conversation, { conversationId: w.adaConv })).toEqual([]);
  });

  test("people of other offices can neither show up nor look", async () => {
    const w = await world();
    expect(await codeOf(w.avery.mutation(api.presence.heartbeat, { conversationId: w.adaConv, typing: true }))).toBe(
      "FORBIDDEN",
    );
    await w.riley.mutation(api.presence.heartbeat, { conversationId: w.adaConv, typing: true });
    expect(await codeOf(w.avery.query(api.presence.conversation, { conversationId: w.adaConv }))).toBe("FORBIDDEN");
    expect(await codeOf(w.avery.query(api.presence.campaign, { campaignId: w.campaignId }))).toBe("FORBIDDEN");
    expect(await w.avery.query(api.presence.conversations, { conversationIds: [w.adaConv] })).toEqual([]);
  });
});
