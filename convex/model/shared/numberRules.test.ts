import { describe, expect, test } from "vitest";
import { codeThrownBy } from "../../setup.test";
import {
  areaCodeType,
  checkAreaCode,
  checkE164,
  checkMessagesPerSecond,
  cleanDescription,
  cleanUnsolicited,
  DEFAULT_MESSAGES_PER_SECOND,
  displayNumber,
  friendlyName,
  messagesPerSecondFor,
  numberType,
} from "./numberRules";
import type { Id } from "../../_generated/dataModel";

describe("area codes and numbers", () => {
  test("an area code is three digits, the first 2–9; 800, 833, … are toll-free", () => {
    expect(checkAreaCode(" 617 ")).toBe("617");
    for (const bad of ["61", "6170", "abc", "117", "", "0 17"])
      expect(codeThrownBy(() => checkAreaCode(bad))).toBe("INVALID");
    expect(areaCodeType("617")).toBe("local");
    expect(areaCodeType("888")).toBe("tollFree");
    expect(numberType("+18335550100")).toBe("tollFree");
    expect(numberType("+16175550101")).toBe("local");
  });

  test("a 5- or 6-digit short code is its own type, paced at 100 segments a second by default", () => {
    expect(numberType("12345")).toBe("shortCode");
    expect(numberType("123456")).toBe("shortCode");
    expect(numberType("1234567")).toBe("local");
    expect(DEFAULT_MESSAGES_PER_SECOND).toEqual({ local: 1, tollFree: 3, shortCode: 100 });
    expect(messagesPerSecondFor("12345", undefined)).toBe(100);
    expect(messagesPerSecondFor("+18005550100", undefined)).toBe(3);
    expect(messagesPerSecondFor("+16175550101", undefined)).toBe(1);
    expect(messagesPerSecondFor("12345", 250)).toBe(250);
    expect(displayNumber("12345")).toBe("12345");
  });

  test("a phone number is US E.164", () => {
    expect(checkE164("+16175550101")).toBe("+16175550101");
    for (const bad of ["6175550101", "+1617555010", "+44 20 7946 0958", "+11175550101"])
      expect(codeThrownBy(() => checkE164(bad))).toBe("INVALID");
    expect(displayNumber("+16175550101")).toBe("(617) 555-0101");
    expect(displayNumber("+442079460958")).toBe("+442079460958");
  });
});

describe("settings", () => {
  test("messages per second: a whole number from 1 to 1000, defaulting to 1 (local) or 3 (toll-free)", () => {
    expect(checkMessagesPerSecond(1)).toBe(1);
    expect(checkMessagesPerSecond(1000)).toBe(1000);
    for (const bad of [0, 1001, 1.5, -3, Number.NaN])
      expect(codeThrownBy(() => checkMessagesPerSecond(bad))).toBe("INVALID");
    expect(messagesPerSecondFor("+16175550101", undefined)).toBe(1);
    expect(messagesPerSecondFor("+18005550101", undefined)).toBe(3);
    expect(messagesPerSecondFor("+18005550101", 25)).toBe(25);
  });

  test("descriptions are trimmed and at most 500 characters", () => {
    expect(cleanDescription("  Main line  ")).toBe("Main line");
    expect(cleanDescription("")).toBe("");
    expect(codeThrownBy(() => cleanDescription("x".repeat(501)))).toBe("INVALID");
  });

  test("unsolicited settings name at least one inbox, without repeats", () => {
    const u = "u1" as Id<"users">;
    const o = "o1" as Id<"offices">;
    expect(cleanUnsolicited({ handledBy: "va", inboxes: { userIds: [u, u], officeIds: [o, o] } })).toEqual({
      handledBy: "va",
      inboxes: { userIds: [u], officeIds: [o] },
    });
    expect(codeThrownBy(() => cleanUnsolicited({ handledBy: "agent", inboxes: { userIds: [], officeIds: [] } }))).toBe(
      "INVALID",
    );
    const many = Array.from({ length: 51 }, (_, i) => `u${i}` as Id<"users">);
    expect(
      codeThrownBy(() => cleanUnsolicited({ handledBy: "agent", inboxes: { userIds: many, officeIds: [] } })),
    ).toBe("INVALID");
  });

  test("Twilio's friendly name joins the parts and fits in 64 characters", () => {
    expect(friendlyName(["Parley", "Admissions", "Main line"])).toBe("Parley · Admissions · Main line");
    expect(friendlyName(["Parley", "x".repeat(100)])).toHaveLength(64);
  });
});
