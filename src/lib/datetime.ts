/**
 * Dates as people read them in Parley: shown in the viewer's own time zone (the browser's), with
 * the zone spelled out on hover — its name, abbreviation and UTC offset at that instant (so a date
 * in July says EDT, UTC−04:00, and one in January EST, UTC−05:00).
 */

let viewerZone: string | null = null;

/** The viewer's IANA time zone (the browser's); UTC when the browser can't say. */
export function viewerTimeZone(): string {
  if (viewerZone === null) {
    try {
      viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
    } catch {
      viewerZone = "UTC";
    }
  }
  return viewerZone;
}

// Building an Intl.DateTimeFormat costs far more than using one, and long tables format thousands
// of dates as they scroll: keep one per (locale, zone, style).
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, timeZone: string, style: string, options: Intl.DateTimeFormatOptions) {
  const key = `${locale}|${timeZone}|${style}`;
  let found = formatters.get(key);
  if (found === undefined) {
    found = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    formatters.set(key, found);
  }
  return found;
}

/** "Mar 9, 2026, 9:05 AM" in the zone. */
export function formatDateTime(at: number, timeZone: string, locale = "en-US"): string {
  return formatter(locale, timeZone, "dateTime", { dateStyle: "medium", timeStyle: "short" }).format(at);
}

/** "Mar 9, 2026" in the zone. */
export function formatDate(at: number, timeZone: string, locale = "en-US"): string {
  return formatter(locale, timeZone, "date", { dateStyle: "medium" }).format(at);
}

function zonePart(at: number, timeZone: string, style: "long" | "short" | "longOffset", locale = "en-US"): string {
  const parts = formatter(locale, timeZone, style, { timeZoneName: style }).formatToParts(at);
  return parts.find((p) => p.type === "timeZoneName")?.value ?? "";
}

export type ZoneDescription = {
  /** IANA id, e.g. "America/New_York". */
  id: string;
  /** "Eastern Daylight Time". */
  name: string;
  /** "EDT" (or "GMT+2" where the zone has no common abbreviation). */
  abbreviation: string;
  /** "UTC−04:00" (a true minus sign), "UTC+00:00" for UTC itself. */
  offset: string;
};

/** The zone as it stands at an instant (daylight saving time included). */
export function describeZone(at: number, timeZone: string, locale?: string): ZoneDescription {
  const raw = zonePart(at, timeZone, "longOffset", locale); // "GMT-04:00"; some engines say "GMT" for UTC
  const offset = raw === "GMT" ? "UTC+00:00" : raw.replace(/^GMT/, "UTC").replace("-", "−");
  return {
    id: timeZone,
    name: zonePart(at, timeZone, "long", locale),
    abbreviation: zonePart(at, timeZone, "short", locale),
    offset,
  };
}

/** One line for a tooltip: "Eastern Daylight Time (America/New_York, UTC−04:00)". */
export function zoneLine(at: number, timeZone: string, locale?: string): string {
  const zone = describeZone(at, timeZone, locale);
  return `${zone.name} (${zone.id}, ${zone.offset})`;
}
