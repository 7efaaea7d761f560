/** Page sizes for list queries: what a caller asks for, held to what one page may return. */
import type { PaginationOptions } from "convex/server";

/** `opts` with its page size made a whole number from 1 to `max`. */
export function clampPage(opts: PaginationOptions, max: number): PaginationOptions {
  return { ...opts, numItems: Math.max(1, Math.min(max, Math.floor(opts.numItems))) };
}
