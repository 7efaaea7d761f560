/**
 * The office filter shared by every page of the app: "All my offices" or one office. It lives in
 * the URL (`?office=<id>`) so it survives reloads, can be shared as a link, and follows the person
 * across pages: navigation links are built with `href()`.
 */
import { goto } from "$app/navigation";
import { page } from "$app/state";
import type { Pathname, ResolvedPathname } from "$app/types";
import { createContext } from "svelte";

export const OFFICE_PARAM = "office";

export class OfficeFilter {
  /** The selected office's id, or null for all of the person's offices. */
  get officeId(): string | null {
    return page.url.searchParams.get(OFFICE_PARAM) || null;
  }

  /**
   * `path` with the current office filter carried over; pass it to `resolve()`. Typed by the
   * paths given (not the union of every path, which `resolve()`'s types can't take past 25).
   */
  href<P extends Pathname>(path: P): P | `${P}?${string}` {
    const id = this.officeId;
    return id === null ? path : `${path}?${OFFICE_PARAM}=${encodeURIComponent(id)}`;
  }

  /** Changes the filter on the current page, keeping every other URL parameter. */
  async select(officeId: string | null): Promise<void> {
    const params = [...page.url.searchParams].filter(([key]) => key !== OFFICE_PARAM);
    if (officeId) params.push([OFFICE_PARAM, officeId]);
    const search = params.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join("&");
    // page.url.pathname is already resolved (it carries the base path).
    const target = (search ? `${page.url.pathname}?${search}` : page.url.pathname) as ResolvedPathname;
    await goto(target, { keepFocus: true, noScroll: true });
  }
}

export const [getOfficeFilter, setOfficeFilter] = createContext<OfficeFilter>();
