/**
 * Whether a paginated list has nothing to show yet. convex-svelte's paginated queries (kept with
 * `keepPreviousData`) can report "LoadingFirstPage" for a moment while they still hold the rows
 * they had — when the subscription re-syncs. Swapping those rows for "Loading…" would drop the
 * reader's scroll position and the focused row, so "Loading…" is only for a list with no rows.
 */
export function firstPageLoading(list: { status: string; results: readonly unknown[] }): boolean {
  return list.status === "LoadingFirstPage" && list.results.length === 0;
}

/**
 * A paginated list as QueryState reads a query: its rows, or undefined while it has none to show
 * yet (see firstPageLoading), and its error.
 */
export function pageState<T>(list: { status: string; results: readonly T[]; error: Error | undefined }): {
  data: readonly T[] | undefined;
  error: Error | undefined;
} {
  return { data: firstPageLoading(list) ? undefined : list.results, error: list.error };
}
