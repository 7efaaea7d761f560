import { describe, expect, it } from "vitest";
import { safeRedirect, signInUrl } from "./redirect";

describe("safeRedirect", () => {
  it("keeps same-origin paths with their query", () => {
    expect(safeRedirect("/inbox")).toBe("/inbox");
    expect(safeRedirect("/campaigns?office=abc&tab=draft")).toBe("/campaigns?office=abc&tab=draft");
  });

  it("falls back to /campaigns for anything that could leave the site or loop", () => {
    for (const target of [
      null,
      undefined,
      "",
      "inbox",
      "https://evil.test",
      "//evil.test",
      "/\\evil.test",
      "/\tx",
      "/signin",
      "/signin?redirectTo=/x",
    ]) {
      expect(safeRedirect(target)).toBe("/campaigns");
    }
  });
});

describe("signInUrl", () => {
  it("carries the current page in redirectTo", () => {
    expect(signInUrl("/lists?office=o1")).toBe("/signin?redirectTo=%2Flists%3Foffice%3Do1");
  });
});
