/** The import engine: phones, column names and detection, row numbers, duplicates and rejections. */
import { describe, expect, test } from "vitest";
import {
  columnNames,
  detectColumns,
  prepareImport,
  resolveColumn,
  safeColumnName,
  suggestMapping,
} from "./contactImport";
import { entrySearchText, formatPhone, normalizePhone } from "./contactPhone";
import { codeOf, messageOf } from "../../setup.test";

describe("normalizePhone", () => {
  test.each([
    ["(415) 555-2671", "+14155552671"],
    ["415.555.2671", "+14155552671"],
    ["+1 415 555 2671", "+14155552671"],
    ["1-415-555-2671", "+14155552671"],
    ["4155552671", "+14155552671"],
    ["+14155552671", "+14155552671"],
    ["415\u2011555\u20112671", "+14155552671"],
    ["\u00a0415 555 2671\u200b", "+14155552671"],
    ["(613) 555-0199", "+16135550199"],
    ["787-555-1234", "+17875551234"],
  ])("%s is %s", (typed, e164) => {
    expect(normalizePhone(typed)).toMatchObject({ ok: true, phone: e164 });
  });

  test.each([
    ["", "missing phone"],
    ["   ", "missing phone"],
    ["555-2677", "not a valid phone number"],
    ["call me", "not a valid phone number"],
    ["415-555-268O", "not a valid phone number"],
    ["4.15555E+09", "not a valid phone number"],
    ["(212) 555-01234", "not a valid phone number"],
    ["415 555 2678 ext. 12", "has an extension, which texts can't reach"],
    ["415-555-2678 x12", "has an extension, which texts can't reach"],
    ["+44 20 7946 0958", "outside the allowed countries (US, Canada)"],
    ["+52 55 1234 5678", "outside the allowed countries (US, Canada)"],
  ])("%j is refused: %s", (typed, reason) => {
    expect(normalizePhone(typed)).toEqual({ ok: false, reason });
  });

  test("allowed countries come from the organization", () => {
    expect(normalizePhone("+44 20 7946 0958", ["US", "GB"])).toMatchObject({ ok: true, phone: "+442079460958" });
    expect(normalizePhone("(613) 555-0199", ["US"])).toEqual({
      ok: false,
      reason: "outside the allowed countries (US)",
    });
  });

  test("formatting and search text", () => {
    expect(formatPhone("+14155552671")).toBe("(415) 555-2671");
    expect(formatPhone("+442079460958")).toBe("+44 20 7946 0958");
    expect(entrySearchText("Ana", "", "+14155552671")).toBe("Ana +14155552671 4155552671 5552671 (415) 555-2671");
  });
});

describe("column names", () => {
  test("trimmed, made safe for Convex, empty ones numbered, repeats suffixed, rows wider than the header widen it", () => {
    expect(columnNames([" First Name ", "", "Prénom", "Email", "email", "$Amount", "“Quoted”"], 8)).toEqual([
      "First Name",
      "Column 2",
      "Prenom",
      "Email",
      "email (2)",
      "Amount",
      '"Quoted"',
      "Column 8",
    ]);
    expect(safeColumnName("電話")).toBe("");
    expect(safeColumnName("x".repeat(100))).toHaveLength(80);
  });

  test("detection ignores case, spaces and punctuation, and prefers a mobile column", () => {
    expect(detectColumns(["FIRST_NAME", "Surname", "Phone", "Mobile Phone"])).toEqual({
      firstName: "FIRST_NAME",
      lastName: "Surname",
      phone: "Mobile Phone",
    });
    expect(detectColumns(["Given Name", "Family-Name", "Cell #"])).toEqual({
      firstName: "Given Name",
      lastName: "Family-Name",
      phone: "Cell #",
    });
    expect(detectColumns(["Email"])).toEqual({ firstName: null, lastName: null, phone: null });
  });

  test("a column named by the person must exist", async () => {
    expect(resolveColumn(["Mobile Phone"], " mobile phone ", "phone")).toBe("Mobile Phone");
    expect(await messageOf(Promise.resolve().then(() => resolveColumn(["A", "B"], "Cell", "phone")))).toBe(
      'There is no column named "Cell" for the phone. The columns are: "A", "B".',
    );
  });
});

