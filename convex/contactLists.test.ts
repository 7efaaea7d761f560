/** contactLists.*: importing in batches, reading, editing by hand, cloning and deleting, with the denial paths. */
import { afterEach, describe, expect, test, vi } from "vitest";
import { api } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import type { ImportEntry } from "./validators";
import { codeOf, insertOffice, insertUser, messageOf, newTest, signedInAs, type Caller, type T } from "./setup.test";

async function setup() {
  const t = newTest();
  await t.run(async (ctx) => await ctx.db.insert("organization", { name: "Northfield", helpText: "Help." }));
  const admissions = await insertOffice(t, "Admissions");
  const advising = await insertOffice(t, "Advising");
  const staffId = await insertUser(t, { role: "standard", officeIds: [admissions] });
  const staff = await signedInAs(t, staffId);
  const limited = await signedInAs(t, await insertUser(t, { role: "limited", officeIds: [admissions] }));
  const outsider = await signedInAs(t, await insertUser(t, { role: "standard", officeIds: [advising] }));
  const viewer = await signedInAs(
    t,
    await insertUser(t, { role: "limited", officeIds: [advising], viewOtherOffices: true }),
  );
  const admin = await signedInAs(t, await insertUser(t, { role: "admin", officeIds: [admissions] }));
  return { t, admissions, advising, staffId, staff, limited, outsider, viewer, admin };
}

const entry = (
  row: number,
  phone: string,
  fields: Record<string, string> = {},
  name = `Person${row}`,
): ImportEntry => ({
  row,
  phone,
  firstName: name,
  lastName: "Doe",
  fields: { Program: "", ...fields },
});

/** A US number per index: +1 415 2xx xxxx, all valid. */
const phone = (i: number) => `+1415${String(2000000 + i).padStart(7, "0")}`;

async function newList(caller: Caller, officeId: Id<"offices">, name = "Fall outreach") {
  return await caller.mutation(api.contactLists.create, { officeId, name, tags: ["fall"], columns: ["Program"] });
}

/** A ready list of `count` contacts, imported in batches of 400. */
async function importedList(caller: Caller, officeId: Id<"offices">, count: number, name = "Imported") {
  const listId = await newList(caller, officeId, name);
  for (let from = 0, batchIndex = 0; from < count; from += 400, batchIndex++) {
    const entries = Array.from({ length: Math.min(400, count - from) }, (_, i) => entry(from + i + 2, phone(from + i)));
    await caller.mutation(api.contactLists.appendBatch, { listId, batchIndex, entries });
  }
  await caller.mutation(api.contactLists.finish, { listId });
  return listId;
}

async function insertCampaign(
  t: T,
  officeId: Id<"offices">,
  listId: Id<"contactLists">,
  status: "draft" | "scheduled" | "active",
  title: string,
  createdBy: Id<"users">,
) {
  return await t.run(
    async (ctx) =>
      await ctx.db.insert("campaigns", {
        officeId,
        title,
        tags: [],
        listId,
        message: "Hi {firstName}",
        operatedBy: "agent",
        vaFallback: "escalate",
        vaSetReply: "",
        inboxes: { userIds: [], officeIds: [officeId] },
        autoArchiveDays: 7,
        status,
        timeZone: "America/New_York",
        createdBy,
        updatedAt: 1,
      }),
  );
}

const allEntries = async (caller: Caller, listId: Id<"contactLists">) =>
  (await caller.query(api.contactLists.entries, { listId, paginationOpts: { numItems: 500, cursor: null } })).page;

afterEach(() => {
  vi.useRealTimers();
});

