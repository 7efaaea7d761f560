/**
 * Comparing a presented secret (the simulator's auth token, the backend's admin key) with the real
 * one without telling, through timing, how much of it matched.
 */
import { timingSafeEqual } from "node:crypto";

/** Whether `a` and `b` are the same string, compared in constant time over their UTF-8 bytes. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
