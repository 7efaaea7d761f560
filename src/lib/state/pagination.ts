/**
 * Whether a paginated list has nothing to show yet. convex-svelte's paginated queries (kept with
 * `keepPreviousData`) can report "LoadingFirstPage" for a moment while they still hold the rows
 * they had — when the subscription re-syncs. Swapping those rows for "Loading…" would drop the
 * reader's scroll position and the focused row, so "Loading…" is only for a list with no rows.
 */
export function firstPageLoading(list: { status: string; results: readonly unknown[] }): boolean {
  return list.status === "LoadingFirstPage" && list.results.length === 0;
}
