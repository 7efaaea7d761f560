/**
 * Outbound messages the way Twilio handles them: validation with Twilio's error codes, then a
 * queue per sender drained at the sender's throughput counted in segments (queued → sent), then
 * the carrier's verdict after a delay (delivered, or undelivered with 30003/30005/30006/30007/
 * 30008), and a status callback for every change after creation — with the callback faults.
 */
import type { TimerHandle } from "./clock.ts";
import { messageView } from "./events.ts";
import { numberKind, parseNumber } from "./phone.ts";
import { ERROR_MESSAGES, badRequest } from "./resources.ts";
import { countSegments } from "./segments.ts";
import type { SimContext } from "./sim-context.ts";
import { newSid, type Direction, type MessageRecord, type MessageStatus } from "./state.ts";
import { StatusCallbacks } from "./callbacks.ts";

export interface Outbound {
  from: string;
  to: string;
  body: string;
  statusCallback: string | null;
  direction: Direction;
  /** Twilio's own opt-out confirmations go to contacts who just opted out. */
  skipOptOutCheck?: boolean;
}

interface SenderQueue {
  sender: string;
  items: MessageRecord[];
  /** Segments of the messages in `items`. */
  waiting: number;
  /** When the sender may start its next message. */
  nextFreeAt: number;
  /** The busy run so far: since when, at what rate, how many segments (no rounding drift). */
  runStart: number;
  runRate: number;
  runSegments: number;
  timer: TimerHandle | null;
  soon: boolean;
}

const CALLBACK_STATUSES = new Set<MessageStatus>(["sent", "delivered", "undelivered", "failed"]);
const FINAL = new Set<MessageStatus>(["delivered", "undelivered", "failed", "canceled", "received"]);

export const isFinal = (status: MessageStatus) => FINAL.has(status);

export class Messaging {
  private queues = new Map<string, SenderQueue>();
  private timers = new Set<TimerHandle>();
  private callbacks: StatusCallbacks;

  constructor(private core: SimContext) {
    this.callbacks = new StatusCallbacks(core);
  }

  /** Reads a Messages create request as Twilio does, throwing its error for the first problem. */
  validate(params: URLSearchParams): Outbound {
    const rawTo = params.get("To");
    if (!rawTo) throw badRequest(21604, "A 'To' phone number is required.");
    const service = params.get("MessagingServiceSid");
    if (service) {
      if (!/^MG[0-9a-fA-F]{32}$/.test(service)) throw badRequest(21705, "The Messaging Service is invalid.");
      throw badRequest(
        21701,
        `The Messaging Service ${service} does not exist (the simulator has none; send From a number).`,
      );
    }
    const rawFrom = params.get("From");
    if (!rawFrom) throw badRequest(21603, "A 'From' or 'MessagingServiceSid' parameter is required to send a message.");
    const callback = params.get("StatusCallback") || null;
    if (callback && !/^https?:\/\/[^\s]+$/i.test(callback)) {
      throw badRequest(21609, `The StatusCallback URL ${callback} is not a valid URL.`);
    }
    return this.check({
      from: rawFrom,
      to: rawTo,
      body: params.get("Body") ?? "",
      statusCallback: callback,
      direction: "outbound-api",
    });
  }

