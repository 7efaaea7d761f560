import { describe, expect, test } from "vitest";
import { bucketLabel, formatDuration, formatRate } from "./format";

describe("analytics formats", () => {
  test("durations", () => {
    expect(formatDuration(null)).toBe("—");
    expect(formatDuration(45_000)).toBe("45 s");
    expect(formatDuration(70_000)).toBe("1 min 10 s");
    expect(formatDuration(3_600_000 + 5 * 60_000)).toBe("1 h 5 min");
    expect(formatDuration(27 * 3_600_000)).toBe("1 d 3 h");
  });

  test("rates", () => {
    expect(formatRate(null)).toBe("—");
    expect(formatRate(2 / 3)).toBe("66.7%");
    expect(formatRate(1)).toBe("100%");
  });

  test("bucket labels in the campaign's zone", () => {
    const at = Date.UTC(2026, 3, 15, 17);
    expect(bucketLabel(at, "hour", "America/New_York")).toBe("Apr 15, 1 PM");
    expect(bucketLabel(at, "day", "America/New_York")).toBe("Apr 15");
    expect(bucketLabel(at, "month", "America/New_York")).toBe("Apr 2026");
    expect(bucketLabel(at, "year", "America/New_York")).toBe("2026");
  });
});
