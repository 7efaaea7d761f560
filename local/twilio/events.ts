/**
 * What happens inside the simulator, as a stream: messages created and changing status,
 * every callback and webhook attempt, opt-outs, numbers. Tests wait on it; the phone page and
 * `/sim/events` (Server-Sent Events) follow it live.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { MessageRecord } from "./state.ts";

export interface MessageView {
  sid: string;
  from: string;
  to: string;
  body: string;
  direction: MessageRecord["direction"];
  status: MessageRecord["status"];
  errorCode: number | null;
  errorMessage: string | null;
  numSegments: number;
  encoding: MessageRecord["encoding"];
  dateCreated: string;
  dateSent: string | null;
  history: { status: string; at: string; errorCode: number | null }[];
}

export function messageView(m: MessageRecord): MessageView {
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    sid: m.sid,
    from: m.from,
    to: m.to,
    body: m.body,
    direction: m.direction,
    status: m.status,
    errorCode: m.errorCode,
    errorMessage: m.errorMessage,
    numSegments: m.numSegments,
    encoding: m.encoding,
    dateCreated: iso(m.dateCreated),
    dateSent: m.dateSent === null ? null : iso(m.dateSent),
    history: m.history.map((h) => ({ status: h.status, at: iso(h.at), errorCode: h.errorCode })),
  };
}

/** One HTTP request the simulator made to the app (a status callback or an inbound webhook). */
export interface DeliveryEvent {
  type: "callback" | "webhook";
  messageSid: string;
  url: string;
  attempt: number;
  /** The message status a status callback reports. */
  status?: string;
  outcome: "ok" | "http-error" | "timeout" | "network-error" | "dropped";
  httpStatus?: number;
  error?: string;
  duplicate?: boolean;
  /** Whether another attempt follows. */
  willRetry?: boolean;
}

export type SimEventBody =
  | { type: "message"; message: MessageView }
  | DeliveryEvent
  | { type: "opt-out"; sender: string; contact: string; optedOut: boolean }
  | {
      type: "twiml";
      inboundSid: string;
      outcome: "sent" | "rejected";
      replySid?: string;
      code?: number;
      error?: string;
    }
  | { type: "number"; action: "created" | "updated" | "deleted"; phoneNumber: string; sid: string }
  | { type: "reset" };

export type SimEvent = SimEventBody & { id: number; at: string };

type Listener = (event: SimEvent) => void;

export class EventBus {
  private listeners = new Set<Listener>();
  private log: SimEvent[] = [];
  private nextId = 1;

  constructor(
    private now: () => number,
    private keep = 2000,
  ) {}

  emit(body: SimEventBody): SimEvent {
    const event = { ...body, id: this.nextId++, at: new Date(this.now()).toISOString() } as SimEvent;
    this.log.push(event);
    if (this.log.length > this.keep) this.log.splice(0, this.log.length - this.keep);
    for (const listener of this.listeners) listener(event);
    return event;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Events kept after `id` (the last 2,000). */
  since(id: number): SimEvent[] {
    return this.log.filter((e) => e.id > id);
  }

  /** The events seen so far that match. */
  filter<T extends SimEvent>(match: (e: SimEvent) => e is T): T[];
  filter(match: (e: SimEvent) => boolean): SimEvent[];
  filter(match: (e: SimEvent) => boolean): SimEvent[] {
    return this.log.filter(match);
  }

  /**
   * Resolves with the first event after `afterId` that matches, kept or future. Rejects after
   * `timeoutMs` of real time with what it waited for, so a test that fails says why.
   */
  waitFor(match: (e: SimEvent) => boolean, options: { afterId?: number; timeoutMs?: number; what?: string } = {}) {
    const found = this.since(options.afterId ?? 0).find(match);
    if (found) return Promise.resolve(found);
    return new Promise<SimEvent>((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`No event ${options.what ?? match.toString()} within ${options.timeoutMs ?? 10_000} ms`));
      }, options.timeoutMs ?? 10_000);
      const off = this.subscribe((e) => {
        if (!match(e)) return;
        clearTimeout(timer);
        off();
        resolve(e);
      });
    });
  }

  /** `GET /sim/events`: Server-Sent Events, replaying from Last-Event-ID or `?since=`. */
  serve(req: IncomingMessage, res: ServerResponse, since: number): void {
    res.writeHead(200, {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache",
      Connection: "keep-alive",
    });
    res.write(": Twilio simulator events\n\n");
    const send = (e: SimEvent) => res.write(`id: ${e.id}\ndata: ${JSON.stringify(e)}\n\n`);
    for (const e of this.since(since)) send(e);
    const off = this.subscribe(send);
    req.on("close", off);
  }

  get lastId(): number {
    return this.nextId - 1;
  }
}
