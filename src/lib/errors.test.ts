import { ConvexError } from "convex/values";
import { describe, expect, it, vi } from "vitest";
import { convexErrorData, errorMessage, GENERIC_ERROR } from "./errors";

describe("errorMessage", () => {
  it("shows the message a backend function wrote for people", () => {
    const error = new ConvexError({ code: "LAST_ADMIN", message: "Parley needs at least one admin." });
    expect(errorMessage(error)).toBe("Parley needs at least one admin.");
    expect(convexErrorData(error)).toEqual({ code: "LAST_ADMIN", message: "Parley needs at least one admin." });
  });

  it("words a known code that came without a sentence", () => {
    expect(errorMessage(new ConvexError({ code: "OPTED_OUT" }))).toMatch(/opted out of texts/);
    expect(errorMessage(new ConvexError({ code: "CLOSED", message: "" }))).toMatch(/conversation is closed/);
  });

  it("says the server could not be reached for network failures", () => {
    expect(errorMessage(new TypeError("Failed to fetch"))).toMatch(/couldn't reach the server/i);
  });

  it("hides the details of unexpected errors behind a generic sentence", () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(errorMessage(new Error("[Request ID: 1] Server Error Uncaught Error: boom"))).toBe(GENERIC_ERROR);
    expect(errorMessage(new ConvexError({ unexpected: true }))).toBe(GENERIC_ERROR);
    // A crash reads the same whether it arrives as an Error (a deployment) or as a ConvexError with
    // null data (what the local backend once sent): the console never depends on that difference.
    expect(errorMessage(new ConvexError(null))).toBe(GENERIC_ERROR);
    expect(spy).toHaveBeenCalledTimes(3);
    spy.mockRestore();
  });
});
