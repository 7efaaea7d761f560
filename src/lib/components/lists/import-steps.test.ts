import { describe, expect, test } from "vitest";
import { importSummary, nameFromFile, uploadLabel } from "./import-steps";

describe("import words", () => {
  test("summary counts in words, singular and plural", () => {
    expect(importSummary({ accepted: 1200, duplicates: 1, rejected: 0 })).toBe(
      "1,200 contacts imported, 1 duplicate merged, 0 rows rejected",
    );
  });
  test("upload phases", () => {
    const p = { rowsDone: 500, rows: 1000, batchesDone: 1, batches: 2, fraction: 0.5 };
    expect(uploadLabel({ ...p, phase: "contacts" })).toBe("Uploading contacts: 500 of 1,000");
    expect(uploadLabel({ ...p, phase: "done" })).toBe("Done");
  });
  test("a list name from the file name", () => {
    expect(nameFromFile("Spring admits.csv")).toBe("Spring admits");
    expect(nameFromFile(".csv")).toBe("New list");
  });
});
