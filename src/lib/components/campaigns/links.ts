/**
 * Where the campaign pages live. Paths are built here and passed to `resolve()` at the link, as
 * the lint rule asks. Each is typed as the one route pattern it is (not the union of every path),
 * because `resolve()`'s types can't relate a value of the whole union once the app has more than
 * 25 paths. The shell's office filter (`?office=`) rides along, so going back to the
 * Campaigns page keeps it.
 */
import { OFFICE_PARAM } from "$lib/state/office-filter.svelte";

export type CampaignViewTab = "activity" | "general" | "contacts" | "analytics";

function query(params: Record<string, string | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const text = search.toString();
  return text === "" ? "" : `?${text}`;
}

/** A campaign's view (a tab of it), or the wizard (`"edit"`, another page's business). */
export function campaignPath(
  campaignId: string,
  tab?: CampaignViewTab | "edit",
  officeId?: string | null,
): `/campaigns/${string}` {
  const path = tab === undefined ? `/campaigns/${campaignId}` : `/campaigns/${campaignId}/${tab}`;
  return `${path}${query({ [OFFICE_PARAM]: officeId })}` as `/campaigns/${string}`;
}

export type CampaignsQuery = { tab?: string; q?: string; tag?: string; office?: string | null };

/** The Campaigns page with its tab and filters. */
export function campaignsPath(params: CampaignsQuery): "/campaigns" | `/campaigns?${string}` {
  const { tab, q, tag, office } = params;
  const search = query({ tab, q, tag, [OFFICE_PARAM]: office });
  return search === "" ? "/campaigns" : `/campaigns${search as `?${string}`}`;
}

/**
 * The campaign creation wizard (another page), opened on a date of the Scheduled tab's calendar:
 * it reads `?date=YYYY-MM-DD` to preselect the launch day.
 */
export function newCampaignPath(date: string, officeId?: string | null): `/campaigns/${string}` {
  return `/campaigns/new${query({ date, [OFFICE_PARAM]: officeId })}` as `/campaigns/${string}`;
}

/**
 * A contact list. The Contact lists page (another issue) owns the URL; until it has a page per list
 * the link opens the page with the list named in `?list=`. Change it here only.
 */
export function listPath(listId: string): "/lists" | `/lists?${string}` {
  return `/lists${query({ list: listId })}` as `/lists?${string}`;
}
