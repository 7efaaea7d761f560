import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { prepareImport, suggestMapping } from "$convex/model/shared/contactImport";
import { decodeCsvBytes, parseCsvBytes, parseCsvText, rejectedRowsCsv } from "./csv";

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...new TextEncoder().encode(p)] : p)));

describe("decoding", () => {
  test("UTF-8 with or without a BOM", () => {
    expect(decodeCsvBytes(bytes([0xef, 0xbb, 0xbf], "Chloé,1\n"))).toEqual({ text: "Chloé,1\n", encoding: "utf-8" });
    expect(decodeCsvBytes(bytes("Nguyễn"))).toEqual({ text: "Nguyễn", encoding: "utf-8" });
  });

  test("bytes that are not UTF-8 are read as Windows-1252 (Excel's CSV on Windows)", () => {
    expect(decodeCsvBytes(bytes("Chlo", [0xe9], ",M", [0xfc], "ller ", [0x96], " ", [0x80], "5"))).toEqual({
      text: "Chloé,Müller – €5",
      encoding: "windows-1252",
    });
  });

  test("UTF-16 when its BOM says so", () => {
    const utf16 = [0xff, 0xfe, ...[..."a,é"].flatMap((c) => [c.charCodeAt(0), 0])];
    expect(decodeCsvBytes(new Uint8Array(utf16))).toEqual({ text: "a,é", encoding: "utf-16le" });
  });
});

describe("parsing", () => {
  test("the delimiter is guessed, even with blank lines; blank records stay so row numbers match", () => {
    const table = parseCsvText('\nName;Phone\n\nAna;415 555 2671\n;\nBen;"415\n555 2672"\n');
    expect(table).toMatchObject({ delimiter: ";", headerRow: 2, header: ["Name", "Phone"] });
    expect(table.rows).toEqual([[""], ["Ana", "415 555 2671"], ["", ""], ["Ben", "415\n555 2672"], [""]]);
    expect(parseCsvText("a\tb\n1\t2\n").delimiter).toBe("\t");
    expect(parseCsvText("phone\n4155552671\n").delimiter).toBe(",");
  });

  test("an unclosed quote is reported with its row", () => {
    const table = parseCsvText('name,phone\nAna,"415 555 2671\nBen,415 555 2672\n');
    expect(table.warnings).toEqual([
      'Row 2 opens a quote (") that is never closed, so everything after it was read as one value. Check that row in the file.',
    ]);
  });

  test("an empty file is refused", () => {
    expect(() => parseCsvText("\n \n")).toThrow(/The file is empty/);
  });

  test("progress is reported up to 1", () => {
    const seen: number[] = [];
    parseCsvText("a,b\n" + "1,2\n".repeat(10_000), { onProgress: (f) => seen.push(f) });
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.at(-1)).toBe(1);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });
});

test("the messy fixture comes out right", () => {
  const table = parseCsvBytes(readFileSync(new URL("../../../tests/fixtures/contacts-messy.csv", import.meta.url)));
  expect(table).toMatchObject({ encoding: "utf-8", delimiter: ",", warnings: [] });
  const result = prepareImport(table, suggestMapping(table)!);
  expect(result.columns).toEqual(["Email", "Program", "Advisor, Assigned", "Refund Amount", "Column 8"]);
  expect(result.accepted.map((e) => [e.row, e.phone, e.firstName, e.lastName])).toEqual([
    [2, "+14155552671", "Ana", "García"],
    [3, "+14155552672", "Ben", "O'Neil"],
    [4, "+14155552673", "Chloé", "Nguyễn"],
    [5, "+14155552674", "Dev", "Patel"],
    [6, "+14155552675", "", ""],
    [7, "+14155552676", "Eve", "Smith"],
    [13, "+14155552679", 'Kate "KK"', "Jones"],
    [16, "+14155552680", "Noah", "Davis"],
    [17, "+14155552681", "Olivia", "Martin"],
  ]);
  expect(result.accepted[0].fields).toEqual({
    Email: "ana@example.edu",
    Program: "Nursing",
    "Advisor, Assigned": "Lee, Pat",
    "Refund Amount": "$1,250.00",
    "Column 8": "",
  });
  expect(result.accepted[7].fields.Program).toBe("Engineering\nMechanical");
  expect(result.accepted[8].fields["Column 8"]).toBe("extra-field");
  expect(result.duplicates).toBe(1);
});

test("the rejected-rows report is a CSV a spreadsheet opens", () => {
  expect(
    rejectedRowsCsv([
      { row: 8, reason: "not a valid phone number" },
      { row: 10, reason: "outside the allowed countries (US, Canada)" },
      { row: 12, reason: 'has "quotes", commas' },
    ]),
  ).toBe(
    'Row,Reason\r\n8,not a valid phone number\r\n10,"outside the allowed countries (US, Canada)"\r\n12,"has ""quotes"", commas"\r\n',
  );
});
