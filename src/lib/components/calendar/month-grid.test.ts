import { describe, expect, it } from "vitest";
import { monthRange } from "$convex/model/shared/timeZones";
import {
  addMonths,
  byLocalDate,
  formatMonth,
  localDate,
  monthGrid,
  moveDate,
  parseDay,
  parseMonth,
  todayIn,
  wallClock,
  zonedInstant,
} from "./month-grid";

const NY = "America/New_York";
const LONDON = "Europe/London";
const HOUR = 3_600_000;

describe("month grid", () => {
  it("shows whole weeks, Sunday first, with the neighbouring months' days marked", () => {
    const weeks = monthGrid({ year: 2027, month: 3 });
    expect(weeks).toHaveLength(5);
    expect(weeks[0][0]).toEqual({ date: "2027-02-28", day: 28, inMonth: false });
    expect(weeks[0][1]).toEqual({ date: "2027-03-01", day: 1, inMonth: true });
    expect(weeks.at(-1)?.at(-1)).toEqual({ date: "2027-04-03", day: 3, inMonth: false });
    expect(weeks.flat().filter((d) => d.inMonth)).toHaveLength(31);
    // The DST change day is one tile like any other.
    expect(weeks[2][0]).toEqual({ date: "2027-03-14", day: 14, inMonth: true });
  });

  it("has 4 weeks for a February starting on Sunday and 6 for a long month starting on Saturday", () => {
    expect(monthGrid({ year: 2026, month: 2 })).toHaveLength(4);
    expect(monthGrid({ year: 2027, month: 5 })).toHaveLength(6);
  });

  it("parses and formats months and days from the URL, refusing nonsense", () => {
    expect(parseMonth("2027-11")).toEqual({ year: 2027, month: 11 });
    expect(parseMonth("2027-13")).toBeNull();
    expect(parseMonth("nope")).toBeNull();
    expect(formatMonth({ year: 2027, month: 3 })).toBe("2027-03");
    expect(parseDay("2027-02-29")).toBeNull();
    expect(parseDay("2028-02-29")).toBe("2028-02-29");
    expect(parseDay("2027-3-1")).toBeNull();
    expect(addMonths({ year: 2026, month: 12 }, 1)).toEqual({ year: 2027, month: 1 });
    expect(addMonths({ year: 2027, month: 1 }, -1)).toEqual({ year: 2026, month: 12 });
  });
});

describe("keyboard moves", () => {
  it("moves by day, week, week edges, month and year", () => {
    expect(moveDate("2027-03-14", "ArrowLeft")).toBe("2027-03-13");
    expect(moveDate("2027-03-31", "ArrowRight")).toBe("2027-04-01");
    expect(moveDate("2027-03-03", "ArrowUp")).toBe("2027-02-24");
    expect(moveDate("2027-03-14", "ArrowDown")).toBe("2027-03-21");
    expect(moveDate("2027-03-17", "Home")).toBe("2027-03-14");
    expect(moveDate("2027-03-17", "End")).toBe("2027-03-20");
    expect(moveDate("2027-01-31", "PageDown")).toBe("2027-02-28");
    expect(moveDate("2027-03-31", "PageUp")).toBe("2027-02-28");
    expect(moveDate("2028-02-29", "PageDown", true)).toBe("2029-02-28");
  });
});

