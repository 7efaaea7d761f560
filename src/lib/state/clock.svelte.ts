/**
 * A reactive "now" for hiding things whose time has passed (presence rows carry their expiry:
 * Convex queries can't read the clock). It ticks once a second, only while something reads it.
 */
import { createSubscriber } from "svelte/reactivity";

export class Clock {
  #subscribe: () => void;

  constructor(intervalMs = 1000) {
    this.#subscribe = createSubscriber((update) => {
      const timer = setInterval(update, intervalMs);
      return () => clearInterval(timer);
    });
  }

  get now(): number {
    this.#subscribe();
    return Date.now();
  }
}

/** One clock for the whole app: module scope is fine, it holds no per-user state. */
export const clock = new Clock();
