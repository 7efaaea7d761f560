/**
 * Twilio's list paging: PageSize (default 50, at most 1000), Page, and PageToken (`PA<sid>`: the
 * page after that record, `PB<sid>`: the page before it). The body carries the records under
 * their key plus `uri`, `first_page_uri`, `next_page_uri`, `previous_page_uri`, `page`,
 * `page_size`, `start`, `end`; the SDK follows `next_page_uri` until it is null.
 */
import { badRequest } from "./resources.ts";

export interface ListRequest {
  /** The list's path, e.g. /2010-04-01/Accounts/AC…/Messages.json */
  path: string;
  /** Filters to repeat in every page URI, in the order given. */
  filters: [string, string][];
  query: URLSearchParams;
}

function integer(value: string | null, name: string, fallback: number): number {
  if (value === null || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw badRequest(20001, `Invalid ${name}: ${value}`);
  return n;
}

export function pageOf<T>(
  items: T[],
  sidOf: (item: T) => string,
  request: ListRequest,
  key: string,
  toJson: (item: T) => unknown,
): Record<string, unknown> {
  const pageSize = Math.min(1000, Math.max(1, integer(request.query.get("PageSize"), "PageSize", 50)));
  const page = integer(request.query.get("Page"), "Page", 0);
  const token = request.query.get("PageToken");
  let start = page * pageSize;
  const at = token ? items.findIndex((item) => sidOf(item) === token.slice(2)) : -1;
  if (token?.startsWith("PA") && at >= 0) start = at + 1;
  else if (token?.startsWith("PB") && at >= 0) start = Math.max(0, at - pageSize);
  const records = items.slice(start, start + pageSize);
  const uri = (p: number, pageToken?: string) => {
    const params = new URLSearchParams(request.filters);
    params.set("PageSize", String(pageSize));
    params.set("Page", String(p));
    if (pageToken) params.set("PageToken", pageToken);
    return `${request.path}?${params.toString()}`;
  };
  const more = start + records.length < items.length;
  return {
    [key]: records.map(toJson),
    end: records.length === 0 ? start : start + records.length - 1,
    first_page_uri: uri(0),
    next_page_uri: more && records.length > 0 ? uri(page + 1, `PA${sidOf(records[records.length - 1])}`) : null,
    page,
    page_size: pageSize,
    previous_page_uri: start > 0 && records.length > 0 ? uri(Math.max(0, page - 1), `PB${sidOf(records[0])}`) : null,
    start,
    uri: uri(page, token ?? undefined),
  };
}
