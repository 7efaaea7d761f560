/**
 * Quiet hours: campaign sends wait until the recipient's local sending window is open (by
 * default 08:00–21:00; the organization may set `quietHours`). The recipient's zone comes from
 * their area code (`areaCodes.ts`); a number with no known area code uses the organization's zone.
 * Replies (agent, VA, system) are never held: someone is answering a text the contact just sent.
 * Pure: Intl and @internationalized/date only, so DST days are right.
 */
import { fromAbsolute, toCalendarDate } from "@internationalized/date";
import type { Doc } from "../../_generated/dataModel";
import { zoneOfPhone } from "../shared/areaCodes";
import { zonedInstant } from "../shared/timeZones";

export const DEFAULT_QUIET_HOURS = { start: "21:00", end: "08:00" } as const;
export const DEFAULT_TIME_ZONE = "America/New_York";

export type QuietHours = { start: string; end: string };
export type QuietSettings = { quietHours: QuietHours; timeZone: string };

/** The organization's settings with the defaults filled in. */
export function quietSettings(org: Pick<Doc<"organization">, "quietHours" | "timeZone"> | null): QuietSettings {
  return {
    quietHours: org?.quietHours ?? DEFAULT_QUIET_HOURS,
    timeZone: org?.timeZone ?? DEFAULT_TIME_ZONE,
  };
}

/** "HH:MM" → minutes after midnight; throws RangeError on anything else. */
export function minutesOf(time: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!m) throw new RangeError(`Not a time of day (HH:MM): ${time}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** Whether a local minute of the day falls in the quiet period (which may wrap past midnight). */
function isQuiet(minute: number, quiet: QuietHours): boolean {
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return false;
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

/**
 * The first instant at or after `now` when a campaign text to `phone` may go out: `now` itself
 * inside the window, else the end of the quiet period (the window's opening) in the recipient's zone.
 */
export function nextSendWindow(now: number, phone: string, settings: QuietSettings): number {
  const zone = zoneOfPhone(phone) ?? settings.timeZone;
  const local = fromAbsolute(now, zone);
  if (!isQuiet(local.hour * 60 + local.minute, settings.quietHours)) return now;
  const today = toCalendarDate(local);
  const opening = zonedInstant(today.toString(), settings.quietHours.end, zone);
  if (opening > now) return opening;
  return zonedInstant(today.add({ days: 1 }).toString(), settings.quietHours.end, zone);
}
