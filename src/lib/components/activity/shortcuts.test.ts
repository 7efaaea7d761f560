import { describe, expect, test } from "vitest";
import { shortcutFor } from "./shortcuts";

/** A keydown as the browser would send it, from a plain element (no DOM needed: target is null). */
const key = (k: string, extra: Partial<KeyboardEvent> = {}) =>
  ({
    key: k,
    defaultPrevented: false,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    target: null,
    ...extra,
  }) as KeyboardEvent;

describe("shortcutFor", () => {
  test("letters work anywhere; arrows only in the list", () => {
    expect(shortcutFor(key("j"), false)).toBe("next");
    expect(shortcutFor(key("k"), false)).toBe("previous");
    expect(shortcutFor(key("ArrowDown"), false)).toBeNull();
    expect(shortcutFor(key("ArrowDown"), true)).toBe("next");
    expect(shortcutFor(key("/"), false)).toBe("compose");
    expect(shortcutFor(key("n"), false)).toBe("needsAttention");
    expect(shortcutFor(key("v"), false)).toBe("operatedBy");
    expect(shortcutFor(key("?"), false)).toBe("help");
  });

  test("modified or already handled keys are left alone", () => {
    expect(shortcutFor(key("j", { ctrlKey: true }), false)).toBeNull();
    expect(shortcutFor(key("r", { metaKey: true }), false)).toBeNull();
    expect(shortcutFor(key("n", { defaultPrevented: true }), false)).toBeNull();
    expect(shortcutFor(key("x"), false)).toBeNull();
  });
});
