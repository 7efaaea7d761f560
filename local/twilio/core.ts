/**
 * The simulator without its HTTP front: the account, the state, the clock, the event stream and
 * the engines (messaging, inbound, webhooks) wired together. The REST API, the control API and
 * tests all act on one Core.
 */
import { mulberry32 } from "../random.ts";
import type { Clock } from "./clock.ts";
import { EventBus } from "./events.ts";
import { Inbound } from "./inbound.ts";
import { Messaging } from "./messaging.ts";
import type { SimContext } from "./sim-context.ts";
import { SimState, type SimConfig } from "./state.ts";
import { Webhooks } from "./webhooks.ts";

export interface CoreOptions {
  accountSid: string;
  authToken: string;
  clock: Clock;
  /** Seed for fault injection's coin flips: the same seed gives the same faults. */
  seed: number;
  config?: Partial<SimConfig>;
  state?: SimState;
  onChange?: () => void;
}

/** A small seeded PRNG: fault injection stays reproducible. */
export const seededRandom = mulberry32;

export class Core implements SimContext {
  readonly accountSid: string;
  readonly authToken: string;
  readonly clock: Clock;
  readonly events: EventBus;
  readonly webhooks: Webhooks;
  readonly messaging: Messaging;
  readonly inbound: Inbound;
  state: SimState;
  random: () => number;
  /** REST requests being handled right now (for 429 / 20429). */
  inFlight = 0;

  constructor(private readonly options: CoreOptions) {
    this.accountSid = options.accountSid;
    this.authToken = options.authToken;
    this.clock = options.clock;
    this.state = options.state ?? this.freshState();
    this.random = seededRandom(options.seed);
    this.events = new EventBus(() => this.clock.now());
    this.webhooks = new Webhooks(this.clock, this.events, {
      authToken: options.authToken,
      timeoutMs: () => this.state.config.webhookTimeoutMs,
      backoffMs: () => this.state.config.retryBackoffMs,
      latencyMs: () => this.state.faults.callbackLatencyMs,
    });
    this.messaging = new Messaging(this);
    this.inbound = new Inbound(this, this.messaging);
    // Saved state: texts still queued go back in line, sent ones await their receipt.
    if (options.state) this.messaging.resume();
  }

  private freshState(): SimState {
    const state = new SimState();
    const config = this.options.config ?? {};
    state.config = { ...state.config, ...config, throughput: { ...state.config.throughput, ...config.throughput } };
    return state;
  }

  /** Something worth saving changed. */
  changed(): void {
    this.options.onChange?.();
  }

  /** Back to an empty account (optionally keeping its numbers), default settings, no faults. */
  reset(options: { keepNumbers?: boolean } = {}): void {
    this.messaging.stop();
    this.webhooks.cancelAll();
    const numbers = this.state.numbers;
    this.state = this.freshState();
    if (options.keepNumbers) this.state.numbers = numbers;
    this.random = seededRandom(this.options.seed);
    this.events.emit({ type: "reset" });
    this.changed();
  }

  close(): void {
    this.messaging.stop();
    this.webhooks.cancelAll();
  }
}
