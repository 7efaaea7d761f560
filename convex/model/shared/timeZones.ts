/**
 * Time zones for scheduling and the calendar, shared by the backend and the UI (pure: Intl and
 * @internationalized/date only). Instants are epoch milliseconds; local dates are "YYYY-MM-DD".
 * Every conversion goes through the zone's rules, so days of 23 or 25 hours (DST changes) are right.
 */
import {
  CalendarDate,
  fromAbsolute,
  parseDate,
  parseTime,
  toCalendarDate,
  toCalendarDateTime,
  toZoned,
} from "@internationalized/date";

/** The zone's canonical IANA name as Intl spells it, or null when Intl doesn't know the zone. */
export function canonicalTimeZone(timeZone: string): string | null {
  if (timeZone.trim() === "") return null;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: timeZone.trim() }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** The local calendar date of an instant in a zone. */
export function localDate(instant: number, timeZone: string): string {
  return toCalendarDate(fromAbsolute(instant, timeZone)).toString();
}

/** Local midnight starting a date, as an instant (a midnight that doesn't exist moves forward). */
function startOfDay(date: CalendarDate, timeZone: string): number {
  return toZoned(date, timeZone, "compatible").toDate().getTime();
}

/** The instants [start, end) of a calendar month (1–12) in a zone. */
export function monthRange(year: number, month: number, timeZone: string): { start: number; end: number } {
  const first = new CalendarDate(year, month, 1);
  return { start: startOfDay(first, timeZone), end: startOfDay(first.add({ months: 1 }), timeZone) };
}

/**
 * The instant of a wall-clock time ("YYYY-MM-DD", "HH:MM") in a zone. A time skipped by a
 * spring-forward change moves forward by the gap (02:30 → 03:30); a time that happens twice at a
 * fall-back change is the first (earlier) one. Throws RangeError on a malformed date or time.
 */
export function zonedInstant(date: string, time: string, timeZone: string): number {
  return toZoned(toCalendarDateTime(parseDate(date), parseTime(time)), timeZone, "compatible")
    .toDate()
    .getTime();
}
