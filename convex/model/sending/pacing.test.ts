import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  catchUpAt,
  freeAt,
  HORIZON_MS,
  LEAD_MS,
  liveWindow,
  perSlot,
  reserve,
  segmentsIn,
  settle,
  SLOT_MS,
  slotFor,
  WINDOW_MS,
  type WindowEntry,
} from "./pacing";

describe("the pacing window", () => {
  test("a simulated sender never puts more than the rate in any one-second window at the receiver", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 300 }),
        fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 30 }),
        fc.array(fc.integer({ min: 0, max: 150 }), { minLength: 1, maxLength: 30 }),
        fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 30 }),
        (rate, texts, tickLateness, fireLateness, latency) => {
          // Claims run late by arbitrary amounts, groups fire late, requests take a while to
          // arrive; a group settles once its requests are back (at least at their arrival).
          let now = 0;
          let window: WindowEntry[] = [];
          let nextSlot: number | undefined;
          const arrivals: { at: number; segments: number; group: number }[] = [];
          const settles: { at: number; settledAt: number; segments: number }[] = [];
          let i = 0;
          for (let tick = 0; i < texts.length && tick < 20_000; tick++) {
            // A group settles once all its answers are back, each request counting from its own.
            const groups = new Map<number, { settledAt: number; segments: number }[]>();
            for (const s of settles) groups.set(s.at, [...(groups.get(s.at) ?? []), s]);
            for (const [at, answers] of groups)
              if (answers.every((a) => a.settledAt <= now)) {
                window = settle(window, at, answers);
                settles.splice(0, settles.length, ...settles.filter((s) => s.at !== at));
              }
            window = liveWindow(window, now);
            let last: number | null = null;
            while (i < texts.length) {
              const from = Math.max(now, nextSlot ?? now, last ?? now);
              const at = slotFor(window, rate, texts[i], from, now + HORIZON_MS, catchUpAt(nextSlot, now));
              if (at === null) break;
              reserve(window, at, texts[i]);
              const fired = at + fireLateness[i % fireLateness.length];
              const arrived = fired + latency[i % latency.length];
              arrivals.push({ at: arrived, segments: texts[i], group: at });
              settles.push({ at, settledAt: arrived + latency[(i + 1) % latency.length], segments: texts[i] });
              last = at;
              i++;
            }
            if (last !== null) nextSlot = last + SLOT_MS;
            const settledBy = Math.max(...settles.map((s) => s.settledAt), now + SLOT_MS);
            const wake = last !== null ? last - LEAD_MS : (freeAt(window, rate, 1, now) ?? settledBy);
            now = Math.max(now + SLOT_MS, wake) + tickLateness[tick % tickLateness.length];
          }
          expect(i).toBe(texts.length);
          // Groups settle in fire order here only approximately; the bound must hold regardless.
          arrivals.sort((a, b) => a.at - b.at);
          for (const first of arrivals) {
            const inWindow = arrivals.filter((a) => a.at >= first.at && a.at < first.at + WINDOW_MS);
            expect(segmentsIn(inWindow) <= rate || inWindow.length === 1).toBe(true);
          }
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });

  test("a late claim's first group makes up for the slots it missed, within the window", () => {
    const window: WindowEntry[] = [];
    const catchUp = catchUpAt(1000, 1300); // six slots missed
    expect(catchUp).toEqual({ at: 1300, slots: 6 });
    const slots: number[] = [];
    for (let k = 0; k < 100; k++) {
      const at = slotFor(window, 200, 1, Math.max(1300, slots[slots.length - 1] ?? 0), 1300 + 100, catchUp);
      if (at === null) break;
      reserve(window, at, 1);
      slots.push(at);
    }
    expect(slots.filter((at) => at === 1300)).toHaveLength(70);
    expect(slots.filter((at) => at === 1350)).toHaveLength(10);
    expect(catchUpAt(1000, 900)).toBeNull();
    expect(catchUpAt(1000, 9000)?.slots).toBe(10);
  });

  test("groups are a slot's share of the rate, a slot apart, reserved within the horizon", () => {
    const window: WindowEntry[] = [];
    const slots: number[] = [];
    for (let k = 0; k < 1000; k++) {
      const at = slotFor(window, 200, 1, Math.max(0, slots[slots.length - 1] ?? 0), HORIZON_MS);
      if (at === null) break;
      reserve(window, at, 1);
      slots.push(at);
    }
    expect(perSlot(200)).toBe(10);
    const groups = Math.min(Math.floor(HORIZON_MS / SLOT_MS) + 1, 20); // 0, 50, …: the window holds 200
    expect(slots).toHaveLength(groups * 10);
    expect(new Set(slots)).toEqual(new Set(Array.from({ length: groups }, (_, g) => g * SLOT_MS)));
  });

  test("open groups count until they settle, then for a second after", () => {
    let window: WindowEntry[] = [{ at: 0, segments: 3, open: true }];
    expect(segmentsIn(liveWindow(window, 5000))).toBe(3);
    expect(freeAt(window, 3, 1, 100)).toBeNull();
    window = settle(window, 0, [{ settledAt: 40, segments: 3 }]);
    expect(liveWindow(window, 1000)).toHaveLength(1);
    expect(liveWindow(window, 1043)).toHaveLength(0);
    expect(freeAt(window, 3, 1, 100)).toBe(1042);
    expect(slotFor(window, 3, 1, 100, 500)).toBeNull(); // past the horizon
    expect(slotFor(window, 3, 1, 100, 2000)).toBe(1042);
    expect(slotFor([], 1, 5, 7, 100)).toBe(7); // longer than the rate: alone, in an empty window
  });
});
