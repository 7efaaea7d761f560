import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { debounce } from "./debounce";

describe("debounce", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("runs once, with the last arguments, after calls pause", () => {
    const fn = vi.fn();
    const search = debounce(fn, 250);
    search("a");
    vi.advanceTimersByTime(200);
    search("ab");
    vi.advanceTimersByTime(200);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(50);
    expect(fn).toHaveBeenCalledExactlyOnceWith("ab");
  });

  it("runs again for calls after the pause", () => {
    const fn = vi.fn();
    const search = debounce(fn, 100);
    search(1);
    vi.advanceTimersByTime(100);
    search(2);
    vi.advanceTimersByTime(100);
    expect(fn.mock.calls).toEqual([[1], [2]]);
  });

  it("drops a pending call on cancel", () => {
    const fn = vi.fn();
    const search = debounce(fn, 100);
    search("x");
    search.cancel();
    vi.advanceTimersByTime(500);
    expect(fn).not.toHaveBeenCalled();
  });
});
