import { expect, test } from "vitest";
import { codeThrownBy } from "../../setup.test";
import { requireValidPassword, cleanName, normalizeEmail } from "./normalize";

const codeOf = codeThrownBy;

test("emails are trimmed and lowercased, and must look like name@domain.tld", () => {
  expect(normalizeEmail("  Sam.Rivera@Parley.TEST ")).toBe("sam.rivera@parley.test");
  for (const bad of ["", "  ", "sam", "sam@", "@parley.test", "sam@parley", "sam@@parley.test", "s am@parley.test"])
    expect(codeOf(() => normalizeEmail(bad))).toBe("INVALID");
  expect(codeOf(() => normalizeEmail(`${"a".repeat(250)}@x.org`))).toBe("INVALID");
});

test("names are trimmed, inner spaces collapsed, and 1 to max characters", () => {
  expect(cleanName("  Financial   Aid ", 80, "office name")).toBe("Financial Aid");
  expect(codeOf(() => cleanName("   ", 80, "office name"))).toBe("INVALID");
  expect(() => cleanName("x".repeat(81), 80, "office name")).toThrow(/80 characters/);
  expect(cleanName("x".repeat(80), 80, "office name")).toHaveLength(80);
});

test("passwords have 8 to 200 characters", () => {
  expect(codeOf(() => requireValidPassword("1234567"))).toBe("INVALID");
  expect(codeOf(() => requireValidPassword("12345678"))).toBe("OK");
  expect(codeOf(() => requireValidPassword("x".repeat(201)))).toBe("INVALID");
});
