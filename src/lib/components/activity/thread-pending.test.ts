import { describe, expect, it } from "vitest";
import type { Id } from "$convex/_generated/dataModel";
import { stillPending } from "./thread-pending";

const T0 = Date.UTC(2026, 2, 2, 15, 0);

const stored = (n: number, author: "agent" | "campaign", body: string, at: number) => ({
  _id: `m${n}` as Id<"messages">,
  _creationTime: at,
  author,
  body,
});

describe("stillPending", () => {
  const sent = { localId: "local-1", body: "On my way", at: T0 };

  it("drops a pending text once the thread holds it, and only once per stored text", () => {
    const twice = [sent, { ...sent, localId: "local-2" }];
    const thread = [stored(1, "agent", "On my way", T0 + 100)];

    expect(stillPending(thread, twice).map((p) => p.localId)).toEqual(["local-2"]);
  });

  it("keeps it while the only same text is older than the send or not an agent's", () => {
    const thread = [stored(1, "agent", "On my way", T0 - 60_000), stored(2, "campaign", "On my way", T0 + 100)];

    expect(stillPending(thread, [sent])).toEqual([sent]);
  });
});
