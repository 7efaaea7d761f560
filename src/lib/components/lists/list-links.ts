/** Where the Lists pages live (typed per route for `resolve()`, as campaigns/links.ts explains). */
export function listPath(listId: string): `/lists/${string}` {
  return `/lists/${listId}`;
}
