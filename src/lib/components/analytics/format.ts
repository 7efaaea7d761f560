/**
 * How analytics figures read: counts with thousands separators, rates as percentages, durations
 * as "1 min 10 s", and each activity bucket's label in the campaign's time zone.
 */
import type { ActivityUnit } from "$convex/model/shared/analyticsBuckets";

export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}

/** "66.7%"; an em dash when there is nothing to divide by. */
export function formatRate(rate: number | null): string {
  if (rate === null) return "—";
  return `${(Math.round(rate * 1000) / 10).toLocaleString("en-US")}%`;
}

/** "45 s", "3 min 20 s", "2 h 5 min", "1 d 3 h"; an em dash for no value. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const [m, h, d] = [Math.floor(s / 60), Math.floor(s / 3600), Math.floor(s / 86_400)];
  if (m < 60) return s % 60 === 0 ? `${m} min` : `${m} min ${s % 60} s`;
  if (h < 24) return m % 60 === 0 ? `${h} h` : `${h} h ${m % 60} min`;
  return h % 24 === 0 ? `${d} d` : `${d} d ${h % 24} h`;
}

const LABELS: Record<ActivityUnit, Intl.DateTimeFormatOptions> = {
  hour: { month: "short", day: "numeric", hour: "numeric" },
  day: { month: "short", day: "numeric" },
  month: { month: "short", year: "numeric" },
  year: { year: "numeric" },
};

/** A bucket's label: "Apr 15, 1 PM" (hour), "Apr 15" (day), "Apr 2026" (month), "2026" (year). */
export function bucketLabel(start: number, unit: ActivityUnit, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", { ...LABELS[unit], timeZone }).format(start);
}

export const UNIT_WORDS: Record<ActivityUnit, string> = {
  hour: "per hour",
  day: "per day",
  month: "per month",
  year: "per year",
};
