/** Memoized loads, so a query that meets one id many times (a page of rows) reads it once. */

/** A loader that runs `load` once per key and hands every later caller the same promise. */
export function memo(): <T>(key: string, load: () => Promise<T>) => Promise<T> {
  const cache = new Map<string, Promise<unknown>>();
  return <T>(key: string, load: () => Promise<T>): Promise<T> => {
    if (!cache.has(key)) cache.set(key, load());
    return cache.get(key) as Promise<T>;
  };
}
