/**
 * Everything the simulated Twilio account holds — messages, owned numbers, carrier opt-outs,
 * per-contact carrier rules, per-sender throughput — plus the knobs tests and the phone UI turn.
 * Plain data so it can be written to and read from a JSON file.
 */
import { randomBytes } from "node:crypto";
import type { Encoding } from "./segments.ts";

export type MessageStatus =
  "accepted" | "queued" | "sending" | "sent" | "delivered" | "undelivered" | "failed" | "received" | "canceled";

export type Direction = "inbound" | "outbound-api" | "outbound-reply";

export interface MessageRecord {
  sid: string;
  accountSid: string;
  seq: number;
  from: string;
  to: string;
  body: string;
  direction: Direction;
  status: MessageStatus;
  numSegments: number;
  encoding: Encoding;
  dateCreated: number;
  dateUpdated: number;
  dateSent: number | null;
  errorCode: number | null;
  errorMessage: string | null;
  statusCallback: string | null;
  history: { status: MessageStatus; at: number; errorCode: number | null }[];
}

export interface NumberRecord {
  sid: string;
  accountSid: string;
  phoneNumber: string;
  friendlyName: string;
  smsUrl: string;
  smsMethod: "GET" | "POST";
  smsFallbackUrl: string;
  smsFallbackMethod: "GET" | "POST";
  statusCallback: string;
  statusCallbackMethod: "GET" | "POST";
  voiceUrl: string | null;
  voiceMethod: "GET" | "POST";
  dateCreated: number;
  dateUpdated: number;
  /** "api": bought through IncomingPhoneNumbers; "registered": declared through POST /sim/numbers. */
  origin: "api" | "registered";
}

export const RULE_KINDS = ["landline", "unknown", "unreachable", "filtered", "error", "not-mobile", "invalid"] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

export interface ContactRule {
  kind: RuleKind;
  /** unreachable: undelivered (30003) for this many send attempts, then delivered. */
  attempts?: number;
  /** unreachable: undelivered (30003) for this many seconds after the rule is set, then delivered. */
  seconds?: number;
  since: number;
  /** unreachable: attempts seen so far. */
  seen: number;
}

export interface SimConfig {
  /** REST requests in flight at once before 429 / 20429. */
  concurrency: number;
  /** A sender's queue holds at most this many seconds of its throughput. */
  queueCapSeconds: number;
  /** "fail-30001": accept, then fail with 30001; "reject-21611": refuse the create with 21611. */
  queueOverflow: "fail-30001" | "reject-21611";
  /** From `sent` to the carrier's receipt (`delivered` / `undelivered`). */
  deliveryDelayMs: number;
  /** Extra attempts for a status callback that fails (network, timeout, 5xx). */
  callbackRetries: number;
  /** Extra attempts for an inbound webhook that fails (network, timeout, 5xx). */
  webhookRetries: number;
  /** Time a webhook or callback may take before it counts as failed (Twilio: 15 s). */
  webhookTimeoutMs: number;
  /** First retry delay; each further retry doubles it. */
  retryBackoffMs: number;
  /** Reply to STOP / START keywords the way Twilio's default opt-out handling does. */
  optOutReplies: boolean;
  /** Also answer HELP / INFO with Twilio's default help text (off: Parley answers HELP). */
  helpReply: boolean;
  /** Default segments per second by sender kind. */
  throughput: { "long-code": number; "toll-free": number; "short-code": number };
}

export interface Faults {
  /** Share of REST requests answered 500 / 20500. */
  apiErrorRate: number;
  /** Added to every REST request before it is handled. */
  apiLatencyMs: number;
  /** Share of outbound messages that fail with 30008 (unknown error). */
  messageErrorRate: number;
  /** Added before every status callback and inbound webhook request. */
  callbackLatencyMs: number;
  /** Share of status callbacks sent twice. */
  duplicateCallbackRate: number;
  /** Share of messages whose `sent` callback is held until after the final one. */
  reorderCallbackRate: number;
  /** Share of status callbacks never sent. */
  dropCallbackRate: number;
}

export const DEFAULT_CONFIG: SimConfig = {
  concurrency: 100,
  queueCapSeconds: 4 * 3600,
  queueOverflow: "fail-30001",
  deliveryDelayMs: 1000,
  callbackRetries: 3,
  webhookRetries: 3,
  webhookTimeoutMs: 15_000,
  retryBackoffMs: 1000,
  optOutReplies: true,
  helpReply: false,
  throughput: { "long-code": 1, "toll-free": 3, "short-code": 100 },
};

export const NO_FAULTS: Faults = {
  apiErrorRate: 0,
  apiLatencyMs: 0,
  messageErrorRate: 0,
  callbackLatencyMs: 0,
  duplicateCallbackRate: 0,
  reorderCallbackRate: 0,
  dropCallbackRate: 0,
};

export function newSid(prefix: string): string {
  return prefix + randomBytes(16).toString("hex");
}

const pairKey = (sender: string, contact: string) => `${sender}|${contact}`;

export class SimState {
  messages = new Map<string, MessageRecord>();
  numbers = new Map<string, NumberRecord>();
  /** Carrier-level opt-outs: "sender|contact". */
  optOuts = new Set<string>();
  rules = new Map<string, ContactRule>();
  /** Per-sender segments-per-second overrides. */
  throughput = new Map<string, number>();
  config: SimConfig = structuredClone(DEFAULT_CONFIG);
  faults: Faults = { ...NO_FAULTS };
  seq = 0;

  numberByPhone(phone: string): NumberRecord | undefined {
    for (const n of this.numbers.values()) if (n.phoneNumber === phone) return n;
    return undefined;
  }

  isOptedOut(sender: string, contact: string): boolean {
    return this.optOuts.has(pairKey(sender, contact));
  }

  setOptOut(sender: string, contact: string, optedOut: boolean): void {
    if (optedOut) this.optOuts.add(pairKey(sender, contact));
    else this.optOuts.delete(pairKey(sender, contact));
  }

  optOutPairs(): { sender: string; contact: string }[] {
    return [...this.optOuts].map((k) => {
      const [sender, contact] = k.split("|");
      return { sender, contact };
    });
  }

  toJSON(): SavedState {
    return {
      messages: [...this.messages.values()],
      numbers: [...this.numbers.values()],
      optOuts: [...this.optOuts],
      rules: Object.fromEntries(this.rules),
      throughput: Object.fromEntries(this.throughput),
      config: this.config,
      faults: this.faults,
      seq: this.seq,
    };
  }

  static fromJSON(saved: SavedState): SimState {
    const state = new SimState();
    for (const m of saved.messages) state.messages.set(m.sid, m);
    for (const n of saved.numbers) state.numbers.set(n.sid, n);
    state.optOuts = new Set(saved.optOuts);
    state.rules = new Map(Object.entries(saved.rules));
    state.throughput = new Map(Object.entries(saved.throughput));
    state.config = { ...structuredClone(DEFAULT_CONFIG), ...saved.config };
    state.faults = { ...NO_FAULTS, ...saved.faults };
    state.seq = saved.seq;
    return state;
  }
}

export interface SavedState {
  messages: MessageRecord[];
  numbers: NumberRecord[];
  optOuts: string[];
  rules: Record<string, ContactRule>;
  throughput: Record<string, number>;
  config: SimConfig;
  faults: Faults;
  seq: number;
}
