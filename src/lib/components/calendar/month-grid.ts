/**
 * The date math of the Scheduled tab's calendar, pure (no DOM, no clock of its own): which dates a
 * month grid shows, which month and day an instant falls on in a zone, moving around the grid with
 * the keyboard, and turning a campaign's launch into the date + time a person edits (and back).
 * Dates are "YYYY-MM-DD" and months "YYYY-MM" strings: what the URL holds. Every conversion between
 * an instant and a wall-clock time goes through the zone's rules (@internationalized/date), so days
 * of 23 or 25 hours and viewers in another zone than the campaign's are right.
 */
import { CalendarDate, fromAbsolute, getDayOfWeek, parseDate, toCalendarDate } from "@internationalized/date";
import { localDate, zonedInstant } from "$convex/model/shared/timeZones";

export { localDate, zonedInstant };

export type GridDay = { date: string; day: number; inMonth: boolean };
export type Month = { year: number; month: number };

const MONTH = /^(\d{4})-(\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** "2027-03" → { year: 2027, month: 3 }, or null for anything else. */
export function parseMonth(value: string | null | undefined): Month | null {
  const match = MONTH.exec(value ?? "");
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  return year >= 1 && month >= 1 && month <= 12 ? { year, month } : null;
}

export function formatMonth({ year, month }: Month): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}`;
}

/** A valid "YYYY-MM-DD" or null. */
export function parseDay(value: string | null | undefined): string | null {
  if (!value || !DATE.test(value)) return null;
  try {
    const date = parseDate(value);
    return date.toString() === value ? value : null;
  } catch {
    return null;
  }
}

export function monthOf(date: string): Month {
  const d = parseDate(date);
  return { year: d.year, month: d.month };
}

export function addMonths(month: Month, count: number): Month {
  const d = new CalendarDate(month.year, month.month, 1).add({ months: count });
  return { year: d.year, month: d.month };
}

/** Today's date in a zone at an instant (the caller passes the clock). */
export function todayIn(timeZone: string, now: number): string {
  return localDate(now, timeZone);
}

/**
 * The weeks a month grid shows, Sunday first (en-US), each a full week: the days before the 1st and
 * after the last day come from the neighbouring months (`inMonth: false`). Always whole weeks, 4–6.
 */
export function monthGrid({ year, month }: Month, locale = "en-US"): GridDay[][] {
  const first = new CalendarDate(year, month, 1);
  const start = first.subtract({ days: getDayOfWeek(first, locale) });
  const last = first.add({ months: 1 }).subtract({ days: 1 });
  const weeks: GridDay[][] = [];
  for (let day = start; day.compare(last) <= 0;) {
    const week: GridDay[] = [];
    for (let i = 0; i < 7; i++, day = day.add({ days: 1 }))
      week.push({ date: day.toString(), day: day.day, inMonth: day.month === month });
    weeks.push(week);
  }
  return weeks;
}

export type GridKey = "ArrowLeft" | "ArrowRight" | "ArrowUp" | "ArrowDown" | "Home" | "End" | "PageUp" | "PageDown";

/**
 * Where a key moves the focused date, as in the WAI-ARIA date picker grid: arrows a day or a week,
 * Home/End the start/end of the week, PageUp/PageDown a month (Shift: a year), keeping the day
 * when the other month has it (31 January + 1 month → 28 or 29 February).
 */
export function moveDate(date: string, key: GridKey, shift = false, locale = "en-US"): string {
  const d = parseDate(date);
  const weekday = getDayOfWeek(d, locale);
  const moved = {
    ArrowLeft: () => d.subtract({ days: 1 }),
    ArrowRight: () => d.add({ days: 1 }),
    ArrowUp: () => d.subtract({ weeks: 1 }),
    ArrowDown: () => d.add({ weeks: 1 }),
    Home: () => d.subtract({ days: weekday }),
    End: () => d.add({ days: 6 - weekday }),
    PageUp: () => d.subtract(shift ? { years: 1 } : { months: 1 }),
    PageDown: () => d.add(shift ? { years: 1 } : { months: 1 }),
  }[key]();
  return moved.toString();
}

/** The date and the "HH:MM" time an instant shows on a wall clock in a zone (to prefill a picker). */
export function wallClock(instant: number, timeZone: string): { date: string; time: string } {
  const zoned = fromAbsolute(instant, timeZone);
  const time = `${String(zoned.hour).padStart(2, "0")}:${String(zoned.minute).padStart(2, "0")}`;
  return { date: toCalendarDate(zoned).toString(), time };
}

/** Groups instants by the local date they fall on in a zone (the calendar's placement rule). */
export function byLocalDate<T extends { scheduledAt: number }>(
  items: readonly T[],
  timeZone: string,
): Map<string, T[]> {
  const days = new Map<string, T[]>();
  for (const item of items) {
    const date = localDate(item.scheduledAt, timeZone);
    days.set(date, [...(days.get(date) ?? []), item]);
  }
  return days;
}
