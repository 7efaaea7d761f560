import { describe, expect, test } from "vitest";
import { describeZone, formatDateTime, zoneLine } from "./datetime";

const JULY = Date.UTC(2026, 6, 4, 16, 30); // 12:30 in New York (EDT)
const JANUARY = Date.UTC(2026, 0, 15, 17, 0); // 12:00 in New York (EST)

describe("dates in the viewer's zone", () => {
  test("formats the instant in the zone asked for", () => {
    expect(formatDateTime(JULY, "America/New_York")).toBe("Jul 4, 2026, 12:30 PM");
    expect(formatDateTime(JULY, "UTC")).toBe("Jul 4, 2026, 4:30 PM");
  });

  test("describes the zone as it is at that instant, daylight saving time included", () => {
    expect(describeZone(JULY, "America/New_York")).toEqual({
      id: "America/New_York",
      name: "Eastern Daylight Time",
      abbreviation: "EDT",
      offset: "UTC−04:00",
    });
    expect(describeZone(JANUARY, "America/New_York").offset).toBe("UTC−05:00");
    expect(describeZone(JANUARY, "Asia/Kolkata").offset).toBe("UTC+05:30");
  });

  test("UTC reads as UTC+00:00; a line for the tooltip", () => {
    expect(describeZone(JULY, "UTC").offset).toBe("UTC+00:00");
    expect(zoneLine(JULY, "America/Chicago")).toBe("Central Daylight Time (America/Chicago, UTC−05:00)");
  });
});
