/**
 * The Activity tag filter in the URL: `?tags=housing,aid` (any of the tags; at most
 * `TAG_FILTER_MAX`, the backend's `CONVERSATION_TAGS_MAX`, as `conversations.activity` allows). A comma or percent sign inside a tag is
 * escaped (%2C, %25), so every tag round-trips; an older link's `?tag=x` still reads as one tag.
 */
import { CONVERSATION_TAGS_MAX } from "$convex/model/shared/tags";

export const TAG_FILTER_MAX = CONVERSATION_TAGS_MAX;

export function parseTagFilter(params: URLSearchParams): string[] {
  const list = params.get("tags");
  const raw = list === null ? [params.get("tag") ?? ""] : list.split(",");
  const tags = raw.map((t) => {
    try {
      return decodeURIComponent(t).trim();
    } catch {
      return t.trim();
    }
  });
  return [...new Set(tags.filter((t) => t !== ""))].slice(0, TAG_FILTER_MAX);
}

/** The `tags` parameter for these tags (null: no filter). */
export function formatTagFilter(tags: readonly string[]): string | null {
  if (tags.length === 0) return null;
  return tags.map((t) => t.replace(/%/g, "%25").replace(/,/g, "%2C")).join(",");
}
