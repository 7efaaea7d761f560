/**
 * What the engines (messaging, status callbacks, inbound) act on: the account, its state, the
 * clock, the event stream, webhooks and the seeded coin. Core (`core.ts`) is one; the engines take
 * this interface instead of importing Core, which builds them.
 */
import type { Clock } from "./clock.ts";
import type { EventBus } from "./events.ts";
import type { SimState } from "./state.ts";
import type { Webhooks } from "./webhooks.ts";

export interface SimContext {
  readonly accountSid: string;
  readonly clock: Clock;
  readonly events: EventBus;
  readonly webhooks: Webhooks;
  /** Replaced on reset: read it each time, never keep it. */
  readonly state: SimState;
  /** Fault injection's seeded coin (reseeded on reset). */
  random(): number;
  /** Something worth saving changed. */
  changed(): void;
}
