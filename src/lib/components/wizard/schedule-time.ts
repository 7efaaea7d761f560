/**
 * A launch time as a person picks it (a calendar date, a wall-clock time, a time zone) and the
 * instant the backend stores. Daylight saving time is the zone's: 02:30 on a spring-forward day
 * doesn't exist and moves forward, as @internationalized/date's "compatible" disambiguation does.
 */
import {
  CalendarDate,
  parseDate,
  parseTime,
  Time,
  toCalendarDateTime,
  toZoned,
  fromDate,
} from "@internationalized/date";

/** A `YYYY-MM-DD` string as a CalendarDate, or null when it isn't a real date. */
export function dateFromParam(value: string | null): CalendarDate | null {
  if (value === null || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  try {
    const date = parseDate(value);
    return date.toString() === value ? date : null;
  } catch {
    return null;
  }
}

/** The instant (ms) of `date` at `time` in `timeZone`. */
export function toInstant(date: CalendarDate, time: Time, timeZone: string): number {
  return toZoned(toCalendarDateTime(date, time), timeZone).toDate().getTime();
}

/** The calendar date and wall-clock time of `instant` in `timeZone`. */
export function fromInstant(instant: number, timeZone: string): { date: CalendarDate; time: Time } {
  const zoned = fromDate(new Date(instant), timeZone);
  return {
    date: new CalendarDate(zoned.year, zoned.month, zoned.day),
    time: new Time(zoned.hour, zoned.minute, zoned.second),
  };
}

/** `HH:MM` or `HH:MM:SS` as a Time, or null. */
export function timeFromText(value: string): Time | null {
  if (!/^\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  try {
    return parseTime(value);
  } catch {
    return null;
  }
}
