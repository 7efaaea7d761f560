import { describe, expect, test } from "vitest";
import type { Id } from "$convex/_generated/dataModel";
import { changes, emptyForm, isDirty, parseStep, parseTags, stepsToFix } from "./wizard-form";

const office = "office1" as Id<"offices">;
const other = "office2" as Id<"offices">;

describe("wizard form", () => {
  test("a new form has the backend's defaults and nothing to save", () => {
    const form = emptyForm(office);
    expect(form).toMatchObject({ operatedBy: "agent", vaFallback: "escalate", autoArchiveDays: 7 });
    expect(form.inboxOfficeIds).toEqual([office]);
    expect(isDirty(form, emptyForm(office))).toBe(false);
  });

  test("only what changed is sent, inboxes as one object", () => {
    const saved = emptyForm(office);
    const form = { ...saved, title: "Welcome", inboxUserIds: ["u1" as Id<"users">] };
    expect(changes(saved, form)).toEqual({
      title: "Welcome",
      inboxes: { userIds: ["u1"], officeIds: [office] },
    });
    expect(isDirty(saved, form)).toBe(true);
  });

  test("clearing a choice sends null; changing the office sends it", () => {
    const saved = { ...emptyForm(office), listId: "l1" as Id<"contactLists"> };
    expect(changes(saved, { ...saved, listId: null, officeId: other })).toEqual({ listId: null, officeId: other });
  });

  test("editing back to the saved value is not a change", () => {
    const saved = { ...emptyForm(office), message: "Hi" };
    expect(isDirty(saved, { ...saved, message: "Hi!" })).toBe(true);
    expect(isDirty(saved, { ...saved, message: "Hi" })).toBe(false);
  });

  test("steps and tags", () => {
    expect(parseStep("message")).toBe("message");
    expect(parseStep("nope")).toBe("details");
    expect(parseStep(null)).toBe("details");
    expect(parseTags(" fall, Fall ,, outreach ")).toEqual(["fall", "outreach"]);
  });

  test("readiness reasons point at the steps where they are fixed", () => {
    const counts = stepsToFix([
      { field: "title" },
      { field: "list" },
      { field: "autoArchiveDays" },
      { field: "inboxes" },
    ]);
    expect([...counts]).toEqual([
      ["details", 1],
      ["audience", 1],
      ["inboxes", 2],
    ]);
  });
});
