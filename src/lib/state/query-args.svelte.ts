/**
 * Query arguments that change only when their value does. convex-svelte re-subscribes whenever
 * anything its argument function reads changes — a live document whose other fields changed, a
 * new array parsed from the URL when only `?c=` moved — and a paginated query then starts over
 * at its first page (losing the pages loaded, the scroll position and the focused row), while a
 * plain query flashes "no data" for a round trip. Reading the arguments through their JSON keeps
 * the subscription for as long as the value is the same. Call it while a component initializes.
 */
import { convexToJson, jsonToConvex, type Value } from "convex/values";

export function stableArgs<A extends Record<string, Value | undefined>>(args: () => A | "skip"): () => A | "skip" {
  const key = $derived.by(() => {
    const value = args();
    return value === "skip" ? null : JSON.stringify(convexToJson(value as Record<string, Value>));
  });
  return () => (key === null ? "skip" : (jsonToConvex(JSON.parse(key)) as A));
}
