/**
 * Changing the current page's URL parameters (filters, the open conversation) in place: the URL
 * is where the console's state lives, so it survives reloads and can be shared as a link.
 */
import { goto } from "$app/navigation";
import { page } from "$app/state";
import type { ResolvedPathname } from "$app/types";

/** The current URL with `changes` applied (null or "" removes a parameter). */
export function withParams(changes: Record<string, string | null>): ResolvedPathname {
  const params = new URLSearchParams(page.url.searchParams);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === "") params.delete(key);
    else params.set(key, value);
  }
  const search = params.toString();
  // page.url.pathname is already resolved (it carries the base path).
  return (search ? `${page.url.pathname}?${search}` : page.url.pathname) as ResolvedPathname;
}

/** Applies `changes` to the URL without scrolling or moving focus; `push` adds a history entry. */
export async function setParams(changes: Record<string, string | null>, push = false): Promise<void> {
  await goto(withParams(changes), { keepFocus: true, noScroll: true, replaceState: !push });
}
