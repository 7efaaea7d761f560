/**
 * Which texts sent from this screen the thread still shows as pending. A pending text leaves as
 * soon as the thread holds it (the live query can land a moment before the send's promise
 * settles): each stored agent text with the same body, created at or after the send began (give or
 * take the clocks), stands in for one pending text, so it never shows twice.
 */
import type { PendingSend } from "$lib/state/composer-drafts.svelte";
import type { ThreadMessage } from "./types";

type Stored = Pick<ThreadMessage, "_id" | "author" | "body" | "_creationTime">;

export function stillPending(messages: readonly Stored[], pending: readonly PendingSend[]): PendingSend[] {
  const used: string[] = [];
  return pending.filter((p) => {
    const stored = messages.find(
      (m) => !used.includes(m._id) && m.author === "agent" && m.body === p.body && m._creationTime >= p.at - 5_000,
    );
    if (stored) used.push(stored._id);
    return stored === undefined;
  });
}
