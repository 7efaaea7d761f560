import { expect, test } from "vitest";
import { codeThrownBy } from "../../setup.test";
import type { Id } from "../../_generated/dataModel";
import {
  checkSettings,
  normalizeTags,
  readinessReasons,
  tagKey,
  type ReadinessCampaign,
  type ReadinessFacts,
} from "./campaignRules";

const office = "office1" as Id<"offices">;
const other = "office2" as Id<"offices">;

const ready: ReadinessCampaign = {
  officeId: office,
  title: "Fall open house",
  message: "Hi {firstName}, your {Program} open house is Friday.",
  operatedBy: "agent",
  vaFallback: "escalate",
  vaSetReply: "",
  inboxes: { userIds: [], officeIds: [office] },
  autoArchiveDays: 7,
};
const facts: ReadinessFacts = {
  officeExists: true,
  list: { officeId: office, status: "ready", contactCount: 120, columns: ["Program"] },
  number: { problem: null },
  unusableInboxUsers: 0,
  unusableInboxOffices: 0,
};

const reasons = (c: Partial<ReadinessCampaign>, f: Partial<ReadinessFacts> = {}) =>
  readinessReasons({ ...ready, ...c }, { ...facts, ...f });

const codeOf = codeThrownBy;

test("a complete campaign is ready: no reasons", () => {
  expect(reasons({})).toEqual([]);
});

test.each([
  ["title", { title: "" }, {}, "Give the campaign a title."],
  ["title", { title: "   " }, {}, "Give the campaign a title."],
  ["title", { title: "x".repeat(121) }, {}, "Shorten the title to 120 characters or fewer."],
  ["office", {}, { officeExists: false }, "The campaign's office no longer exists."],
  ["list", {}, { list: null }, "Choose a contact list."],
  ["list", {}, { list: "missing" }, "The chosen contact list was deleted. Choose another list."],
  ["list", {}, { list: { ...(facts.list as object), officeId: other } }, "The contact list belongs to another office."],
  ["list", {}, { list: { ...(facts.list as object), status: "importing" } }, "The contact list is still importing."],
  ["list", {}, { list: { ...(facts.list as object), contactCount: 0 } }, "The contact list has no contacts."],
  ["message", { message: " \n " }, {}, "Write the message."],
  ["message", { message: "a".repeat(1601) }, {}, "Shorten the message to 1,600 characters or fewer (it has 1,601)."],
  [
    "message",
    { message: "Hi {nickname} {Advisor}" },
    {},
    "merge fields the contact list doesn't have: {nickname}, {Advisor}.",
  ],
  ["number", {}, { number: null }, "Choose a phone number."],
  [
    "number",
    {},
    { number: { problem: "(617) 555-0100 was released back to Twilio. Pick another number." } },
    "released",
  ],
  ["vaSetReply", { operatedBy: "va", vaFallback: "setReply", vaSetReply: " " }, {}, "Write the set reply"],
  ["inboxes", { inboxes: { userIds: [], officeIds: [] } }, {}, "Choose at least one inbox to receive replies."],
  ["inboxes", {}, { unusableInboxUsers: 2 }, "2 inboxes can't receive this campaign's replies"],
  ["inboxes", {}, { unusableInboxOffices: 1 }, "One inbox can't receive"],
  ["autoArchiveDays", { autoArchiveDays: 0 }, {}, "Auto-archive after a whole number of days from 1 to 180."],
  ["autoArchiveDays", { autoArchiveDays: 181 }, {}, "from 1 to 180"],
  ["autoArchiveDays", { autoArchiveDays: 2.5 }, {}, "whole number"],
] as const)("not ready: %s (case %#)", (field, campaign, fact, sentence) => {
  const found = reasons(campaign as Partial<ReadinessCampaign>, fact as Partial<ReadinessFacts>);
  expect(found).toHaveLength(1);
  expect(found[0].field).toBe(field);
  expect(found[0].message).toContain(sentence);
});

test("a VA campaign that escalates needs no set reply; an agent campaign ignores the VA settings", () => {
  expect(reasons({ operatedBy: "va", vaFallback: "escalate", vaSetReply: "" })).toEqual([]);
  expect(reasons({ operatedBy: "agent", vaFallback: "setReply", vaSetReply: "" })).toEqual([]);
  expect(reasons({ operatedBy: "va", vaFallback: "setReply", vaSetReply: "We'll get back to you." })).toEqual([]);
});

test("merge fields are checked against the chosen list's columns, case-insensitively", () => {
  expect(reasons({ message: "Hi {FIRST NAME}, {program}" })).toEqual([]);
  // Until a list is chosen its columns are unknown: only the list's reason shows.
  expect(reasons({ message: "Hi {Program}" }, { list: null }).map((r) => r.field)).toEqual(["list"]);
});

test("an empty draft lists every missing setting, in the wizard's order", () => {
  const empty = { title: "", message: "", inboxes: { userIds: [], officeIds: [] } };
  expect(reasons(empty, { list: null, number: null }).map((r) => r.field)).toEqual([
    "title",
    "list",
    "message",
    "number",
    "inboxes",
  ]);
});

test("tags: cleaned, repeats dropped ignoring case, at most 10 of at most 30 characters", () => {
  expect(normalizeTags(["  Fall  2026 ", "fall 2026", "FAFSA", "", " "])).toEqual(["Fall 2026", "FAFSA"]);
  expect(tagKey(" Fall   2026")).toBe("fall 2026");
  expect(codeOf(() => normalizeTags(["x".repeat(31)]))).toBe("INVALID");
  expect(normalizeTags(["x".repeat(30)])).toHaveLength(1);
  expect(codeOf(() => normalizeTags(Array.from({ length: 11 }, (_, i) => `t${i}`)))).toBe("INVALID");
  expect(normalizeTags([...Array.from({ length: 10 }, (_, i) => `t${i}`), "T1"])).toHaveLength(10);
});

test("on save, values no form allows are refused", () => {
  expect(codeOf(() => checkSettings({ title: "x".repeat(121) }))).toBe("INVALID");
  expect(codeOf(() => checkSettings({ title: ` ${"x".repeat(120)} ` }))).toBe("OK");
  expect(codeOf(() => checkSettings({ message: "m".repeat(1601) }))).toBe("INVALID");
  expect(codeOf(() => checkSettings({ vaSetReply: "m".repeat(1601) }))).toBe("INVALID");
  for (const days of [0, 181, 1.5, Number.NaN])
    expect(codeOf(() => checkSettings({ autoArchiveDays: days }))).toBe("INVALID");
  for (const days of [1, 7, 180]) expect(codeOf(() => checkSettings({ autoArchiveDays: days }))).toBe("OK");
  expect(codeOf(() => checkSettings({ title: "", message: "" }))).toBe("OK");
});
