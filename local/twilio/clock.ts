/**
 * Time for the simulator. Every delay it models (send pacing, delivery receipts, callback
 * latency and retries, webhook timeouts) goes through a Clock, so tests drive time with a
 * ManualClock and production uses real time.
 */

export interface TimerHandle {
  readonly id: number;
}

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** Wall-clock time and Node timers. */
export function realClock(): Clock {
  const timers = new Map<number, NodeJS.Timeout>();
  let nextId = 1;
  return {
    now: () => Date.now(),
    setTimeout(fn, ms) {
      const id = nextId++;
      timers.set(
        id,
        setTimeout(
          () => {
            timers.delete(id);
            fn();
          },
          Math.max(0, ms),
        ),
      );
      return { id };
    },
    clearTimeout(handle) {
      clearTimeout(timers.get(handle.id));
      timers.delete(handle.id);
    },
  };
}

interface ManualTimer {
  id: number;
  due: number;
  fn: () => void;
}

/** Lets promise jobs and I/O callbacks queued so far run before the next timer fires. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Time that moves only when a test says so. Timers fire in due order (ties in the order they
 * were set); work a timer starts can set further timers, which fire in the same advance when due.
 */
export class ManualClock implements Clock {
  private time: number;
  private timers: ManualTimer[] = [];
  private nextId = 1;

  constructor(start = Date.parse("2026-03-02T15:00:00Z")) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const timer = { id: this.nextId++, due: this.time + Math.max(0, ms), fn };
    this.timers.push(timer);
    return { id: timer.id };
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers = this.timers.filter((t) => t.id !== handle.id);
  }

  /** How many timers are waiting. */
  get pending(): number {
    return this.timers.length;
  }

  /** When the next timer is due, if any. */
  nextDue(): number | undefined {
    return this.timers.reduce<number | undefined>(
      (min, t) => (min === undefined || t.due < min ? t.due : min),
      undefined,
    );
  }

  /** Moves time forward by `ms`, firing every timer that comes due on the way. */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    await settle();
    for (;;) {
      const next = this.takeDue(target);
      if (!next) break;
      this.time = Math.max(this.time, next.due);
      next.fn();
      await settle();
    }
    this.time = target;
    await settle();
  }

  /** Moves time to the next due timer and fires it (and any due at the same moment). */
  async advanceToNext(): Promise<boolean> {
    const due = this.nextDue();
    if (due === undefined) return false;
    await this.advance(due - this.time);
    return true;
  }

  private takeDue(limit: number): ManualTimer | undefined {
    let best: ManualTimer | undefined;
    for (const t of this.timers) if (t.due <= limit && (!best || t.due < best.due)) best = t;
    if (best) this.timers = this.timers.filter((t) => t !== best);
    return best;
  }
}
