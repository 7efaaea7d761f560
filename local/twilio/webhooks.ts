/**
 * Requests the simulator makes to the app: status callbacks and inbound-message webhooks.
 * Each is signed as Twilio signs (X-Twilio-Signature: HMAC-SHA1 keyed by the auth token over
 * the full URL followed by every POST parameter, sorted by name, as name+value; base64), carries
 * an I-Twilio-Idempotency-Token that stays the same across retries, times out and is retried
 * with doubling backoff — all on the simulator's clock.
 */
import { createHmac, randomUUID } from "node:crypto";
import type { Clock, TimerHandle } from "./clock.ts";
import type { DeliveryEvent, EventBus } from "./events.ts";

/** Twilio's webhook signature for a request to `url` with form `params` (none for GET). */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, key) => acc + key + params[key], url);
  return createHmac("sha1", authToken).update(Buffer.from(data, "utf8")).digest("base64");
}

export interface Delivery {
  type: "callback" | "webhook";
  messageSid: string;
  url: string;
  method: "GET" | "POST";
  params: Record<string, string>;
  /** The status a status callback reports. */
  status?: string;
  /** Further attempts after a failed one. */
  retries: number;
  duplicate?: boolean;
  /** I-Twilio-Idempotency-Token; the same for every retry (and for a duplicate). */
  token?: string;
}

export interface Reply {
  httpStatus: number;
  contentType: string;
  body: string;
}

export interface WebhookSettings {
  authToken: string;
  timeoutMs: () => number;
  backoffMs: () => number;
  latencyMs: () => number;
}

type Failure = Pick<DeliveryEvent, "outcome" | "httpStatus" | "error">;
type Attempt = { ok: true; reply: Reply } | { ok: false; event: Failure };

export class Webhooks {
  private timers = new Set<TimerHandle>();
  private controllers = new Set<AbortController>();
  /** Bumped by cancelAll: deliveries started before it stop where they are. */
  private generation = 0;

  constructor(
    private clock: Clock,
    private events: EventBus,
    private settings: WebhookSettings,
  ) {}

  /** Waits `ms` on the simulator's clock (not at all for 0). */
  wait(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const handle = this.clock.setTimeout(() => {
        this.timers.delete(handle);
        resolve();
      }, ms);
      this.timers.add(handle);
    });
  }

  /** Delivers with retries; the reply of the attempt that succeeded, or null when all failed. */
  async deliver(delivery: Delivery): Promise<Reply | null> {
    const token = delivery.token ?? randomUUID();
    const url = normalize(delivery.url);
    if (!url) {
      const { type, messageSid, status } = delivery;
      const error = `not a URL: ${delivery.url}`;
      this.events.emit({ type, messageSid, url: delivery.url, status, attempt: 1, outcome: "network-error", error });
      return null;
    }
    const generation = this.generation;
    for (let attempt = 1; ; attempt++) {
      await this.wait(this.settings.latencyMs());
      if (generation !== this.generation) return null;
      const result = await this.attempt(delivery, url, token);
      if (generation !== this.generation) return null;
      const base = { type: delivery.type, messageSid: delivery.messageSid, url, attempt, status: delivery.status };
      const duplicate = delivery.duplicate ? { duplicate: true } : {};
      if (result.ok) {
        this.events.emit({ ...base, ...duplicate, outcome: "ok", httpStatus: result.reply.httpStatus });
        return result.reply;
      }
      const willRetry = attempt <= delivery.retries && retryable(result.event);
      this.events.emit({ ...base, ...duplicate, ...result.event, willRetry });
      if (!willRetry) return null;
      await this.wait(this.settings.backoffMs() * 2 ** (attempt - 1));
    }
  }

  private async attempt(delivery: Delivery, url: string, token: string): Promise<Attempt> {
    const get = delivery.method === "GET";
    const form = new URLSearchParams(delivery.params).toString();
    const target = get ? `${url}${url.includes("?") ? "&" : "?"}${form}` : url;
    const headers: Record<string, string> = {
      "X-Twilio-Signature": twilioSignature(this.settings.authToken, target, get ? {} : delivery.params),
      "I-Twilio-Idempotency-Token": token,
      "User-Agent": "TwilioProxy/1.1",
      Accept: "*/*",
    };
    if (!get) headers["Content-Type"] = "application/x-www-form-urlencoded";
    const controller = new AbortController();
    let timedOut = false;
    const timer = this.clock.setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.settings.timeoutMs());
    this.controllers.add(controller);
    try {
      const res = await fetch(target, {
        method: delivery.method,
        headers,
        body: get ? undefined : form,
        signal: controller.signal,
      });
      const body = await res.text();
      const reply = { httpStatus: res.status, contentType: res.headers.get("content-type") ?? "", body };
      if (res.status >= 200 && res.status < 300) return { ok: true, reply };
      return { ok: false, event: { outcome: "http-error", httpStatus: res.status } };
    } catch (error) {
      if (timedOut)
        return { ok: false, event: { outcome: "timeout", error: `no answer within ${this.settings.timeoutMs()} ms` } };
      return { ok: false, event: { outcome: "network-error", error: describe(error) } };
    } finally {
      this.clock.clearTimeout(timer);
      this.controllers.delete(controller);
    }
  }

  /** Forgets pending waits and aborts requests in flight (reset, shutdown). */
  cancelAll(): void {
    this.generation++;
    for (const t of this.timers) this.clock.clearTimeout(t);
    this.timers.clear();
    for (const c of this.controllers) c.abort();
  }
}

/** The URL as it is requested and signed: absolute http(s), without a fragment (connection overrides). */
function normalize(raw: string): string | null {
  try {
    const url = new URL(raw);
    url.hash = "";
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/** Twilio retries what may succeed later: no connection, no answer in time, a 5xx. */
function retryable(event: Failure): boolean {
  return event.outcome !== "http-error" || (event.httpStatus ?? 0) >= 500;
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
  }
  return String(error);
}
