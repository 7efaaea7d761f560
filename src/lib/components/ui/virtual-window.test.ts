import { describe, expect, test } from "vitest";
import { virtualWindow } from "./virtual-window";

const base = { viewportHeight: 400, rowHeight: 40, overscan: 5 };

describe("virtualWindow", () => {
  test("an empty list renders nothing", () => {
    expect(virtualWindow({ ...base, scrollTop: 0, count: 0 })).toEqual({ start: 0, end: 0, before: 0, after: 0 });
  });

  test("at the top: the rows in view, overscan below only", () => {
    // 400 px / 40 px = 10 rows in view, +1 for a partly visible row, +5 overscan.
    expect(virtualWindow({ ...base, scrollTop: 0, count: 100_000 })).toEqual({
      start: 0,
      end: 16,
      before: 0,
      after: (100_000 - 16) * 40,
    });
  });

  test("in the middle of 100,000 rows: a few dozen rows, spacers for the rest", () => {
    const w = virtualWindow({ ...base, scrollTop: 50_000 * 40 + 13, count: 100_000 });
    expect(w.start).toBe(49_995);
    expect(w.end).toBe(50_016);
    expect(w.before + (w.end - w.start) * 40 + w.after).toBe(100_000 * 40);
  });

  test("at the bottom (and past it, as elastic scrolling reports): ends at the last row", () => {
    const w = virtualWindow({ ...base, scrollTop: 100 * 40, count: 100 });
    expect(w.end).toBe(100);
    expect(w.after).toBe(0);
    expect(w.start).toBe(94);
  });

  test("a short list fits whole", () => {
    expect(virtualWindow({ ...base, scrollTop: 0, count: 3 })).toEqual({ start: 0, end: 3, before: 0, after: 0 });
  });

  test("negative scroll (overscroll at the top) reads as the top", () => {
    expect(virtualWindow({ ...base, scrollTop: -30, count: 50 }).start).toBe(0);
  });
});
