import { describe, expect, test } from "vitest";
import type { CsvEntryRow } from "$convex/model/shared/knowledgeRules";
import {
  exportFileName,
  importInBatches,
  importSummary,
  readKnowledgeFile,
  splitKeywords,
  splitLines,
} from "./knowledge-file";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("reading an import file", () => {
  test("rows numbered as in a spreadsheet", () => {
    const result = readKnowledgeFile(
      bytes('id,question,answer,alternates,keywords\na,Q1?,"A, one.",x|y,k\n\nb,Q2?,A2.,,\n'),
    );
    expect(result).toEqual({
      ok: true,
      rows: [
        { row: 2, id: "a", question: "Q1?", answer: "A, one.", alternates: "x|y", keywords: "k" },
        { row: 4, id: "b", question: "Q2?", answer: "A2.", alternates: "", keywords: "" },
      ],
    });
  });

  test("every bad row is reported before anything is sent; a wrong header or an empty file says so", () => {
    expect(readKnowledgeFile(bytes("id,question,answer,alternates,keywords\na,,A.,,\nb,Q?,,,\nc,Q3?,A3.,,\n"))).toEqual(
      {
        ok: false,
        message: "2 rows can't be imported:",
        problems: [
          { row: 2, reason: "the question is empty" },
          { row: 3, reason: "the answer is empty" },
        ],
      },
    );
    expect(readKnowledgeFile(bytes("name,phone\nAna,555\n"))).toMatchObject({ ok: false, problems: [] });
    expect(readKnowledgeFile(bytes(""))).toMatchObject({
      ok: false,
      message: "The file is empty. Choose a CSV file with a header row.",
    });
    expect(readKnowledgeFile(bytes("id,question,answer,alternates,keywords\n"))).toMatchObject({
      message: "The file has a header but no entries.",
    });
  });
});

test("imports in batches of 500 and stops at a batch with problems", async () => {
  const rows = Array.from({ length: 1200 }, (_, i): CsvEntryRow => ({
    row: i + 2,
    id: `e${i}`,
    question: `Q${i}?`,
    answer: "A.",
    alternates: "",
    keywords: "",
  }));
  const sizes: number[] = [];
  const ok = await importInBatches(rows, async (batch) => {
    sizes.push(batch.length);
    return await Promise.resolve({ created: batch.length, updated: 0, unchanged: 0, errors: [] });
  });
  expect(sizes).toEqual([500, 500, 200]);
  expect(importSummary(ok)).toBe("1200 added.");
  const failing = await importInBatches(
    rows,
    async (batch) =>
      await Promise.resolve(
        batch[0].row > 500
          ? {
              created: 0,
              updated: 0,
              unchanged: 0,
              errors: [{ row: 600, reason: 'entry "x" already asks this question' }],
            }
          : { created: 0, updated: 2, unchanged: 498, errors: [] },
      ),
  );
  expect(failing).toEqual({
    created: 0,
    updated: 2,
    unchanged: 498,
    errors: [{ row: 600, reason: 'entry "x" already asks this question' }],
  });
});

test("form fields and file names", () => {
  expect(splitLines(" one \n\n two\r\nthree ")).toEqual(["one", "two", "three"]);
  expect(splitKeywords("fafsa; deadline, due ,")).toEqual(["fafsa", "deadline", "due"]);
  expect(exportFileName("Financial Aid")).toBe("knowledge-base-financial-aid.csv");
  expect(importSummary({ created: 0, updated: 1, unchanged: 28, errors: [] })).toBe("1 updated, 28 unchanged.");
});
