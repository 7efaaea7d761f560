/**
 * The time buckets of a campaign's Contact Message Activity chart (pure, shared with the UI).
 * The user guide picks the bucket from how long the campaign has been active: up to one day →
 * per hour; up to two months → per day; up to two years → per month; longer → per year. Buckets
 * follow the campaign's time zone (a day is a local day, DST days included); "one day" is 24 hours,
 * "two months" and "two years" are calendar months and years from the launch.
 */
import { fromAbsolute, toCalendarDate, toZoned } from "@internationalized/date";

export type ActivityUnit = "hour" | "day" | "month" | "year";
/** Every unit a contact text is counted in (the chart reads only the one it shows). */
export const ACTIVITY_UNITS: readonly ActivityUnit[] = ["hour", "day", "month", "year"];
/** Agent replies are counted per five minutes: the dashboard's "last hour". */
export const FIVE_MINUTES = 5 * 60_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** No chart has more points than this (a century of years); the query reads at most this many rows. */
export const MAX_POINTS = 120;

/** The bucket size for a campaign active from `start` to `end` (epoch ms) in `timeZone`. */
export function chooseUnit(start: number, end: number, timeZone: string): ActivityUnit {
  if (end - start <= DAY) return "hour";
  const launched = fromAbsolute(start, timeZone);
  if (end <= launched.add({ months: 2 }).toDate().getTime()) return "day";
  if (end <= launched.add({ years: 2 }).toDate().getTime()) return "month";
  return "year";
}

/** The start (epoch ms) of the bucket of `unit` holding `instant`, in `timeZone`. */
export function bucketStart(instant: number, unit: ActivityUnit, timeZone: string): number {
  const zoned = fromAbsolute(instant, timeZone);
  // An hour starts at minute 0 of local time, counted back in absolute time (a repeated
  // fall-back hour stays two buckets).
  if (unit === "hour") return instant - (zoned.minute * 60_000 + zoned.second * 1000 + zoned.millisecond);
  const date = toCalendarDate(zoned);
  const first = unit === "day" ? date : date.set({ day: 1, ...(unit === "year" ? { month: 1 } : {}) });
  return toZoned(first, timeZone, "compatible").toDate().getTime();
}

/** The start of the bucket after the one starting at `start`. */
function nextStart(start: number, unit: ActivityUnit, timeZone: string): number {
  if (unit === "hour") return bucketStart(start + HOUR, unit, timeZone);
  const step = unit === "day" ? { days: 1 } : unit === "month" ? { months: 1 } : { years: 1 };
  const date = toCalendarDate(fromAbsolute(start, timeZone)).add(step);
  return toZoned(date, timeZone, "compatible").toDate().getTime();
}

/** The start of the five-minute period holding `instant` (zone offsets are multiples of 15 minutes). */
export function fiveMinuteStart(instant: number): number {
  return Math.floor(instant / FIVE_MINUTES) * FIVE_MINUTES;
}

/** Every bucket start from the one holding `start` to the one holding `end`, at most MAX_POINTS. */
export function bucketStarts(start: number, end: number, unit: ActivityUnit, timeZone: string): number[] {
  const starts: number[] = [];
  for (let at = bucketStart(start, unit, timeZone); at <= end && starts.length < MAX_POINTS;) {
    starts.push(at);
    at = nextStart(at, unit, timeZone);
  }
  return starts;
}
