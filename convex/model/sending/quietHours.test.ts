import { describe, expect, test } from "vitest";
import { AREA_CODE_ZONES, zoneOfPhone } from "../shared/areaCodes";
import { minutesOf, nextSendWindow, quietSettings } from "./quietHours";

const DEFAULTS = quietSettings(null);
const utc = (iso: string) => Date.parse(`${iso}Z`);

describe("area codes", () => {
  test("every zone is one Intl knows, and area codes map as expected", () => {
    for (const zone of new Set(AREA_CODE_ZONES.values()))
      expect(() => new Intl.DateTimeFormat("en-US", { timeZone: zone })).not.toThrow();
    expect(AREA_CODE_ZONES.size).toBeGreaterThan(400);
    expect(zoneOfPhone("+16175550100")).toBe("America/New_York");
    expect(zoneOfPhone("+12135550100")).toBe("America/Los_Angeles");
    expect(zoneOfPhone("+16025550100")).toBe("America/Phoenix");
    expect(zoneOfPhone("+13125550100")).toBe("America/Chicago");
    expect(zoneOfPhone("+18085550100")).toBe("Pacific/Honolulu");
    expect(zoneOfPhone("+14165550100")).toBe("America/Toronto");
    expect(zoneOfPhone("+17095550100")).toBe("America/St_Johns");
    expect(zoneOfPhone("+18005550100")).toBeNull(); // toll-free
    expect(zoneOfPhone("+442071234567")).toBeNull();
  });
});

describe("nextSendWindow", () => {
  test("inside the window a text goes now; 08:00 is open and 21:00 is closed", () => {
    const boston = "+16175550100";
    expect(nextSendWindow(utc("2026-06-10T12:00:00"), boston, DEFAULTS)).toBe(utc("2026-06-10T12:00:00")); // 08:00 EDT
    expect(nextSendWindow(utc("2026-06-11T00:59:59"), boston, DEFAULTS)).toBe(utc("2026-06-11T00:59:59")); // 20:59:59
    expect(nextSendWindow(utc("2026-06-11T01:00:00"), boston, DEFAULTS)).toBe(utc("2026-06-11T12:00:00")); // 21:00 → 08:00
    expect(nextSendWindow(utc("2026-06-10T11:59:00"), boston, DEFAULTS)).toBe(utc("2026-06-10T12:00:00")); // 07:59
  });

  test("the recipient's area code decides: the same instant is open in Boston and closed in Los Angeles", () => {
    const now = utc("2026-04-15T14:00:00"); // 10:00 EDT, 07:00 PDT
    expect(nextSendWindow(now, "+16175550100", DEFAULTS)).toBe(now);
    expect(nextSendWindow(now, "+12135550100", DEFAULTS)).toBe(utc("2026-04-15T15:00:00"));
    expect(nextSendWindow(now, "+18085550100", DEFAULTS)).toBe(utc("2026-04-15T18:00:00")); // Honolulu 08:00 HST
  });

  test("across the spring-forward night the window opens at 08:00 local time, an hour earlier in UTC", () => {
    // 2026-03-08: clocks jump from 02:00 EST to 03:00 EDT (the night is 23 hours long).
    expect(nextSendWindow(utc("2026-03-08T03:00:00"), "+16175550100", DEFAULTS)).toBe(utc("2026-03-08T12:00:00")); // 22:00 EST
    expect(nextSendWindow(utc("2026-03-07T03:00:00"), "+16175550100", DEFAULTS)).toBe(utc("2026-03-07T13:00:00")); // the day before
    // Arizona keeps standard time: 08:00 MST is 15:00 UTC on both days.
    expect(nextSendWindow(utc("2026-03-08T12:00:00"), "+16025550100", DEFAULTS)).toBe(utc("2026-03-08T15:00:00"));
    expect(nextSendWindow(utc("2026-03-07T12:00:00"), "+16025550100", DEFAULTS)).toBe(utc("2026-03-07T15:00:00"));
    // Los Angeles switches three hours later: at 10:30 UTC it is already 03:30 PDT.
    expect(nextSendWindow(utc("2026-03-08T10:30:00"), "+12135550100", DEFAULTS)).toBe(utc("2026-03-08T15:00:00"));
  });

  test("across the fall-back night (25 hours) the window opens at 08:00 EST", () => {
    expect(nextSendWindow(utc("2026-11-01T03:30:00"), "+16175550100", DEFAULTS)).toBe(utc("2026-11-01T13:00:00")); // 23:30 EDT
    expect(nextSendWindow(utc("2026-10-31T03:30:00"), "+16175550100", DEFAULTS)).toBe(utc("2026-10-31T12:00:00"));
  });

  test("the organization's quiet hours and zone (for numbers with no known area code)", () => {
    const custom = quietSettings({ quietHours: { start: "20:00", end: "09:30" }, timeZone: "America/Chicago" });
    expect(nextSendWindow(utc("2026-06-11T00:30:00"), "+16175550100", custom)).toBe(utc("2026-06-11T13:30:00")); // 20:30 EDT
    expect(nextSendWindow(utc("2026-06-10T13:00:00"), "+18005550100", custom)).toBe(utc("2026-06-10T14:30:00")); // 08:00 CDT
    const never = quietSettings({ quietHours: { start: "00:00", end: "00:00" } });
    expect(nextSendWindow(utc("2026-06-10T07:00:00"), "+16175550100", never)).toBe(utc("2026-06-10T07:00:00"));
    const daytimeQuiet = quietSettings({ quietHours: { start: "12:00", end: "13:00" } });
    expect(nextSendWindow(utc("2026-06-10T16:30:00"), "+16175550100", daytimeQuiet)).toBe(utc("2026-06-10T17:00:00"));
    expect(() => minutesOf("8:00")).toThrow(RangeError);
  });
});
