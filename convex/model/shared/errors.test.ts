import { ConvexError } from "convex/values";
import { expect, test } from "vitest";
import { ERROR_CODES, ERROR_MESSAGES, appError, errorCode, errorMessage } from "./errors";

test("every code has a sentence for the UI", () => {
  for (const code of ERROR_CODES) expect(ERROR_MESSAGES[code]).toMatch(/\.$/);
});

test("errorCode and errorMessage read a Parley error, and fall back for anything else", () => {
  const error = appError("CONFLICT", "An office named Admissions already exists.");
  expect(errorCode(error)).toBe("CONFLICT");
  expect(errorMessage(error)).toBe("An office named Admissions already exists.");
  expect(errorMessage(new ConvexError({ code: "LAST_ADMIN", message: "" }))).toBe(ERROR_MESSAGES.LAST_ADMIN);
  expect(errorCode(new Error("boom"))).toBeNull();
  expect(errorCode(new ConvexError("text"))).toBeNull();
  expect(errorMessage(new Error("boom"))).toMatch(/went wrong/);
});
