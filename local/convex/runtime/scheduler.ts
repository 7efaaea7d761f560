/**
 * Real-time scheduler for `ctx.scheduler.runAfter/runAt` jobs and `convex/crons.ts`.
 *
 * Jobs live in each component's `_scheduled_functions` table, so they are durable with the rest
 * of the data; this class only keeps timers. One timer is armed for the earliest due time, and
 * delays are clamped so jobs months away (Node caps a timer at ~24.8 days) wait correctly.
 */

const MAX_TIMER_MS = 2 ** 31 - 1;

export interface DueItem {
  key: string;
  due: number;
  run: () => Promise<void>;
}

/** A min-ordered queue of due callbacks driven by one timer at a time. */
export class TimerQueue {
  private items = new Map<string, DueItem>();
  private timer: NodeJS.Timeout | null = null;
  private armedFor = Infinity;
  private stopped = false;
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly now: () => number = Date.now) {}

  add(item: DueItem): void {
    if (this.stopped) return;
    this.items.set(item.key, item);
    if (item.due < this.armedFor) this.arm();
  }

  delete(key: string): void {
    this.items.delete(key);
  }

  get size(): number {
    return this.items.size;
  }

  /** Stops firing; resolves once callbacks already running have finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await Promise.allSettled([...this.running]);
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.armedFor = Infinity;
    let next = Infinity;
    for (const item of this.items.values()) next = Math.min(next, item.due);
    if (next === Infinity || this.stopped) return;
    this.armedFor = next;
    const delay = Math.min(Math.max(0, next - this.now()), MAX_TIMER_MS);
    this.timer = setTimeout(() => this.fire(), delay);
    this.timer.unref?.();
  }

  private fire(): void {
    this.timer = null;
    this.armedFor = Infinity;
    const now = this.now();
    const due = [...this.items.values()].filter((i) => i.due <= now).sort((a, b) => a.due - b.due);
    for (const item of due) {
      this.items.delete(item.key);
      const promise = item.run().catch((error: unknown) => console.error(`Scheduled run ${item.key} failed:`, error));
      this.running.add(promise);
      void promise.finally(() => this.running.delete(promise));
    }
    this.arm();
  }
}

export type CronSchedule =
  | { type: "interval"; seconds?: number; minutes?: number; hours?: number }
  | { type: "hourly"; minuteUTC: number }
  | { type: "daily"; hourUTC: number; minuteUTC?: number }
  | { type: "weekly"; dayOfWeek: string | number; hourUTC: number; minuteUTC?: number }
  | { type: "monthly"; day: number; hourUTC: number; minuteUTC?: number }
  | { type: "cron"; cron: string };

const DAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

/** The first run strictly after `after` (ms since epoch, UTC) for a Convex cron schedule. */
export function nextCronRun(schedule: CronSchedule, after: number): number {
  switch (schedule.type) {
    case "interval": {
      const ms = ((schedule.hours ?? 0) * 3600 + (schedule.minutes ?? 0) * 60 + (schedule.seconds ?? 0)) * 1000;
      return after + ms;
    }
    case "hourly":
      return nextCronRun({ type: "cron", cron: `${schedule.minuteUTC} * * * *` }, after);
    case "daily":
      return nextCronRun({ type: "cron", cron: `${schedule.minuteUTC ?? 0} ${schedule.hourUTC} * * *` }, after);
    case "weekly": {
      const day =
        typeof schedule.dayOfWeek === "number" ? schedule.dayOfWeek : DAYS.indexOf(schedule.dayOfWeek.toLowerCase());
      return nextCronRun({ type: "cron", cron: `${schedule.minuteUTC ?? 0} ${schedule.hourUTC} * * ${day}` }, after);
    }
    case "monthly":
      return nextCronRun(
        { type: "cron", cron: `${schedule.minuteUTC ?? 0} ${schedule.hourUTC} ${schedule.day} * *` },
        after,
      );
    case "cron":
      return nextCronExpression(schedule.cron, after);
  }
}

function parseField(field: string, min: number, max: number): Set<number> {
  const values = new Set<number>();
  for (const part of field.split(",")) {
    const [rangePart, stepPart] = part.split("/");
    const step = stepPart ? Number(stepPart) : 1;
    let lo = min;
    let hi = max;
    if (rangePart !== "*") {
      const [a, b] = rangePart.split("-").map(Number);
      lo = a;
      hi = b ?? (stepPart ? max : a);
    }
    if (![lo, hi, step].every(Number.isInteger) || lo < min || hi > max || step < 1) {
      throw new Error(`Invalid cron field "${field}" (allowed ${min}-${max})`);
    }
    for (let v = lo; v <= hi; v += step) values.add(v);
  }
  return values;
}

/** Standard 5-field cron (minute hour day-of-month month day-of-week), evaluated in UTC. */
export function nextCronExpression(expression: string, after: number): number {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) throw new Error(`Cron expression "${expression}" must have 5 fields`);
  const [minutes, hours, days, months, weekdays] = [
    parseField(fields[0], 0, 59),
    parseField(fields[1], 0, 23),
    parseField(fields[2], 1, 31),
    parseField(fields[3], 1, 12),
    parseField(fields[4].replace(/7/g, "0"), 0, 6),
  ];
  const dayRestricted = fields[2] !== "*";
  const weekdayRestricted = fields[4] !== "*";
  const t = new Date(Math.floor(after / 60_000) * 60_000 + 60_000);
  for (let i = 0; i < 60 * 24 * 366 * 5; i++) {
    const dayOk =
      dayRestricted && weekdayRestricted
        ? days.has(t.getUTCDate()) || weekdays.has(t.getUTCDay())
        : days.has(t.getUTCDate()) && weekdays.has(t.getUTCDay());
    if (months.has(t.getUTCMonth() + 1) && dayOk && hours.has(t.getUTCHours()) && minutes.has(t.getUTCMinutes())) {
      return t.getTime();
    }
    t.setTime(t.getTime() + 60_000);
  }
  throw new Error(`Cron expression "${expression}" never matches`);
}
