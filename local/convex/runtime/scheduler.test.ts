import { afterEach, expect, test, vi } from "vitest";
import { TimerQueue, nextCronExpression, nextCronRun } from "./scheduler.ts";

afterEach(() => vi.useRealTimers());

const at = (iso: string) => Date.parse(iso);

test("cron schedules give the next UTC run strictly after the given time", () => {
  expect(nextCronRun({ type: "interval", minutes: 5 }, at("2026-01-01T00:00:00Z"))).toBe(at("2026-01-01T00:05:00Z"));
  expect(nextCronRun({ type: "hourly", minuteUTC: 30 }, at("2026-01-01T10:30:00Z"))).toBe(at("2026-01-01T11:30:00Z"));
  expect(nextCronRun({ type: "daily", hourUTC: 3, minuteUTC: 15 }, at("2026-01-01T10:00:00Z"))).toBe(
    at("2026-01-02T03:15:00Z"),
  );
  expect(nextCronRun({ type: "weekly", dayOfWeek: "monday", hourUTC: 9 }, at("2026-01-01T00:00:00Z"))).toBe(
    at("2026-01-05T09:00:00Z"),
  );
  expect(nextCronRun({ type: "monthly", day: 31, hourUTC: 0 }, at("2026-02-01T00:00:00Z"))).toBe(
    at("2026-03-31T00:00:00Z"),
  );
  expect(nextCronExpression("*/15 8-9 * * 1-5", at("2026-01-02T09:50:00Z"))).toBe(at("2026-01-05T08:00:00Z"));
  expect(() => nextCronExpression("61 * * * *", 0)).toThrow(/Invalid cron field "61"/);
  expect(() => nextCronExpression("* * *", 0)).toThrow(/must have 5 fields/);
});

test("due items run in order; items beyond Node's timer limit wait instead of firing at once", async () => {
  vi.useFakeTimers({ now: at("2026-01-01T00:00:00Z") });
  const ran: string[] = [];
  const queue = new TimerQueue(() => Date.now());
  const item = (key: string, due: number) => ({ key, due, run: async () => void ran.push(key) });
  queue.add(item("far", at("2026-04-01T00:00:00Z")));
  queue.add(item("b", at("2026-01-01T00:00:02Z")));
  queue.add(item("a", at("2026-01-01T00:00:01Z")));
  queue.add(item("cancelled", at("2026-01-01T00:00:01Z")));
  queue.delete("cancelled");
  await vi.advanceTimersByTimeAsync(2_000);
  expect(ran).toEqual(["a", "b"]);
  await vi.advanceTimersByTimeAsync(30 * 24 * 3600 * 1000);
  expect(ran).toEqual(["a", "b"]);
  await vi.advanceTimersByTimeAsync(70 * 24 * 3600 * 1000);
  expect(ran).toEqual(["a", "b", "far"]);
  await queue.stop();
});
