import { describe, expect, test } from "vitest";
import { EditHistory, insertAt, MERGE_MS } from "./edit-history";

const at = (text: string) => ({ text, start: text.length, end: text.length });

describe("EditHistory", () => {
  test("keystrokes of one word merge into one step; a space ends it", () => {
    const h = new EditHistory();
    h.record(at("H"), "typing", 0);
    h.record(at("Hi"), "typing", 100);
    h.record(at("Hi "), "typing", 200);
    h.record(at("Hi t"), "typing", 300);
    h.record(at("Hi th"), "typing", 400);
    expect(h.undo()?.text).toBe("Hi ");
    expect(h.undo()?.text).toBe("");
    expect(h.undo()).toBeNull();
    expect(h.redo()?.text).toBe("Hi ");
    expect(h.redo()?.text).toBe("Hi th");
    expect(h.canRedo).toBe(false);
  });

  test("a pause or a programmatic change starts a new step, and a change after undo drops redo", () => {
    const h = new EditHistory();
    h.record(at("a"), "typing", 0);
    h.record(at("ab"), "typing", MERGE_MS + 1);
    h.record(insertAt("ab", 2, 2, "😀"), "other", MERGE_MS + 2);
    expect(h.current.text).toBe("ab😀");
    expect(h.undo()?.text).toBe("ab");
    h.record(at("abc"), "typing", 5000);
    expect(h.canRedo).toBe(false);
    expect(h.undo()?.text).toBe("ab");
    expect(h.undo()?.text).toBe("a");
  });

  test("insertAt replaces the selection and puts the caret after the insert", () => {
    expect(insertAt("Hello world", 6, 11, "there")).toEqual({ text: "Hello there", start: 11, end: 11 });
  });
});
