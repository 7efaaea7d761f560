/**
 * Several queries read as one by QueryState: loading until every one has data, failed with the
 * first error (a page that needs both its users and its offices shows neither half-loaded).
 */
type QueryLike<T> = { readonly data: T | undefined; readonly error: Error | undefined };

export function allOf<A, B>(a: QueryLike<A>, b: QueryLike<B>): QueryLike<[A, B]> {
  return {
    get data() {
      return a.data === undefined || b.data === undefined ? undefined : ([a.data, b.data] as [A, B]);
    },
    get error() {
      return a.error ?? b.error;
    },
  };
}
