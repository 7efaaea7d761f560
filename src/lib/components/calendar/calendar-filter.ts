/**
 * The Campaigns page's search and tag filter, applied on the client to the calendar's month
 * (`campaigns.calendarMonth` returns every scheduled campaign of it, at most 500, with their tags).
 * The tag compares as the backend's tag filter does (`tagKey`). The search is a title match like
 * the table's full-text search, made strict so the calendar never shows what the words rule out:
 * every word typed must begin a word of the title (ignoring case).
 */
import { tagKey } from "$convex/model/shared/campaignRules";
import type { CalendarCampaign } from "$convex/validators";

const words = (text: string) =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/** Whether the campaign passes the title search `search` and the tag filter `tag` ("" = none). */
export function matchesFilters(campaign: Pick<CalendarCampaign, "title" | "tags">, search: string, tag: string) {
  if (tag.trim() !== "" && !campaign.tags.some((t) => tagKey(t) === tagKey(tag))) return false;
  const title = words(campaign.title);
  return words(search).every((w) => title.some((t) => t.startsWith(w)));
}

type Day = { date: string; count: number; campaigns: CalendarCampaign[] };

/** The month's days keeping only matching campaigns; days left empty are dropped. */
export function filterDays(days: readonly Day[], search: string, tag: string): Day[] {
  if (search.trim() === "" && tag.trim() === "") return [...days];
  return days
    .map((day) => {
      const campaigns = day.campaigns.filter((c) => matchesFilters(c, search, tag));
      return { date: day.date, count: campaigns.length, campaigns };
    })
    .filter((day) => day.count > 0);
}
