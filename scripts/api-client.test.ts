/** The hour-of-day helpers the demo, the browser tests and the benches lean on to avoid quiet hours. */
import { describe, expect, test } from "vitest";
import { daytimeAreaCodes } from "./api-client.ts";
import { PhoneBook } from "./demo-people.ts";

const NIGHT_EVERYWHERE = Date.UTC(2026, 0, 15, 10, 30); // 5:30 in New York, 0:30 in Honolulu, 20:30 in Guam
const AFTERNOON_EAST = Date.UTC(2026, 0, 15, 18, 30); // 13:30 in New York

describe("daytime area codes", () => {
  test("there are hours when no area code is in daytime: then the fallback, if any", () => {
    expect(daytimeAreaCodes(NIGHT_EVERYWHERE)).toEqual([]);
    expect(daytimeAreaCodes(NIGHT_EVERYWHERE, undefined, "617")).toEqual(["617"]);
    expect(daytimeAreaCodes(AFTERNOON_EAST)).toContain("617");
    expect(daytimeAreaCodes(AFTERNOON_EAST, undefined, "999")).not.toContain("999");
  });

  test("the demo's phone book knows when it is night in every preferred code, and still hands out numbers", () => {
    const night = new PhoneBook(NIGHT_EVERYWHERE);
    expect(night.daytime).toBe(false);
    expect(night.take()).toMatch(/^\+1508555010\d$/);
    const day = new PhoneBook(AFTERNOON_EAST);
    expect(day.daytime).toBe(true);
    expect(day.take()).not.toBe(day.take());
  });
});
