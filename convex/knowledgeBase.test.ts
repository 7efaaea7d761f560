/** The knowledge base as people use it: browsing, editing, importing, exporting, trying, and who may. */
import { beforeEach, describe, expect, test } from "vitest";
import { api, internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { knowledgeCsv, MAX_ENTRIES_PER_OFFICE, type CsvEntryRow } from "./model/shared/knowledgeRules";
import { DEMO_KNOWLEDGE } from "./model/assistant/seedKnowledge";
import { answerFromKnowledge } from "./model/assistant/answerer";
import { codeOf, insertOffice, insertUser, messageOf, newTest, signedInAs, type Caller, type T } from "./setup.test";

const FIELDS = {
  question: "When is tuition due?",
  answer: "Fall tuition is due August 15.",
  alternates: ["tuition deadline", "when do I pay"],
  keywords: ["tuition", "bill"],
};

/** The demo knowledge base as the page sends it: the sample file's rows, numbered as in a spreadsheet. */
const DEMO_ROWS: CsvEntryRow[] = DEMO_KNOWLEDGE.map((e, i) => ({
  row: i + 2,
  id: e.id,
  question: e.question,
  answer: e.answer,
  alternates: e.alternates.join("|"),
  keywords: e.keywords.join(";"),
}));

let t: T;
let office: Id<"offices">;
let other: Id<"offices">;
let standard: Caller;
let limited: Caller;
let outsider: Caller;
let viewer: Caller;

beforeEach(async () => {
  t = newTest();
  office = await insertOffice(t, "Financial Aid");
  other = await insertOffice(t, "Advising");
  standard = await signedInAs(t, await insertUser(t, { role: "standard", officeIds: [office] }));
  limited = await signedInAs(t, await insertUser(t, { role: "limited", officeIds: [office] }));
  outsider = await signedInAs(t, await insertUser(t, { role: "admin", officeIds: [other] }));
  viewer = await signedInAs(t, await insertUser(t, { role: "standard", officeIds: [other], viewOtherOffices: true }));
});

const page = { numItems: 50, cursor: null };
const questions = async (caller: Caller, search?: string) =>
  (await caller.query(api.knowledgeBase.list, { officeId: office, search, paginationOpts: page })).page.map(
    (e) => e.question,
  );

describe("editing by hand", () => {
  test("a Standard member adds, finds, edits and deletes an entry", async () => {
    const entryId = await standard.mutation(api.knowledgeBase.create, { officeId: office, ...FIELDS });
    expect(await standard.query(api.knowledgeBase.get, { entryId })).toMatchObject({
      ...FIELDS,
      externalId: "when-is-tuition-due",
    });
    expect(await questions(standard)).toEqual(["When is tuition due?"]);
    expect(await questions(standard, "bill")).toEqual(["When is tuition due?"]);
    expect(await questions(standard, "parking")).toEqual([]);

    await standard.mutation(api.knowledgeBase.update, { entryId, answer: "Spring tuition is due January 10." });
    expect(await standard.query(api.knowledgeBase.get, { entryId })).toMatchObject({
      question: FIELDS.question,
      answer: "Spring tuition is due January 10.",
    });
    expect(await questions(standard, "january")).toEqual(["When is tuition due?"]);

    await standard.mutation(api.knowledgeBase.remove, { entryId });
    expect(await standard.query(api.knowledgeBase.get, { entryId })).toBeNull();
    expect(await codeOf(standard.mutation(api.knowledgeBase.remove, { entryId }))).toBe("NOT_FOUND");
  });

  test("fields are checked; a question asked twice and an id used twice are refused", async () => {
    expect(
      await messageOf(standard.mutation(api.knowledgeBase.create, { officeId: office, ...FIELDS, answer: " " })),
    ).toBe("The answer is empty.");
    await standard.mutation(api.knowledgeBase.create, { officeId: office, ...FIELDS });
    expect(
      await messageOf(
        standard.mutation(api.knowledgeBase.create, { officeId: office, ...FIELDS, question: "when is TUITION due" }),
      ),
    ).toBe('Another entry already asks "When is tuition due?". Edit that one instead.');
    const second = await standard.mutation(api.knowledgeBase.create, {
      officeId: office,
      ...FIELDS,
      question: "When is tuition due (spring)?",
    });
    expect((await standard.query(api.knowledgeBase.get, { entryId: second }))?.externalId).toBe(
      "when-is-tuition-due-spring",
    );
    expect(
      await codeOf(
        standard.mutation(api.knowledgeBase.create, {
          officeId: office,
          ...FIELDS,
          question: "Q?",
          externalId: "when-is-tuition-due",
        }),
      ),
    ).toBe("CONFLICT");
    expect(
      await codeOf(standard.mutation(api.knowledgeBase.update, { entryId: second, question: "When is tuition due?" })),
    ).toBe("CONFLICT");
  });

  test(`an office holds at most ${MAX_ENTRIES_PER_OFFICE} entries`, async () => {
    const userId = await insertUser(t, { role: "standard", officeIds: [office] });
    await t.run(async (ctx) => {
      for (let i = 0; i < MAX_ENTRIES_PER_OFFICE; i++)
        await ctx.db.insert("knowledgeEntries", {
          ...{ officeId: office, question: `Question ${i}?`, answer: "A.", alternates: [], keywords: [] },
          ...{ searchText: "", updatedAt: 1, updatedBy: userId },
        });
    });
    expect(await messageOf(standard.mutation(api.knowledgeBase.create, { officeId: office, ...FIELDS }))).toBe(
      "This office would have 2,001 entries; a knowledge base holds at most 2,000. Delete entries you no longer need first.",
    );
  });
});

describe("who may", () => {
  test("Limited members and viewers of other offices read but can't write; other offices' members can't read", async () => {
    const entryId = await standard.mutation(api.knowledgeBase.create, { officeId: office, ...FIELDS });
    for (const reader of [limited, viewer]) {
      expect(await questions(reader)).toEqual([FIELDS.question]);
      expect(
        await codeOf(reader.mutation(api.knowledgeBase.create, { officeId: office, ...FIELDS, question: "Q?" })),
      ).toBe("FORBIDDEN");
      expect(await codeOf(reader.mutation(api.knowledgeBase.update, { entryId, answer: "Changed." }))).toBe(
        "FORBIDDEN",
      );
      expect(await codeOf(reader.mutation(api.knowledgeBase.remove, { entryId }))).toBe("FORBIDDEN");
      expect(await codeOf(reader.mutation(api.knowledgeBase.importCsv, { officeId: office, rows: DEMO_ROWS }))).toBe(
        "FORBIDDEN",
      );
    }
    expect(await codeOf(outsider.query(api.knowledgeBase.get, { entryId }))).toBe("FORBIDDEN");
    expect(await codeOf(outsider.query(api.knowledgeBase.tryMessage, { officeId: office, message: "tuition?" }))).toBe(
      "FORBIDDEN",
    );
    expect(await codeOf(t.query(api.knowledgeBase.list, { officeId: office, paginationOpts: page }))).toBe(
      "UNAUTHENTICATED",
    );
  });
});

describe("CSV import and export", () => {
  test("importing the sample file creates its entries; again, it changes nothing; export gives the file back", async () => {
    expect(await standard.mutation(api.knowledgeBase.importCsv, { officeId: office, rows: DEMO_ROWS })).toEqual({
      created: 29,
      updated: 0,
      unchanged: 0,
      errors: [],
    });
    expect(await standard.mutation(api.knowledgeBase.importCsv, { officeId: office, rows: DEMO_ROWS })).toEqual({
      created: 0,
      updated: 0,
      unchanged: 29,
      errors: [],
    });
    const exported = await limited.query(api.knowledgeBase.exportRows, {
      officeId: office,
      paginationOpts: { numItems: 500, cursor: null },
    });
    expect(exported.isDone).toBe(true);
    expect(knowledgeCsv(exported.page)).toBe(knowledgeCsv(DEMO_KNOWLEDGE));
  });

  test("a changed row updates its entry by id", async () => {
    await standard.mutation(api.knowledgeBase.importCsv, { officeId: office, rows: DEMO_ROWS });
    const changed = DEMO_ROWS.map((r) => (r.id === "office-hours" ? { ...r, answer: "Open 9 to 5." } : r));
    expect(await standard.mutation(api.knowledgeBase.importCsv, { officeId: office, rows: changed })).toMatchObject({
      created: 0,
      updated: 1,
      unchanged: 28,
    });
    const found = await standard.query(api.knowledgeBase.list, {
      officeId: office,
      search: "office hours",
      paginationOpts: page,
    });
    expect(found.page.find((e) => e.externalId === "office-hours")?.answer).toBe("Open 9 to 5.");
  });

  test("any bad row: every problem reported by row number, and nothing imported", async () => {
    const rows = [
      ...DEMO_ROWS,
      { ...DEMO_ROWS[0], row: 31, id: "x" },
      { ...DEMO_ROWS[1], row: 32, id: "y", answer: "" },
    ];
    expect(await standard.mutation(api.knowledgeBase.importCsv, { officeId: office, rows })).toEqual({
      created: 0,
      updated: 0,
      unchanged: 0,
      errors: [
        { row: 31, reason: "the same question is also on row 2" },
        { row: 32, reason: "the answer is empty" },
      ],
    });
    expect(await questions(standard)).toEqual([]);
  });

  test("an import past the limit is refused whole, naming the office", async () => {
    const userId = await insertUser(t, { role: "standard", officeIds: [office] });
    await t.run(async (ctx) => {
      for (let i = 0; i < MAX_ENTRIES_PER_OFFICE - 10; i++)
        await ctx.db.insert("knowledgeEntries", {
          ...{ officeId: office, question: `Question ${i}?`, answer: "A.", alternates: [], keywords: [] },
          ...{ searchText: "", updatedAt: 1, updatedBy: userId },
        });
    });
    expect(await messageOf(standard.mutation(api.knowledgeBase.importCsv, { officeId: office, rows: DEMO_ROWS }))).toBe(
      "Financial Aid would have 2,019 entries; a knowledge base holds at most 2,000. Delete entries you no longer need first.",
    );
  });
});

describe("answering", () => {
  beforeEach(async () => {
    await standard.mutation(api.knowledgeBase.importCsv, { officeId: office, rows: DEMO_ROWS });
  });

  test("Try it shows the answer, or why the assistant doesn't know and what came closest", async () => {
    const answer = await limited.query(api.knowledgeBase.tryMessage, {
      officeId: office,
      message: "when is the fafsa due",
    });
    expect(answer).toMatchObject({
      yesNo: "other",
      result: { kind: "answer", question: "When is the FAFSA deadline?", confidence: 1 },
    });
    const chat = await limited.query(api.knowledgeBase.tryMessage, { officeId: office, message: "yep 👍" });
    expect(chat).toEqual({ yesNo: "yes", result: { kind: "unknown", reason: "small talk" } });
    const offTopic = await limited.query(api.knowledgeBase.tryMessage, {
      officeId: office,
      message: "is the library open late",
    });
    expect(offTopic.result).toMatchObject({
      kind: "unknown",
      reason: "off topic",
      closest: { question: "What are your office hours?" },
    });
  });

  test("answerFromKnowledge: the entry's answer for the engine, unknown for other offices' questions", async () => {
    const result = await t.run(async (ctx) => await answerFromKnowledge(ctx, office, "wats ur phone number"));
    expect(result).toMatchObject({
      kind: "answer",
      text: "Call the Financial Aid office at 555-0142, Monday to Friday 8:30 am to 4:30 pm.",
    });
    expect(await t.run(async (ctx) => await answerFromKnowledge(ctx, other, "wats ur phone number"))).toEqual({
      kind: "unknown",
      reason: "no knowledge base",
    });
  });
});

describe("the demo seed", () => {
  test("gives Financial Aid the sample knowledge base once; entries deleted later stay deleted", async () => {
    const fresh = newTest();
    await fresh.mutation(internal.seed.writeDemoData, {});
    const count = async () =>
      await fresh.run(async (ctx) => {
        const aid = await ctx.db
          .query("offices")
          .withIndex("by_name", (q) => q.eq("name", "Financial Aid"))
          .unique();
        const entries = await ctx.db
          .query("knowledgeEntries")
          .withIndex("by_officeId", (q) => q.eq("officeId", aid!._id))
          .collect();
        return {
          aid: entries.length,
          all: (await ctx.db.query("knowledgeEntries").collect()).length,
          first: entries[0],
        };
      });
    const seeded = await count();
    expect(seeded).toMatchObject({ aid: 29, all: 29, first: { externalId: "fafsa-deadline" } });
    await fresh.mutation(internal.seed.writeDemoData, {});
    expect((await count()).all).toBe(29);
    await fresh.run(async (ctx) => await ctx.db.delete("knowledgeEntries", seeded.first._id));
    await fresh.mutation(internal.seed.writeDemoData, {});
    expect((await count()).all).toBe(28);
  });
});