  /** The checks every outbound message passes, API or TwiML reply; returns it normalized. */
  check(out: Outbound): Outbound {
    const to = parseNumber(out.to);
    if (!to) throw badRequest(21211, `The 'To' number ${out.to} is not a valid phone number.`);
    const from = parseNumber(out.from);
    if (!from)
      throw badRequest(
        21212,
        `The 'From' number ${out.from} is not a valid phone number, shortcode, or alphanumeric sender ID.`,
      );
    if (!this.core.state.numberByPhone(from)) {
      throw badRequest(
        21606,
        `The 'From' phone number provided (${from}) is not a valid message-capable Twilio phone number for this destination/account.`,
      );
    }
    if (!out.body) throw badRequest(21602, "Message body is required.");
    if ([...out.body].length > 1600)
      throw badRequest(21617, "The concatenated message body exceeds the 1600 character limit.");
    const rule = this.core.state.rules.get(to);
    if (rule?.kind === "invalid") throw badRequest(21211, `The 'To' number ${to} is not a valid phone number.`);
    if (rule?.kind === "not-mobile") throw badRequest(21614, `'To' number ${to} is not a valid mobile number.`);
    if (to === from) throw badRequest(21266, "'To' and 'From' number cannot be the same.");
    if (!out.skipOptOutCheck && this.core.state.isOptedOut(from, to)) {
      throw badRequest(21610, "Attempt to send to unsubscribed recipient");
    }
    const next = { ...out, to, from };
    if (this.core.state.config.queueOverflow === "reject-21611" && this.overflows(next)) {
      throw badRequest(21611, "This 'From' number has exceeded the maximum number of queued messages.");
    }
    return next;
  }

  /** Creates the message (status `queued`) and puts it in its sender's queue. */
  send(out: Outbound): MessageRecord {
    const now = this.core.clock.now();
    const { segments, encoding } = countSegments(out.body);
    const m: MessageRecord = {
      sid: newSid("SM"),
      accountSid: this.core.accountSid,
      seq: ++this.core.state.seq,
      from: out.from,
      to: out.to,
      body: out.body,
      direction: out.direction,
      status: "queued",
      numSegments: segments,
      encoding,
      dateCreated: now,
      dateUpdated: now,
      dateSent: null,
      errorCode: null,
      errorMessage: null,
      statusCallback: out.statusCallback,
      history: [{ status: "queued", at: now, errorCode: null }],
    };
    this.core.state.messages.set(m.sid, m);
    this.core.events.emit({ type: "message", message: messageView(m) });
    this.callbacks.created(m);
    if (this.overflows(m)) setImmediate(() => this.setStatus(m, "failed", 30001));
    else this.enqueue(m);
    this.core.changed();
    return m;
  }

  /** Segments per second the sender sends at: its override, else its kind's default. */
  throughputOf(sender: string): number {
    return this.core.state.throughput.get(sender) ?? this.core.state.config.throughput[numberKind(sender)];
  }

  /** Seconds of sending already waiting in the sender's queue. */
  backlogSeconds(sender: string): number {
    const q = this.queues.get(sender);
    if (!q) return 0;
    return Math.max(0, q.nextFreeAt - this.core.clock.now()) / 1000 + q.waiting / this.throughputOf(sender);
  }

  private overflows(m: { from: string; body: string }): boolean {
    const seconds = countSegments(m.body).segments / this.throughputOf(m.from);
    return this.backlogSeconds(m.from) + seconds > this.core.state.config.queueCapSeconds;
  }

  private enqueue(m: MessageRecord): void {
    let q = this.queues.get(m.from);
    if (!q) {
      q = {
        sender: m.from,
        items: [],
        waiting: 0,
        nextFreeAt: 0,
        runStart: 0,
        runRate: 0,
        runSegments: 0,
        timer: null,
        soon: false,
      };
      this.queues.set(m.from, q);
    }
    q.items.push(m);
    q.waiting += m.numSegments;
    this.schedule(q);
  }

  private schedule(q: SenderQueue): void {
    if (q.timer || q.soon || q.items.length === 0) return;
    const wait = q.nextFreeAt - this.core.clock.now();
    const run = () => {
      q.timer = null;
      q.soon = false;
      this.drain(q);
    };
    if (wait > 0) q.timer = this.core.clock.setTimeout(run, wait);
    else {
      q.soon = true;
      setImmediate(run);
    }
  }