describe("placing launches on days across DST (America/New_York 2027)", () => {
  it("spring forward, 14 March: 01:30 EST and 03:30 EDT are one hour apart and on the same day", () => {
    const before = zonedInstant("2027-03-14", "01:30", NY);
    const after = zonedInstant("2027-03-14", "03:30", NY);
    expect(after - before).toBe(HOUR);
    expect(localDate(before, NY)).toBe("2027-03-14");
    expect(localDate(after, NY)).toBe("2027-03-14");
    // 02:30 doesn't exist that day: it moves forward to 03:30.
    expect(zonedInstant("2027-03-14", "02:30", NY)).toBe(after);
    // The day is 23 hours long: the last minute is still the 14th, midnight is the 15th.
    expect(localDate(zonedInstant("2027-03-14", "23:59", NY), NY)).toBe("2027-03-14");
    expect(zonedInstant("2027-03-15", "00:00", NY) - zonedInstant("2027-03-14", "00:00", NY)).toBe(23 * HOUR);
    // The month holding it is one hour short, and the backend reads exactly that range.
    const march = monthRange(2027, 3, NY);
    expect(march.end - march.start).toBe((31 * 24 - 1) * HOUR);
  });

  it("fall back, 7 November: the repeated 01:30 is the earlier one; the day is 25 hours", () => {
    const first = zonedInstant("2027-11-07", "01:30", NY);
    expect(new Date(first).toISOString()).toBe("2027-11-07T05:30:00.000Z"); // EDT, UTC−4
    expect(localDate(first + HOUR, NY)).toBe("2027-11-07"); // the second 01:30 (EST)
    expect(wallClock(first + HOUR, NY)).toEqual({ date: "2027-11-07", time: "01:30" });
    expect(zonedInstant("2027-11-08", "00:00", NY) - zonedInstant("2027-11-07", "00:00", NY)).toBe(25 * HOUR);
    const late = zonedInstant("2027-11-07", "23:30", NY);
    expect(localDate(late, NY)).toBe("2027-11-07");
    const november = monthRange(2027, 11, NY);
    expect(november.end - november.start).toBe((30 * 24 + 1) * HOUR);
  });

  it("round-trips a launch time through the reschedule picker's date + time on both DST days", () => {
    for (const [date, time] of [
      ["2027-03-14", "03:30"],
      ["2027-03-14", "23:45"],
      ["2027-11-07", "00:15"],
      ["2027-11-07", "09:00"],
    ] as const) {
      const at = zonedInstant(date, time, NY);
      expect(wallClock(at, NY)).toEqual({ date, time });
    }
  });
});

describe("a viewer in another zone than the campaign's", () => {
  it("puts a 23:30 New York launch on the next day for a London viewer", () => {
    const at = zonedInstant("2027-01-20", "23:30", NY);
    expect(localDate(at, NY)).toBe("2027-01-20");
    expect(localDate(at, LONDON)).toBe("2027-01-21");
    expect(wallClock(at, LONDON)).toEqual({ date: "2027-01-21", time: "04:30" });
  });

  it("follows each zone's own DST dates: between the US (14 March) and UK (28 March) changes the gap is 4 hours", () => {
    const winter = zonedInstant("2027-03-10", "20:30", NY); // EST vs GMT: 5 hours
    const between = zonedInstant("2027-03-20", "20:30", NY); // EDT vs GMT: 4 hours
    const summer = zonedInstant("2027-04-10", "20:30", NY); // EDT vs BST: 5 hours
    expect(wallClock(winter, LONDON).time).toBe("01:30");
    expect(wallClock(between, LONDON)).toEqual({ date: "2027-03-21", time: "00:30" });
    expect(wallClock(summer, LONDON).time).toBe("01:30");
    // 19:30 New York on 20 March is still the 20th in London then (23:30 GMT).
    expect(localDate(zonedInstant("2027-03-20", "19:30", NY), LONDON)).toBe("2027-03-20");
  });

  it("groups a month's launches by the viewer's days, and the same launches by New York's", () => {
    const launches = [
      { id: "a", scheduledAt: zonedInstant("2027-03-14", "23:30", NY) }, // 15th 03:30 UTC
      { id: "b", scheduledAt: zonedInstant("2027-03-14", "09:00", NY) },
      { id: "c", scheduledAt: zonedInstant("2027-03-31", "22:00", NY) }, // April in Tokyo
    ];
    const ny = byLocalDate(launches, NY);
    expect([...ny.keys()]).toEqual(["2027-03-14", "2027-03-31"]);
    expect(ny.get("2027-03-14")?.map((l) => l.id)).toEqual(["a", "b"]);
    const tokyo = byLocalDate(launches, "Asia/Tokyo");
    expect([...tokyo.keys()]).toEqual(["2027-03-15", "2027-03-14", "2027-04-01"]);
    // The backend's month range for the viewer's zone agrees: c is not in Tokyo's March.
    const march = monthRange(2027, 3, "Asia/Tokyo");
    expect(launches[2].scheduledAt >= march.end).toBe(true);
  });

  it("says which day it is now in the viewer's zone", () => {
    const now = Date.UTC(2027, 2, 14, 3, 0); // 14 March 03:00 UTC
    expect(todayIn(NY, now)).toBe("2027-03-13");
    expect(todayIn("Asia/Tokyo", now)).toBe("2027-03-14");
  });
});
