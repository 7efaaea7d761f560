/**
 * What a sender tick does with its claim (the action's logic, over plain callbacks so it is
 * tested without Convex): each reserved group fires at its instant — after a last check when it
 * fires later than the claim — and is recorded as soon as its answers are back (which also
 * closes its pacing entry); lookups run alongside. Never throws: every outcome becomes data.
 */
import type { Id } from "../../_generated/dataModel";
import type { Claim, ClaimedSend } from "./claim";
import type { LookupOutcome, SendOutcome } from "./record";
import type { TwilioMessages } from "./twilioMessages";

/** A group fired this soon after its claim needs no second check: the claim just made it. */
export const CHECK_AFTER_MS = 5;

export type TickIo = {
  /** Built lazily: a configuration error becomes a retryable outcome of each text, not a crashed tick. */
  api: () => { messages: TwilioMessages; statusCallback: string };
  check: (messageIds: Id<"messages">[]) => Promise<{ messageId: Id<"messages">; reason: string | null }[]>;
  record: (group: {
    at: number;
    answers: { settledAt: number; segments: number }[];
    results: SendOutcome[];
  }) => Promise<void>;
  resolve: (found: LookupOutcome[]) => Promise<void>;
  sleep: (ms: number) => Promise<void>;
  /** The clock: an action's time passes while it waits for Twilio. */
  now: () => number;
};

type Api = ReturnType<TickIo["api"]> | { error: string };

export async function runTick(claim: Claim, io: TickIo): Promise<void> {
  let api: Api;
  try {
    api = io.api();
  } catch (error) {
    api = { error: `Twilio isn't reachable: ${error instanceof Error ? error.message : String(error)}` };
  }
  const groups = new Map<number, ClaimedSend[]>();
  for (const send of claim.sends) groups.set(send.sendAt, [...(groups.get(send.sendAt) ?? []), send]);
  await Promise.all([
    ...[...groups].map(async ([at, sends]) => await fireGroup(at, sends, api, io)),
    lookUp(claim, api, io),
  ]);
}

async function fireGroup(at: number, sends: ClaimedSend[], api: Api, io: TickIo): Promise<void> {
  if (at > io.now()) await io.sleep(at - io.now());
  const checked = at - sends[0].claimedAt > CHECK_AFTER_MS ? await io.check(sends.map((s) => s.messageId)) : [];
  const reasons = new Map(checked.map((c) => [c.messageId, c.reason]));
  const answers: { settledAt: number; segments: number }[] = [];
  const results = await Promise.all(
    sends.map(async ({ messageId, claimedAt, segments, ...request }): Promise<SendOutcome> => {
      const reason = reasons.get(messageId);
      if (reason) return { messageId, claimedAt, result: { kind: "withdrawn", reason } };
      if ("error" in api)
        return { messageId, claimedAt, result: { kind: "transient", reason: api.error, ambiguous: false } };
      const { to, from, body } = request;
      const result = await api.messages.send({ to, from, body, statusCallback: api.statusCallback });
      answers.push({ settledAt: io.now(), segments });
      return { messageId, claimedAt, result };
    }),
  );
  await io.record({ at, answers, results });
}

async function lookUp(claim: Claim, api: Api, io: TickIo): Promise<void> {
  if (claim.lookups.length === 0) return;
  const found = await Promise.all(
    claim.lookups.map(async ({ messageId, since, to, from, body }): Promise<LookupOutcome> => {
      if ("error" in api)
        return { messageId, since, result: { kind: "transient", reason: api.error, ambiguous: false } };
      return { messageId, since, result: await api.messages.find({ to, from, body, since }) };
    }),
  );
  await io.resolve(found);
}
