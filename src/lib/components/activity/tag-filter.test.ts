import { describe, expect, test } from "vitest";
import { formatTagFilter, parseTagFilter } from "./tag-filter";

const parse = (query: string) => parseTagFilter(new URLSearchParams(query));

describe("the Activity tag filter in the URL", () => {
  test("a comma-separated list, at most 3, repeats dropped", () => {
    expect(parse("tags=housing,aid")).toEqual(["housing", "aid"]);
    expect(parse("tags=a,b,a,c,d")).toEqual(["a", "b", "c"]);
    expect(parse("tags=")).toEqual([]);
    expect(parse("")).toEqual([]);
  });

  test("an older link's single tag still reads", () => {
    expect(parse("tag=nursing")).toEqual(["nursing"]);
  });

  test("commas and percent signs inside a tag round-trip", () => {
    const tags = ["a,b", "100%", "plain words"];
    const params = new URLSearchParams({ tags: formatTagFilter(tags) ?? "" });
    expect(parseTagFilter(new URLSearchParams(params.toString()))).toEqual(tags);
    expect(formatTagFilter([])).toBeNull();
  });
});
