import { describe, expect, test } from "vitest";
import type { Id } from "../../_generated/dataModel";
import { planImport } from "../assistant/knowledgeImport";
import { checkEntry, csvEntryRows, entryFromCsv, knowledgeCsv, slugFor, type CsvEntryRow } from "./knowledgeRules";
import { DEMO_KNOWLEDGE } from "../assistant/seedKnowledge";

const row = (n: number, fields: Partial<CsvEntryRow>): CsvEntryRow => ({
  row: n,
  id: "",
  question: "When is tuition due?",
  answer: "August 15.",
  alternates: "",
  keywords: "",
  ...fields,
});

describe("an entry's fields", () => {
  test("spaces tidied, blank and repeated phrasings and keywords dropped", () => {
    expect(
      checkEntry({
        question: "  When is   tuition due? ",
        answer: " August 15. ",
        alternates: ["tuition deadline", " ", "Tuition Deadline", "when is tuition due?"],
        keywords: ["tuition", "", "TUITION", "due"],
      }),
    ).toEqual({
      ok: true,
      value: {
        question: "When is tuition due?",
        answer: "August 15.",
        alternates: ["tuition deadline"],
        keywords: ["tuition", "due"],
      },
    });
  });

  test.each([
    [{ question: " " }, "the question is empty"],
    [{ answer: "" }, "the answer is empty"],
    [{ answer: "x".repeat(1601) }, "the answer is longer than 1600 characters (a text's limit)"],
    [{ alternates: Array.from({ length: 11 }, (_, i) => `phrasing ${i}`) }, "more than 10 alternative phrasings"],
    [{ alternates: ["a | b"] }, 'an alternative phrasing contains "|", which separates them in files'],
    [{ keywords: ["a;b"] }, 'a keyword contains ";", which separates them in files'],
  ])("%o is refused: %s", (change, reason) => {
    expect(checkEntry({ question: "Q?", answer: "A.", alternates: [], keywords: [], ...change })).toEqual({
      ok: false,
      reason,
    });
  });

  test("ids made from questions", () => {
    expect(slugFor("When is tuition due?")).toBe("when-is-tuition-due");
    expect(slugFor("¿Dónde está la oficina?")).toBe("donde-esta-la-oficina");
    expect(slugFor("???")).toBe("entry");
  });
});

describe("the CSV format", () => {
  test("the header must name question and answer (id, alternates and keywords may be missing)", () => {
    expect(csvEntryRows(["id", "question"], [])).toEqual({
      ok: false,
      reason:
        "The header has no answer, alternates, keywords column. Expected: id,question,answer,alternates,keywords.",
    });
    const rows = csvEntryRows(
      ["Keywords", "Answer", "Question", "Alternates"],
      [["k1;k2", "A.", "Q?", "x|y"], [], ["", "", "", ""]],
    );
    expect(rows).toEqual({
      ok: true,
      value: [{ row: 2, id: "", question: "Q?", answer: "A.", alternates: "x|y", keywords: "k1;k2" }],
    });
  });

  test("rows split alternates on | and keywords on ;, and check the id", () => {
    expect(entryFromCsv(row(2, { id: "t-1", alternates: "a|b", keywords: "x; y" }))).toEqual({
      ok: true,
      value: {
        question: "When is tuition due?",
        answer: "August 15.",
        alternates: ["a", "b"],
        keywords: ["x", "y"],
        externalId: "t-1",
      },
    });
    expect(entryFromCsv(row(3, { id: "has space" }))).toEqual({
      ok: false,
      reason: "the id may hold only letters, digits, dots, dashes and underscores",
    });
  });

  test("export writes the sample file's format: answers quoted, others only when they must be", () => {
    const csv = knowledgeCsv([
      { id: "a", question: "Q, with comma?", answer: 'Say "hi".', alternates: ["x", "y"], keywords: ["k"] },
    ]);
    expect(csv).toBe('id,question,answer,alternates,keywords\na,"Q, with comma?","Say ""hi"".",x|y,k\n');
    expect(knowledgeCsv(DEMO_KNOWLEDGE).split("\n")[1]).toBe(
      'fafsa-deadline,When is the FAFSA deadline?,"Our priority FAFSA deadline is March 1. File at studentaid.gov using school code 001234.",When do I need to file the FAFSA by?|What is the last day to submit FAFSA?|FAFSA due date,fafsa;deadline;due;priority',
    );
  });
});

describe("planning an import", () => {
  const existing = [
    {
      _id: "e1" as Id<"knowledgeEntries">,
      externalId: "tuition",
      question: "When is tuition due?",
      answer: "August 15.",
      alternates: [],
      keywords: [],
    },
    {
      _id: "e2" as Id<"knowledgeEntries">,
      question: "Where are you?",
      answer: "Room 120.",
      alternates: [],
      keywords: [],
    },
  ];

  test("ids update their entry, rows without one match by question, the rest are created", () => {
    const plan = planImport(existing, [
      row(2, { id: "tuition" }),
      row(3, { id: "", question: "where are you", answer: "Room 121." }),
      row(4, { id: "hours", question: "What are your hours?", answer: "9 to 5." }),
      row(5, { id: "", question: "Is there a payment plan?", answer: "Yes." }),
    ]);
    expect(plan.errors).toEqual([]);
    expect(plan.unchanged).toBe(1);
    expect(plan.updates).toEqual([
      { entryId: "e2", fields: { question: "where are you", answer: "Room 121.", alternates: [], keywords: [] } },
    ]);
    expect(plan.creates.map((c) => c.externalId)).toEqual(["hours", "is-there-a-payment-plan"]);
  });

  test("every row that can't be imported is reported with its row number and reason", () => {
    const plan = planImport(existing, [
      row(2, { id: "a", question: "Q1?", answer: "" }),
      row(3, { id: "b", question: "Q2?" }),
      row(4, { id: "b", question: "Q3?" }),
      row(5, { id: "c", question: "q2" }),
      row(6, { id: "d", question: "When is tuition due" }),
      row(7, { id: "bad id", question: "Q4?" }),
    ]);
    expect(plan.errors).toEqual([
      { row: 2, reason: "the answer is empty" },
      { row: 4, reason: 'the id "b" is also on row 3' },
      { row: 5, reason: "the same question is also on row 3" },
      { row: 6, reason: 'entry "tuition" already asks this question' },
      { row: 7, reason: "the id may hold only letters, digits, dots, dashes and underscores" },
    ]);
  });
});
