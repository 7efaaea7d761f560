import { expect, test } from "vitest";
import { canonicalTimeZone, localDate, monthRange, zonedInstant } from "./timeZones";

const HOUR = 3_600_000;

test("zones are validated and canonicalized by Intl", () => {
  expect(canonicalTimeZone("America/New_York")).toBe("America/New_York");
  expect(canonicalTimeZone("america/new_york")).toBe("America/New_York");
  expect(canonicalTimeZone("UTC")).toBe("UTC");
  for (const bad of ["", " ", "probe", "Mars/Olympus_Mons", "GMT+25"]) expect(canonicalTimeZone(bad)).toBeNull();
});

test("09:00 in New York is 14:00Z in winter and 13:00Z in summer, across both 2026 changes", () => {
  expect(zonedInstant("2026-03-07", "09:00", "America/New_York")).toBe(Date.UTC(2026, 2, 7, 14));
  expect(zonedInstant("2026-03-09", "09:00", "America/New_York")).toBe(Date.UTC(2026, 2, 9, 13));
  expect(zonedInstant("2026-10-31", "09:00", "America/New_York")).toBe(Date.UTC(2026, 9, 31, 13));
  expect(zonedInstant("2026-11-02", "09:00", "America/New_York")).toBe(Date.UTC(2026, 10, 2, 14));
});

test("a skipped time moves forward; a repeated time is the earlier one", () => {
  expect(zonedInstant("2026-03-08", "02:30", "America/New_York")).toBe(Date.UTC(2026, 2, 8, 7, 30));
  expect(zonedInstant("2026-11-01", "01:30", "America/New_York")).toBe(Date.UTC(2026, 10, 1, 5, 30));
});

test("month ranges start at local midnight and have the zone's real length", () => {
  const march = monthRange(2026, 3, "America/New_York");
  expect(march.start).toBe(Date.UTC(2026, 2, 1, 5));
  expect(march.end).toBe(Date.UTC(2026, 3, 1, 4));
  expect(march.end - march.start).toBe(31 * 24 * HOUR - HOUR);
  const november = monthRange(2026, 11, "America/New_York");
  expect(november.end - november.start).toBe(30 * 24 * HOUR + HOUR);
  const december = monthRange(2026, 12, "Asia/Tokyo");
  expect(december).toEqual({ start: Date.UTC(2026, 10, 30, 15), end: Date.UTC(2026, 11, 31, 15) });
});

test("the local date of an instant depends on the zone", () => {
  const lateEvening = Date.UTC(2026, 2, 9, 2, 30); // 22:30 on Mar 8 in New York, 11:30 on Mar 9 in Tokyo
  expect(localDate(lateEvening, "America/New_York")).toBe("2026-03-08");
  expect(localDate(lateEvening, "Asia/Tokyo")).toBe("2026-03-09");
  expect(localDate(lateEvening, "UTC")).toBe("2026-03-09");
});
