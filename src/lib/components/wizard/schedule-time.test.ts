import { describe, expect, test } from "vitest";
import { Time } from "@internationalized/date";
import { dateFromParam, fromInstant, timeFromText, toInstant } from "./schedule-time";

describe("schedule time", () => {
  test("a ?date= parameter is read only when it is a real date", () => {
    expect(dateFromParam("2027-03-15")?.toString()).toBe("2027-03-15");
    expect(dateFromParam("2027-02-30")).toBeNull();
    expect(dateFromParam("15/03/2027")).toBeNull();
    expect(dateFromParam(null)).toBeNull();
  });

  test("a wall-clock time in a zone is the right instant, across daylight saving time", () => {
    const winter = toInstant(dateFromParam("2027-01-15")!, new Time(9, 0), "America/New_York");
    expect(new Date(winter).toISOString()).toBe("2027-01-15T14:00:00.000Z");
    const summer = toInstant(dateFromParam("2027-07-15")!, new Time(9, 0), "America/New_York");
    expect(new Date(summer).toISOString()).toBe("2027-07-15T13:00:00.000Z");
    expect(new Date(toInstant(dateFromParam("2027-07-15")!, new Time(9, 0, 30), "UTC")).toISOString()).toBe(
      "2027-07-15T09:00:30.000Z",
    );
  });

  test("an instant reads back as the date and time it was picked in", () => {
    const instant = toInstant(dateFromParam("2027-03-15")!, new Time(23, 30), "America/Los_Angeles");
    const back = fromInstant(instant, "America/Los_Angeles");
    expect(back.date.toString()).toBe("2027-03-15");
    expect(back.time.toString()).toBe("23:30:00");
    expect(fromInstant(instant, "UTC").date.toString()).toBe("2027-03-16");
  });

  test("typed times", () => {
    expect(timeFromText("09:05")?.toString()).toBe("09:05:00");
    expect(timeFromText("9am")).toBeNull();
  });
});
