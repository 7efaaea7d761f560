/**
 * The pacing window (pure). Every group of texts a sender fires at one instant is an entry
 * `{ at, segments }`: `open` from its reservation until its requests come back, then closed with
 * `at` = when the last came back, and counted until WINDOW_MS after that — the last moment they
 * can have reached Twilio. A new group is reserved only where, from its instant on, the entries still
 * counting plus its own segments stay within the rate. Every request lands inside its entry's
 * span, so any one-second window at Twilio overlaps only entries that were counting together at
 * one instant: never more segments than the rate, however late a tick runs or a request travels.
 *
 * Groups are reserved up to HORIZON_MS ahead and fired by the tick at their instant, so the
 * pacing doesn't lose the time a busy deployment takes to run the next tick; a group is at most
 * a slot's share of the rate (SLOT_MS), so the sends stay smooth instead of one burst a second.
 */

export const WINDOW_MS = 1000;
/** Clock rounding between Parley and Twilio (same-second timestamps). */
export const WINDOW_MARGIN_MS = 2;
/** A group that never reported back (its process died) stops counting after this long. */
export const OPEN_LIMIT_MS = 60_000;
/** Groups of one tick are at least this far apart, each at most this share of the rate. */
export const SLOT_MS = 50;
/** How far ahead a claim reserves groups. */
export const HORIZON_MS = 1000;
/** The next claim runs this long before the last reserved group, so the pipeline never empties. */
export const LEAD_MS = 700;
/** A late claim's first group makes up for at most this many missed slots. */
export const CATCH_UP_SLOTS = 10;

export type WindowEntry = { at: number; segments: number; open?: boolean };

/** The entries still counting at `now`: open ones, and closed ones for a second after. */
export function liveWindow(window: readonly WindowEntry[], now: number): WindowEntry[] {
  return window.filter((e) =>
    e.open === true ? e.at > now - OPEN_LIMIT_MS : e.at > now - (WINDOW_MS + WINDOW_MARGIN_MS),
  );
}

export function segmentsIn(window: readonly WindowEntry[]): number {
  return window.reduce((sum, e) => sum + e.segments, 0);
}

/** Segments one group may hold: the rate's share of a slot, rounded up. */
export function perSlot(rate: number): number {
  return Math.max(1, Math.ceil((rate * SLOT_MS) / 1000));
}

/**
 * The first instant at or after `from` when `need` more segments fit: closed entries stop
 * counting one by one as their second passes; open ones (requests still out) free nothing yet.
 * Null when only open entries stand in the way.
 */
export function freeAt(window: readonly WindowEntry[], rate: number, need: number, from: number): number | null {
  let used = segmentsIn(window.filter((e) => e.open === true || e.at + WINDOW_MS + WINDOW_MARGIN_MS > from));
  let at = from;
  const closing = window
    .filter((e) => e.open !== true && e.at + WINDOW_MS + WINDOW_MARGIN_MS > from)
    .sort((a, b) => a.at - b.at);
  for (const e of closing) {
    if (used + need <= rate) return at;
    used -= e.segments;
    at = e.at + WINDOW_MS + WINDOW_MARGIN_MS;
  }
  return used + need <= rate ? at : null;
}

/**
 * The instant a text of `segments` may be fired, at or after `from`: where the window has room
 * and its group isn't full. A text longer than the rate goes alone in an empty window. Null past
 * `until`, or while requests still out fill the window.
 */
export function slotFor(
  window: readonly WindowEntry[],
  rate: number,
  segments: number,
  from: number,
  until: number,
  catchUp: { at: number; slots: number } | null = null,
): number | null {
  const need = Math.min(segments, rate);
  let at: number | null = from;
  for (let i = 0; i < 1000 && at !== null && at <= until; i++) {
    at = freeAt(window, rate, need, at);
    if (at === null || at > until) return null;
    const group = window.find((e) => e.open === true && e.at === at)?.segments ?? 0;
    const cap = perSlot(rate) * (catchUp?.at === at ? 1 + catchUp.slots : 1);
    if (group === 0 || group + segments <= cap) return at;
    at += SLOT_MS;
  }
  return null;
}

/**
 * A claim that ran late (the deployment was busy) left slots unreserved since `nextSlotAt`: its
 * first group may take their share too, at most CATCH_UP_SLOTS of them — the window still caps
 * every second at the rate, so this only wins back what the delay lost.
 */
export function catchUpAt(nextSlotAt: number | undefined, now: number): { at: number; slots: number } | null {
  if (nextSlotAt === undefined || now <= nextSlotAt) return null;
  return { at: now, slots: Math.min(CATCH_UP_SLOTS, Math.floor((now - nextSlotAt) / SLOT_MS)) };
}

/** Adds the text's segments to its group's open entry. */
export function reserve(window: WindowEntry[], at: number, segments: number): void {
  const group = window.find((e) => e.open === true && e.at === at);
  if (group !== undefined) group.segments += segments;
  else window.push({ at, segments, open: true });
}

/**
 * Closes the group fired at `at` once all its answers are back: it counts until a second after the
 * last one (one entry per group keeps groups whole: slots free up together, in groups). Texts the
 * last check took back sent nothing and count no more.
 */
export function settle(
  window: readonly WindowEntry[],
  at: number,
  answers: readonly { settledAt: number; segments: number }[],
): WindowEntry[] {
  const rest = window.filter((e) => !(e.open === true && e.at === at));
  if (answers.length === 0) return rest;
  const settledAt = Math.max(at, ...answers.map((a) => a.settledAt));
  return [...rest, { at: settledAt, segments: answers.reduce((sum, a) => sum + a.segments, 0) }];
}
