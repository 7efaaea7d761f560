/**
 * The Scheduled tab's calendar: one month in the viewer's zone, the scheduled campaigns of each
 * local day. The month is the instants [local midnight of the 1st, local midnight of the next 1st),
 * so a month holding a DST change is an hour shorter or longer, and each campaign lands on the day
 * its launch falls on in that zone. Admin and Standard see every office's scheduled campaigns
 * ("calendar.otherOffices"), others the offices they read.
 */
import { mergedStream, stream } from "convex-helpers/server/stream";
import type { Doc, Id } from "../../_generated/dataModel";
import type { QueryCtx } from "../../_generated/server";
import schema from "../../schema";
import type { CalendarCampaign, CalendarMonth } from "../../validators";
import { can, canReadOffice, requireCapability, requireOfficeRead, type Viewer } from "../organization/auth";
import { namesOf, resolver } from "./views";
import { appError } from "../shared/errors";
import { allOffices } from "../organization/offices";
import { canonicalTimeZone, localDate, monthRange } from "../shared/timeZones";

/** The most campaigns one month returns; past it the month is `truncated`. */
export const CALENDAR_MAX = 500;

type Range = { start: number; end: number };

function officeRange(ctx: QueryCtx, officeId: Id<"offices">, { start, end }: Range) {
  return stream(ctx.db, schema)
    .query("campaigns")
    .withIndex("by_officeId_and_status_and_scheduledAt", (q) =>
      q.eq("officeId", officeId).eq("status", "scheduled").gte("scheduledAt", start).lt("scheduledAt", end),
    );
}

/** Scheduled campaigns launching in the range, soonest first, at most CALENDAR_MAX + 1. */
async function scheduledIn(ctx: QueryCtx, viewer: Viewer, range: Range, officeId?: Id<"offices">) {
  const everyOffice = can(viewer, "calendar.otherOffices") || viewer.viewOtherOffices;
  if (officeId !== undefined && !everyOffice) requireOfficeRead(viewer, officeId);
  if (officeId !== undefined) return await officeRange(ctx, officeId, range).take(CALENDAR_MAX + 1);
  if (everyOffice)
    return await ctx.db
      .query("campaigns")
      .withIndex("by_status_and_scheduledAt", (q) =>
        q.eq("status", "scheduled").gte("scheduledAt", range.start).lt("scheduledAt", range.end),
      )
      .take(CALENDAR_MAX + 1);
  const officeIds = viewer.viewOtherOffices ? (await allOffices(ctx)).map((o) => o._id) : viewer.officeIds;
  if (officeIds.length === 0) return [];
  const streams = officeIds.map((id) => officeRange(ctx, id, range));
  return await mergedStream(streams, ["scheduledAt"]).take(CALENDAR_MAX + 1);
}

export async function calendarMonth(
  ctx: QueryCtx,
  viewer: Viewer,
  args: { year: number; month: number; timeZone: string; officeId?: Id<"offices"> },
): Promise<CalendarMonth> {
  requireCapability(viewer, "campaigns.read");
  const { year, month } = args;
  if (!Number.isInteger(year) || year < 1 || year > 9999 || !Number.isInteger(month) || month < 1 || month > 12)
    throw appError("INVALID", "Choose a month from 1 to 12 of a year from 1 to 9999.");
  // A display preference: an unknown zone reads as UTC, and the answer says which zone it used.
  const timeZone = canonicalTimeZone(args.timeZone) ?? "UTC";
  const range = monthRange(year, month, timeZone);
  const found = await scheduledIn(ctx, viewer, range, args.officeId);
  const campaigns = found.slice(0, CALENDAR_MAX) as (Doc<"campaigns"> & { scheduledAt: number })[];
  const r = resolver(ctx);
  const byDate = new Map<string, CalendarCampaign[]>();
  for (const c of campaigns) {
    const date = localDate(c.scheduledAt, timeZone);
    const entry = {
      _id: c._id,
      title: c.title,
      tags: c.tags,
      ...(await namesOf(r, c)),
      scheduledAt: c.scheduledAt,
      timeZone: c.timeZone,
    };
    byDate.set(date, [...(byDate.get(date) ?? []), { ...entry, readable: canReadOffice(viewer, c.officeId) }]);
  }
  const days = [...byDate.entries()].map(([date, list]) => ({ date, count: list.length, campaigns: list }));
  return { timeZone, ...range, total: campaigns.length, truncated: found.length > CALENDAR_MAX, days };
}