describe("who may import and read lists", () => {
  test("Admin and Standard members create lists; Limited users and other offices are refused", async () => {
    const { t, admissions, staff, limited, outsider, admin } = await setup();
    expect(await codeOf(newList(t, admissions))).toBe("UNAUTHENTICATED");
    expect(await messageOf(newList(limited, admissions))).toMatch(/Limited.*upload or edit contact lists/);
    expect(await codeOf(newList(outsider, admissions))).toBe("FORBIDDEN");
    expect(await codeOf(newList(admin, admissions))).toBe("OK");
    const listId = await newList(staff, admissions);
    const list = await staff.query(api.contactLists.get, { listId });
    expect(list).toMatchObject({
      name: "Fall outreach",
      status: "importing",
      contactCount: 0,
      tags: ["fall"],
      columns: ["Program"],
    });
  });

  test("members of the office and viewers of other offices read a list; writes need membership and the capability", async () => {
    const { admissions, staff, limited, outsider, viewer } = await setup();
    const listId = await importedList(staff, admissions, 3);
    expect((await limited.query(api.contactLists.get, { listId }))?.contactCount).toBe(3);
    expect(await allEntries(viewer, listId)).toHaveLength(3);
    expect(await codeOf(outsider.query(api.contactLists.get, { listId }))).toBe("FORBIDDEN");
    expect(await codeOf(viewer.mutation(api.contactLists.rename, { listId, name: "Mine" }))).toBe("FORBIDDEN");
    expect(await codeOf(limited.mutation(api.contactLists.addEntry, { listId, phone: "415 555 0199" }))).toBe(
      "FORBIDDEN",
    );
    expect(await codeOf(outsider.mutation(api.contactLists.appendBatch, { listId, batchIndex: 9, entries: [] }))).toBe(
      "FORBIDDEN",
    );
  });

  test("names, tags and columns are checked", async () => {
    const { admissions, staff } = await setup();
    const create = (fields: { name?: string; tags?: string[]; columns?: string[] }) =>
      staff.mutation(api.contactLists.create, { officeId: admissions, name: "L", tags: [], columns: [], ...fields });
    expect(await messageOf(create({ name: "  " }))).toBe("Enter a list name.");
    expect(await messageOf(create({ tags: ["x".repeat(31)] }))).toMatch(/30 characters/);
    expect(await messageOf(create({ columns: ["Prénom"] }))).toMatch(/can't be stored/);
    expect(await messageOf(create({ columns: ["Email", "email"] }))).toMatch(/appears twice/);
    const listId = await create({ name: "  Spring   list ", tags: ["a", "A", " b "] });
    expect(await staff.query(api.contactLists.get, { listId })).toMatchObject({
      name: "Spring list",
      tags: ["a", "b"],
    });
  });
});

describe("importing in batches", () => {
  test("a resent batch changes nothing, a batch ahead of its turn is refused, finish makes the list ready", async () => {
    const { admissions, staff } = await setup();
    const listId = await newList(staff, admissions);
    const batch0 = [entry(2, "(415) 555-2671"), entry(3, phone(1))];
    expect(await staff.mutation(api.contactLists.appendBatch, { listId, batchIndex: 0, entries: batch0 })).toEqual({
      importedBatches: 1,
      contactCount: 2,
      duplicateCount: 0,
    });
    expect(await staff.mutation(api.contactLists.appendBatch, { listId, batchIndex: 0, entries: batch0 })).toEqual({
      importedBatches: 1,
      contactCount: 2,
      duplicateCount: 0,
    });
    expect(await messageOf(staff.mutation(api.contactLists.appendBatch, { listId, batchIndex: 2, entries: [] }))).toBe(
      "Batch 2 arrives before batch 1. Send batch 1 first.",
    );
    await staff.mutation(api.contactLists.appendBatch, { listId, batchIndex: 1, entries: [entry(4, phone(2))] });
    await staff.mutation(api.contactLists.addRejections, { listId, rows: [{ row: 5, reason: "missing phone" }] });
    await staff.mutation(api.contactLists.addRejections, { listId, rows: [{ row: 5, reason: "missing phone" }] });
    await staff.mutation(api.contactLists.finish, { listId, duplicates: 2 });
    await staff.mutation(api.contactLists.finish, { listId, duplicates: 2 });
    expect(await staff.query(api.contactLists.get, { listId })).toMatchObject({
      status: "ready",
      contactCount: 3,
      duplicateCount: 2,
      rejectedCount: 1,
      importedBatches: 2,
    });
    const rejections = await staff.query(api.contactLists.rejections, {
      listId,
      paginationOpts: { numItems: 10, cursor: null },
    });
    expect(rejections.page).toEqual([{ row: 5, reason: "missing phone" }]);
    expect(await codeOf(staff.mutation(api.contactLists.appendBatch, { listId, batchIndex: 2, entries: [] }))).toBe(
      "INVALID",
    );
    expect(await staff.mutation(api.contactLists.appendBatch, { listId, batchIndex: 1, entries: [] })).toMatchObject({
      importedBatches: 2,
    });
  });

  test("a phone in an earlier batch merges: the first row's values stay, empty ones are filled", async () => {
    const { admissions, staff } = await setup();
    const listId = await newList(staff, admissions);
    await staff.mutation(api.contactLists.appendBatch, {
      listId,
      batchIndex: 0,
      entries: [entry(2, phone(7), { Program: "" }, "Ana")],
    });
    const later = [
      entry(3, "415-200-0007", { Program: "Nursing" }, "Ivy"),
      entry(4, phone(8)),
      entry(5, phone(8), { Program: "Art" }),
    ];
    expect(await staff.mutation(api.contactLists.appendBatch, { listId, batchIndex: 1, entries: later })).toEqual({
      importedBatches: 2,
      contactCount: 2,
      duplicateCount: 2,
    });
    const entries = await allEntries(staff, listId);
    expect(entries.map((e) => [e.row, e.phone, e.firstName, e.fields.Program])).toEqual([
      [2, phone(7), "Ana", "Nursing"],
      [4, phone(8), "Person4", "Art"],
    ]);
  });

  test("the backend checks what the browser sent", async () => {
    const { admissions, staff } = await setup();
    const listId = await newList(staff, admissions);
    const send = (entries: ImportEntry[]) =>
      staff.mutation(api.contactLists.appendBatch, { listId, batchIndex: 0, entries });
    expect(await messageOf(send([entry(9, "555-2677")]))).toBe(
      'Row 9: the phone "555-2677" is not a valid phone number.',
    );
    expect(await messageOf(send([entry(9, "+44 20 7946 0958")]))).toMatch(
      /outside the allowed countries \(US, Canada\)/,
    );
    expect(await messageOf(send([{ ...entry(9, phone(1)), fields: { Email: "x" } }]))).toMatch(
      /"Email", which isn't a column/,
    );
    expect(await messageOf(send(Array.from({ length: 1001 }, (_, i) => entry(i + 2, phone(i)))))).toMatch(
      /at most 1000 rows/,
    );
    // A row the browser would have rejected as too long: refused with the same reason, not a failed write.
    const huge = { ...entry(9, phone(1)), fields: { ...entry(9, phone(1)).fields, Program: "z".repeat(2_000_000) } };
    expect(await codeOf(send([huge]))).toBe("INVALID");
    expect(await messageOf(send([huge]))).toBe("Row 9 is longer than 100,000 characters.");
    expect((await staff.query(api.contactLists.get, { listId }))?.importedBatches).toBe(0);
  });

  test("allowed countries are an organization setting", async () => {
    const { admissions, staff, admin } = await setup();
    expect(await staff.query(api.contactLists.importSettings, {})).toEqual({ allowedCountries: ["US", "CA"] });
    expect(await codeOf(staff.mutation(api.admin.setAllowedCountries, { countries: ["GB"] }))).toBe("FORBIDDEN");
    expect(await messageOf(admin.mutation(api.admin.setAllowedCountries, { countries: ["ZZ"] }))).toMatch(
      /ZZ isn't one/,
    );
    expect(await admin.mutation(api.admin.setAllowedCountries, { countries: ["us", "gb"] })).toBe("US, United Kingdom");
    const listId = await newList(staff, admissions);
    const batch = [entry(2, "+44 20 7946 0958")];
    expect(await staff.mutation(api.contactLists.appendBatch, { listId, batchIndex: 0, entries: batch })).toMatchObject(
      { contactCount: 1 },
    );
    expect((await allEntries(staff, listId))[0].phone).toBe("+442079460958");
  });
});

describe("contacts are shared across lists", () => {
  test("one contact record per phone: an opt-out shows on every list holding the number", async () => {
    const { t, admissions, staff } = await setup();
    const first = await importedList(staff, admissions, 2, "First");
    const second = await importedList(staff, admissions, 3, "Second");
    const [a, b] = [await allEntries(staff, first), await allEntries(staff, second)];
    expect(a[0].contactId).toBe(b[0].contactId);
    expect(await t.run(async (ctx) => (await ctx.db.query("contacts").collect()).length)).toBe(3);
    await t.run(
      async (ctx) => await ctx.db.patch("contacts", a[0].contactId, { optedOut: true, optedOutVia: "keyword" }),
    );
    expect((await allEntries(staff, first))[0].optedOut).toBe(true);
    expect((await allEntries(staff, second)).map((e) => e.optedOut)).toEqual([true, false, false]);
  });
});

describe("reading", () => {
  test("lists of an office page newest first and are found by name; entries by name or phone", async () => {
    const { admissions, advising, staff, outsider } = await setup();
    await importedList(staff, admissions, 1, "Nursing applicants");
    const listId = await importedList(staff, admissions, 2, "Biology applicants");
    await importedList(outsider, advising, 1, "Advising");
    const page = await staff.query(api.contactLists.list, {
      officeId: admissions,
      paginationOpts: { numItems: 10, cursor: null },
    });
    expect(page.page.map((l) => l.name)).toEqual(["Biology applicants", "Nursing applicants"]);
    const found = await staff.query(api.contactLists.list, {
      officeId: admissions,
      search: "nursing",
      paginationOpts: { numItems: 10, cursor: null },
    });
    expect(found.page.map((l) => l.name)).toEqual(["Nursing applicants"]);
    const search = (text: string) =>
      staff.query(api.contactLists.entries, { listId, search: text, paginationOpts: { numItems: 10, cursor: null } });
    expect((await search("Person3")).page.map((e) => e.row)).toEqual([3]);
    for (const typed of ["2000001", "200-0001", "4152000001", "+14152000001"])
      expect((await search(typed)).page.map((e) => e.phone)).toEqual([phone(1)]);
  });
});

describe("editing by hand", () => {
  test("addEntry normalizes the phone, refuses a number already on the list, removeEntry keeps counts right", async () => {
    const { admissions, staff } = await setup();
    const listId = await importedList(staff, admissions, 1);
    const add = (p: string, fields?: Record<string, string>) =>
      staff.mutation(api.contactLists.addEntry, { listId, phone: p, firstName: " Zoe ", lastName: "Ray", fields });
    expect(await messageOf(add("555-2677"))).toBe(
      '"555-2677" isn\'t a valid phone number. Enter it with its area code, like (415) 555-2671.',
    );
    expect(await messageOf(add("415 555 2678 x12"))).toMatch(/without an extension/);
    expect(await messageOf(add("415-200-0000"))).toBe("(415) 200-0000 is already on this list (Person2 Doe).");
    expect(await messageOf(add("415 555 0199", { Email: "z" }))).toMatch(/"Email" isn't a column/);
    const entryId = await add("(415) 555-0199", { Program: " Art " });
    const entries = await allEntries(staff, listId);
    expect(entries[1]).toMatchObject({
      _id: entryId,
      row: 0,
      phone: "+14155550199",
      firstName: "Zoe",
      fields: { Program: "Art" },
    });
    expect((await staff.query(api.contactLists.get, { listId }))?.contactCount).toBe(2);
    await staff.mutation(api.contactLists.removeEntry, { entryId });
    expect((await staff.query(api.contactLists.get, { listId }))?.contactCount).toBe(1);
    expect(await codeOf(staff.mutation(api.contactLists.removeEntry, { entryId }))).toBe("NOT_FOUND");
  });

  test("a list a launched campaign used can be renamed but its contacts can't change", async () => {
    const { t, admissions, staff } = await setup();
    const listId = await importedList(staff, admissions, 1);
    await t.run(async (ctx) => await ctx.db.patch("contactLists", listId, { lockedByLaunch: true }));
    expect(await codeOf(staff.mutation(api.contactLists.addEntry, { listId, phone: "415 555 0199" }))).toBe(
      "LIST_IN_USE",
    );
    await staff.mutation(api.contactLists.rename, { listId, name: "Renamed" });
    await staff.mutation(api.contactLists.setTags, { listId, tags: ["x"] });
    expect(await staff.query(api.contactLists.get, { listId })).toMatchObject({ name: "Renamed", tags: ["x"] });
  });
});

describe("deleting", () => {
  test("refused while a launched, scheduled or draft campaign uses the list, naming the campaigns", async () => {
    const { t, admissions, staff, staffId } = await setup();
    const listId = await importedList(staff, admissions, 2);
    const draft = await insertCampaign(t, admissions, listId, "draft", "Welcome", staffId);
    await insertCampaign(t, admissions, listId, "scheduled", "Reminder", staffId);
    expect(await messageOf(staff.mutation(api.contactLists.remove, { listId }))).toBe(
      '"Reminder", "Welcome" use "Imported". Choose another list in those campaigns or discard them, then delete the list.',
    );
    await t.run(async (ctx) => await ctx.db.patch("campaigns", draft, { status: "active" }));
    expect(await messageOf(staff.mutation(api.contactLists.remove, { listId }))).toMatch(
      /A launched campaign used "Imported"/,
    );
    await t.run(async (ctx) => await ctx.db.patch("campaigns", draft, { status: "archived" }));
    await t.run(async (ctx) => await ctx.db.patch("contactLists", listId, { lockedByLaunch: true }));
    expect(await codeOf(staff.mutation(api.contactLists.remove, { listId }))).toBe("LIST_IN_USE");
  });

  test("a big list disappears at once and its entries in background batches; contacts and opt-outs stay", async () => {
    vi.useFakeTimers();
    const { t, admissions, staff } = await setup();
    const listId = await importedList(staff, admissions, 1200);
    await staff.mutation(api.contactLists.addRejections, { listId, rows: [{ row: 9999, reason: "missing phone" }] });
    await staff.mutation(api.contactLists.remove, { listId });
    expect(await staff.query(api.contactLists.get, { listId })).toBeNull();
    expect(await allEntries(staff, listId)).toEqual([]);
    const left = () => t.run(async (ctx) => (await ctx.db.query("listEntries").collect()).length);
    expect(await left()).toBe(200);
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    expect(await left()).toBe(0);
    expect(await t.run(async (ctx) => (await ctx.db.query("listRejections").collect()).length)).toBe(0);
    expect(await t.run(async (ctx) => (await ctx.db.query("contacts").collect()).length)).toBe(1200);
  });
});

describe("cloning", () => {
  test("a small list is copied at once; a big one in background pages, 'importing' until done", async () => {
    vi.useFakeTimers();
    const { t, admissions, staff, limited } = await setup();
    const small = await importedList(staff, admissions, 3, "Small");
    expect(await codeOf(limited.mutation(api.contactLists.clone, { listId: small, name: "Copy" }))).toBe("FORBIDDEN");
    const smallCopy = await staff.mutation(api.contactLists.clone, { listId: small, name: "Copy of Small" });
    expect(await staff.query(api.contactLists.get, { listId: smallCopy })).toMatchObject({
      name: "Copy of Small",
      status: "ready",
      contactCount: 3,
      tags: ["fall"],
      columns: ["Program"],
      rejectedCount: 0,
    });
    const big = await importedList(staff, admissions, 1200, "Big");
    const bigCopy = await staff.mutation(api.contactLists.clone, { listId: big, name: "Copy of Big" });
    expect(await staff.query(api.contactLists.get, { listId: bigCopy })).toMatchObject({
      status: "importing",
      contactCount: 500,
    });
    expect(await codeOf(staff.mutation(api.contactLists.clone, { listId: bigCopy, name: "Again" }))).toBe(
      "LIST_IMPORTING",
    );
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    expect(await staff.query(api.contactLists.get, { listId: bigCopy })).toMatchObject({
      status: "ready",
      contactCount: 1200,
    });
    const count = (listId: Id<"contactLists">) =>
      t.run(
        async (ctx) =>
          (
            await ctx.db
              .query("listEntries")
              .withIndex("by_listId", (q) => q.eq("listId", listId))
              .collect()
          ).length,
      );
    expect(await count(bigCopy)).toBe(1200);
    expect(await t.run(async (ctx) => (await ctx.db.query("contacts").collect()).length)).toBe(1200);
  });
});