describe("prepareImport", () => {
  const header = ["First", "Last", "Phone", "Program", "Notes"];
  const mapping = { phone: "Phone", firstName: "First", lastName: "Last" };

  test("row numbers are a spreadsheet's; blank rows keep their number but don't count", () => {
    const result = prepareImport(
      {
        header,
        rows: [
          ["Ana", "Diaz", "415 555 2671", "Nursing", ""],
          [""],
          ["", "", "", "", ""],
          ["Ben", "Lee", "", "Art", ""],
          [" Cy ", "Ng", "(415) 555-2672", " Math ", "multi\nline"],
        ],
      },
      mapping,
    );
    expect(result.rows).toBe(3);
    expect(result.rejected).toEqual([{ row: 5, reason: "missing phone" }]);
    expect(result.columns).toEqual(["Program", "Notes"]);
    expect(result.accepted).toEqual([
      { row: 2, phone: "+14155552671", firstName: "Ana", lastName: "Diaz", fields: { Program: "Nursing", Notes: "" } },
      {
        row: 6,
        phone: "+14155552672",
        firstName: "Cy",
        lastName: "Ng",
        fields: { Program: "Math", Notes: "multi\nline" },
      },
    ]);
  });

  test("duplicates keep the first row and fill in what it left empty", () => {
    const result = prepareImport(
      {
        header,
        rows: [
          ["", "Diaz", "415 555 2671", "Nursing", ""],
          ["Ana", "Other", "+1 415-555-2671", "Biology", "Call after 5"],
          ["Zed", "", "4155552671", "", "Ignored"],
        ],
      },
      mapping,
    );
    expect(result).toMatchObject({ rows: 3, duplicates: 2, rejected: [] });
    expect(result.accepted).toEqual([
      {
        row: 2,
        phone: "+14155552671",
        firstName: "Ana",
        lastName: "Diaz",
        fields: { Program: "Nursing", Notes: "Call after 5" },
      },
    ]);
  });

  test("mapping without first or last name, a header row after blank lines, an oversized row", () => {
    const result = prepareImport(
      {
        header: ["Number", "Bio"],
        rows: [
          ["415 555 2671", "x".repeat(100_001)],
          ["415 555 2672", "ok"],
        ],
        headerRow: 3,
      },
      { phone: "Number", firstName: null, lastName: null },
    );
    expect(result.rejected).toEqual([{ row: 4, reason: "longer than 100,000 characters" }]);
    expect(result.accepted).toEqual([
      { row: 5, phone: "+14155552672", firstName: "", lastName: "", fields: { Bio: "ok" } },
    ]);
  });

  test("a mapping must name columns of the file, each once", async () => {
    const records = { header, rows: [] };
    expect(await codeOf(Promise.resolve().then(() => prepareImport(records, { ...mapping, phone: "Cell" })))).toBe(
      "INVALID",
    );
    expect(
      await messageOf(Promise.resolve().then(() => prepareImport(records, { ...mapping, firstName: "Phone" }))),
    ).toMatch(/different column/);
    expect(suggestMapping(records)).toEqual({ phone: "Phone", firstName: "First", lastName: "Last" });
    expect(suggestMapping({ header: ["Email"], rows: [] })).toBeNull();
  });

  // Its speed is measured by `npm run bench -- import` (parse figure), not asserted here.
  test("100,000 rows parse and normalize, every one accepted", () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => [
      `F${i}`,
      `L${i}`,
      `(415) ${200 + (i % 700)}-${String(i % 10000).padStart(4, "0")}`,
      "P",
      "",
    ]);
    const result = prepareImport({ header, rows }, mapping);
    expect(result.rows).toBe(100_000);
  });
});
