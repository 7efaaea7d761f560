import { describe, expect, it } from "vitest";
import { decodeJwtPayload, needsRefresh, tokenExpiresAt } from "./jwt";
import { fakeJwt, jwtExpiringIn } from "./test-helpers";

const NOW = Date.UTC(2026, 10, 29, 12, 0, 0);

describe("decodeJwtPayload", () => {
  it("reads a base64url payload without padding, including UTF-8 text", () => {
    const token = fakeJwt({ sub: "k57?>>~", name: "Zoë Ångström", exp: 1_800_000_000 });
    expect(decodeJwtPayload(token)).toEqual({ sub: "k57?>>~", name: "Zoë Ångström", exp: 1_800_000_000 });
  });

  it("returns null for strings that are not JWTs", () => {
    expect(decodeJwtPayload("")).toBeNull();
    expect(decodeJwtPayload("abc")).toBeNull();
    expect(decodeJwtPayload("a..c")).toBeNull();
    expect(decodeJwtPayload("a.%%%.c")).toBeNull();
    expect(decodeJwtPayload(`a.${Buffer.from("[1,2]").toString("base64url")}.c`)).toBeNull();
    expect(decodeJwtPayload(`a.${Buffer.from("not json").toString("base64url")}.c`)).toBeNull();
  });
});

describe("tokenExpiresAt", () => {
  it("converts exp (seconds) to milliseconds", () => {
    expect(tokenExpiresAt(fakeJwt({ exp: 1_800_000_000 }))).toBe(1_800_000_000_000);
  });

  it("is null without a numeric exp", () => {
    expect(tokenExpiresAt(fakeJwt({ sub: "x" }))).toBeNull();
    expect(tokenExpiresAt(fakeJwt({ exp: "1800000000" }))).toBeNull();
    expect(tokenExpiresAt("garbage")).toBeNull();
  });
});

describe("needsRefresh", () => {
  it("keeps a token with more than 60 s left", () => {
    expect(needsRefresh(jwtExpiringIn(NOW, 61), NOW)).toBe(false);
    expect(needsRefresh(jwtExpiringIn(NOW, 3600), NOW)).toBe(false);
  });

  it("refreshes a token within 60 s of expiry, or already expired", () => {
    expect(needsRefresh(jwtExpiringIn(NOW, 60), NOW)).toBe(true);
    expect(needsRefresh(jwtExpiringIn(NOW, 5), NOW)).toBe(true);
    expect(needsRefresh(jwtExpiringIn(NOW, -30), NOW)).toBe(true);
  });

  it("treats an unreadable expiry as expired", () => {
    expect(needsRefresh(fakeJwt({ sub: "x" }), NOW)).toBe(true);
    expect(needsRefresh("garbage", NOW)).toBe(true);
  });

  it("honours a custom leeway", () => {
    expect(needsRefresh(jwtExpiringIn(NOW, 30), NOW, 10_000)).toBe(false);
  });
});
