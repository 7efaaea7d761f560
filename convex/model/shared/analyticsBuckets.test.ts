/** The Contact Message Activity chart's bucket rules (the user guide's thresholds) and bucket boundaries. */
import { describe, expect, test } from "vitest";
import { bucketStart, bucketStarts, chooseUnit, fiveMinuteStart, MAX_POINTS } from "./analyticsBuckets";

const NY = "America/New_York";
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// 2026-03-01 10:15 in New York (EST, UTC−5).
const LAUNCH = Date.UTC(2026, 2, 1, 15, 15);

describe("chooseUnit: the bucket size from how long the campaign has been active", () => {
  test.each([
    ["just launched", 0, "hour"],
    ["exactly one day", DAY, "hour"],
    ["one day and a millisecond", DAY + 1, "day"],
    // Two calendar months from 1 March 10:15 EST is 1 May 10:15 EDT (DST in between: 1 hour less).
    ["exactly two calendar months", Date.UTC(2026, 4, 1, 14, 15) - LAUNCH, "day"],
    ["two months and a millisecond", Date.UTC(2026, 4, 1, 14, 15) - LAUNCH + 1, "month"],
    ["exactly two years", Date.UTC(2028, 2, 1, 15, 15) - LAUNCH, "month"],
    ["two years and a millisecond", Date.UTC(2028, 2, 1, 15, 15) - LAUNCH + 1, "year"],
  ] as const)("%s → per %s", (_label, elapsed, unit) => {
    expect(chooseUnit(LAUNCH, LAUNCH + elapsed, NY)).toBe(unit);
  });
});

describe("bucket starts follow the campaign's time zone", () => {
  test("hour, day, month and year start at local boundaries", () => {
    const at = Date.UTC(2026, 6, 14, 3, 40); // 2026-07-13 23:40 EDT
    expect(new Date(bucketStart(at, "hour", NY)).toISOString()).toBe("2026-07-14T03:00:00.000Z");
    expect(new Date(bucketStart(at, "day", NY)).toISOString()).toBe("2026-07-13T04:00:00.000Z");
    expect(new Date(bucketStart(at, "month", NY)).toISOString()).toBe("2026-07-01T04:00:00.000Z");
    expect(new Date(bucketStart(at, "year", NY)).toISOString()).toBe("2026-01-01T05:00:00.000Z");
    expect(new Date(bucketStart(at, "hour", "Asia/Kolkata")).toISOString()).toBe("2026-07-14T03:30:00.000Z");
  });

  test("a day of 23 hours and the repeated fall-back hour", () => {
    const days = bucketStarts(Date.UTC(2026, 2, 7, 12), Date.UTC(2026, 2, 9, 12), "day", NY);
    expect(days.map((d) => new Date(d).toISOString())).toEqual([
      "2026-03-07T05:00:00.000Z",
      "2026-03-08T05:00:00.000Z",
      "2026-03-09T04:00:00.000Z",
    ]);
    // 1 November 2026: 01:00–02:00 happens twice in New York; each is its own hour.
    const hours = bucketStarts(Date.UTC(2026, 10, 1, 4, 30), Date.UTC(2026, 10, 1, 7, 30), "hour", NY);
    expect(hours).toEqual([4, 5, 6, 7].map((h) => Date.UTC(2026, 10, 1, h)));
  });

  test("a series runs from the launch's bucket to the end's, and never past MAX_POINTS", () => {
    expect(bucketStarts(LAUNCH, LAUNCH + DAY, "hour", NY)).toHaveLength(25);
    expect(bucketStarts(LAUNCH, LAUNCH, "hour", NY)).toEqual([Date.UTC(2026, 2, 1, 15)]);
    const months = bucketStarts(LAUNCH, Date.UTC(2027, 1, 10), "month", NY);
    expect(months).toHaveLength(12);
    expect(bucketStarts(0, Date.UTC(2500, 0, 1), "year", "UTC")).toHaveLength(MAX_POINTS);
  });

  test("five-minute periods (the dashboard's last hour)", () => {
    expect(fiveMinuteStart(Date.UTC(2026, 0, 1, 10, 7, 59))).toBe(Date.UTC(2026, 0, 1, 10, 5));
  });
});
