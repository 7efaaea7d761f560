import { describe, expect, it } from "vitest";
import { firstPageLoading } from "./pagination";

describe("firstPageLoading", () => {
  it("is true only while a list has no rows to show", () => {
    expect(firstPageLoading({ status: "LoadingFirstPage", results: [] })).toBe(true);
    // A re-synced subscription says LoadingFirstPage while it keeps its rows: they stay on screen.
    expect(firstPageLoading({ status: "LoadingFirstPage", results: [{ _id: "a" }] })).toBe(false);
    expect(firstPageLoading({ status: "Exhausted", results: [] })).toBe(false);
    expect(firstPageLoading({ status: "CanLoadMore", results: [{ _id: "a" }] })).toBe(false);
  });
});
