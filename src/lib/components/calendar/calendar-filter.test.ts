import { describe, expect, test } from "vitest";
import type { CalendarCampaign } from "$convex/validators";
import { filterDays, matchesFilters } from "./calendar-filter";

const campaign = (title: string, tags: string[]) => ({ _id: title, title, tags }) as unknown as CalendarCampaign;

describe("the calendar's search and tag filter", () => {
  test("a tag matches as the backend's does: trimmed, spaces collapsed, any case", () => {
    const c = campaign("Fall open house", ["Open  House", "fall"]);
    expect(matchesFilters(c, "", "open house")).toBe(true);
    expect(matchesFilters(c, "", " FALL ")).toBe(true);
    expect(matchesFilters(c, "", "spring")).toBe(false);
  });

  test("every typed word begins a word of the title", () => {
    const c = campaign("Fall open-house reminder", []);
    expect(matchesFilters(c, "open rem", "")).toBe(true);
    expect(matchesFilters(c, "HOUSE", "")).toBe(true);
    expect(matchesFilters(c, "open spring", "")).toBe(false);
    expect(matchesFilters(c, "pen", "")).toBe(false);
  });

  test("days keep only matching campaigns, and empty days go", () => {
    const days = [
      { date: "2026-12-01", count: 2, campaigns: [campaign("Tour A", ["tour"]), campaign("Deadline", [])] },
      { date: "2026-12-02", count: 1, campaigns: [campaign("Deadline two", [])] },
    ];
    expect(filterDays(days, "", "tour")).toEqual([{ date: "2026-12-01", count: 1, campaigns: [days[0].campaigns[0]] }]);
    expect(filterDays(days, "", "")).toEqual(days);
  });
});