  /** Sends the head of the queue and books the sender for its segments' worth of time. */
  private drain(q: SenderQueue): void {
    const m = q.items.shift();
    if (!m) return;
    q.waiting -= m.numSegments;
    if (m.status === "queued") {
      const start = Math.max(this.core.clock.now(), q.nextFreeAt);
      const rate = this.throughputOf(q.sender);
      if (start > q.nextFreeAt || rate !== q.runRate) {
        q.runStart = start;
        q.runRate = rate;
        q.runSegments = 0;
      }
      q.runSegments += m.numSegments;
      q.nextFreeAt = q.runStart + Math.round((q.runSegments * 1000) / rate);
      this.dispatch(m);
    }
    this.schedule(q);
  }

  private dispatch(m: MessageRecord): void {
    if (this.core.random() < this.core.state.faults.messageErrorRate) return this.setStatus(m, "failed", 30008);
    this.setStatus(m, "sent");
    const errorCode = this.carrierVerdict(m.to);
    this.later(this.core.state.config.deliveryDelayMs, () => {
      if (errorCode === null) this.setStatus(m, "delivered");
      else this.setStatus(m, "undelivered", errorCode);
    });
  }

  /** The error the recipient's carrier reports, by the contact's rule; null for delivered. */
  private carrierVerdict(to: string): number | null {
    const rule = this.core.state.rules.get(to);
    if (!rule) return null;
    switch (rule.kind) {
      case "landline":
        return 30006;
      case "unknown":
        return 30005;
      case "filtered":
        return 30007;
      case "error":
        return 30008;
      case "unreachable": {
        rule.seen += 1;
        const byAttempts = rule.attempts !== undefined && rule.seen <= rule.attempts;
        const bySeconds = rule.seconds !== undefined && this.core.clock.now() < rule.since + rule.seconds * 1000;
        const forever = rule.attempts === undefined && rule.seconds === undefined;
        return byAttempts || bySeconds || forever ? 30003 : null;
      }
      default:
        return null;
    }
  }

  private later(ms: number, fn: () => void): void {
    const handle = this.core.clock.setTimeout(() => {
      this.timers.delete(handle);
      fn();
    }, ms);
    this.timers.add(handle);
  }

  /** Moves a message to `status`, tells the event stream and, for outbound, its status callback. */
  setStatus(m: MessageRecord, status: MessageStatus, errorCode: number | null = null): void {
    if (this.core.state.messages.get(m.sid) !== m) return; // reset since
    const now = this.core.clock.now();
    m.status = status;
    m.dateUpdated = now;
    if (status === "sent") m.dateSent = now;
    m.errorCode = errorCode;
    m.errorMessage = errorCode === null ? null : (ERROR_MESSAGES[errorCode] ?? null);
    m.history.push({ status, at: now, errorCode });
    this.core.events.emit({ type: "message", message: messageView(m) });
    this.core.changed();
    if (m.statusCallback && CALLBACK_STATUSES.has(status)) this.callbacks.changed(m);
  }

  /** After loading saved state: queued messages go back in line, sent ones await their receipt. */
  resume(): void {
    const pending = [...this.core.state.messages.values()].sort((a, b) => a.seq - b.seq);
    for (const m of pending) {
      if (m.direction === "inbound") continue;
      if (m.status === "queued") this.enqueue(m);
      else if (m.status === "sent") {
        const errorCode = this.carrierVerdict(m.to);
        this.later(this.core.state.config.deliveryDelayMs, () =>
          errorCode === null ? this.setStatus(m, "delivered") : this.setStatus(m, "undelivered", errorCode),
        );
      }
    }
  }

  /** Drops every queue and pending receipt (reset, shutdown). */
  stop(): void {
    for (const q of this.queues.values()) {
      if (q.timer) this.core.clock.clearTimeout(q.timer);
      q.items = [];
      q.waiting = 0;
    }
    for (const t of this.timers) this.core.clock.clearTimeout(t);
    this.queues.clear();
    this.timers.clear();
    this.callbacks.clear();
  }
}
