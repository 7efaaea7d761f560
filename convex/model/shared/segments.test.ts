import { expect, test } from "vitest";
import { MESSAGE_MAX_CHARACTERS, countSegments, encodingOf, gsmSeptets, splitSegments } from "./segments";

const GSM_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
  "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

test("the GSM-7 alphabet: 127 basic characters of one septet, 10 extension characters of two", () => {
  expect([...GSM_BASIC]).toHaveLength(127);
  for (const char of GSM_BASIC) expect(gsmSeptets(char)).toBe(1);
  for (const char of "\f^{}\\[~]|€") expect(gsmSeptets(char)).toBe(2);
  for (const char of ["ç", "á", "’", "“", "\t", "`", "😀", "中", "\u001b"]) expect(gsmSeptets(char)).toBe(0);
  expect(encodingOf(GSM_BASIC + "^{}€")).toBe("GSM-7");
});

test("an empty text is no segment", () => {
  expect(countSegments("")).toEqual({
    encoding: "GSM-7",
    characters: 0,
    segments: 0,
    perSegment: 160,
    remainingInSegment: 160,
    nonGsmCharacters: [],
  });
  expect(splitSegments("")).toEqual([]);
});

test("GSM-7: 160 septets in one segment, 153 per part once split", () => {
  expect(countSegments("a".repeat(160))).toMatchObject({ segments: 1, perSegment: 160, remainingInSegment: 0 });
  expect(countSegments("a".repeat(161))).toMatchObject({ segments: 2, perSegment: 153, remainingInSegment: 145 });
  expect(countSegments("a".repeat(306))).toMatchObject({ segments: 2, remainingInSegment: 0 });
  expect(countSegments("a".repeat(307))).toMatchObject({ segments: 3, remainingInSegment: 152 });
  expect(splitSegments("a".repeat(307)).map((p) => p.length)).toEqual([153, 153, 1]);
});

test("GSM-7 extension characters count two septets", () => {
  expect(countSegments("€".repeat(80))).toMatchObject({ encoding: "GSM-7", characters: 160, segments: 1 });
  expect(countSegments("€".repeat(81))).toMatchObject({ characters: 162, segments: 2 });
  expect(countSegments("Price: {10} [USD]")).toMatchObject({ characters: 21, remainingInSegment: 139 });
});

test("a split never breaks an escape sequence: the part carries 152 septets and the € moves on", () => {
  const text = "a".repeat(152) + "€" + "b".repeat(10);
  const parts = splitSegments(text);
  expect(parts).toEqual(["a".repeat(152), "€" + "b".repeat(10)]);
  expect(countSegments(text)).toMatchObject({ characters: 164, segments: 2, remainingInSegment: 153 - 12 });
  // 306 septets would fit two parts of 153, but the wasted septet pushes the last "a" into a third.
  const tight = "a".repeat(152) + "€" + "a".repeat(152);
  expect(countSegments(tight)).toMatchObject({ characters: 306, segments: 3, remainingInSegment: 152 });
});

test("one emoji or other non-GSM character makes the whole text UCS-2 (70 / 67 UTF-16 units)", () => {
  const hi = "Hi Ann, your FAFSA is due Friday 🎓";
  expect(countSegments(hi)).toMatchObject({ encoding: "UCS-2", characters: hi.length, segments: 1, perSegment: 70 });
  expect(countSegments(hi).nonGsmCharacters).toEqual(["🎓"]);
  expect(countSegments("x".repeat(70) + "’")).toMatchObject({
    encoding: "UCS-2",
    characters: 71,
    segments: 2,
    perSegment: 67,
  });
  expect(countSegments("’".repeat(70))).toMatchObject({ segments: 1, remainingInSegment: 0 });
  expect(countSegments("ç’’ç").nonGsmCharacters).toEqual(["ç", "’"]);
});

test("a split never breaks a surrogate pair: the emoji moves to the next part", () => {
  const text = "x".repeat(66) + "😀" + "y".repeat(10);
  const parts = splitSegments(text);
  expect(parts).toEqual(["x".repeat(66), "😀" + "y".repeat(10)]);
  for (const part of parts) expect(part).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
  expect(countSegments(text)).toMatchObject({ characters: 78, segments: 2, remainingInSegment: 67 - 12 });
});

test("emoji-only texts: 35 emoji fit one segment, 36 need two", () => {
  expect(countSegments("😀".repeat(35))).toMatchObject({ characters: 70, segments: 1 });
  expect(countSegments("😀".repeat(36))).toMatchObject({ characters: 72, segments: 2, remainingInSegment: 67 - 6 });
  expect(splitSegments("😀".repeat(36)).map((p) => p.length)).toEqual([66, 6]);
});

test("parts always join back to the text, and no part exceeds its size", () => {
  const samples = ["a€".repeat(400), "é😀{x}".repeat(150), "plain ".repeat(250), "中文".repeat(300)];
  for (const text of samples) {
    const parts = splitSegments(text);
    expect(parts.join("")).toBe(text);
    const count = countSegments(text);
    expect(parts).toHaveLength(count.segments);
    for (const part of parts) expect(countSegments(part).characters).toBeLessThanOrEqual(count.perSegment);
  }
});

test("the message limit is 1,600 characters", () => {
  expect(MESSAGE_MAX_CHARACTERS).toBe(1600);
  expect(countSegments("a".repeat(1600)).segments).toBe(11);
});
