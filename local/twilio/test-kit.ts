/**
 * Helpers for tests that use the simulator: an in-process simulator on a ManualClock with an SDK
 * client pointed at it, and a receiver — a tiny HTTP server standing in for the app's webhook
 * endpoints — that records what it is sent and answers as the test says. Waiting is on events,
 * never on sleeps.
 */
import { EventEmitter } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ManualClock } from "./clock.ts";
import { twilioClient } from "./sdk-client.ts";
import { startSimulator, type Simulator, type SimulatorOptions } from "./server.ts";

export interface Received {
  method: string;
  /** The full URL as requested, the one Twilio signs. */
  url: string;
  path: string;
  headers: IncomingMessage["headers"];
  params: Record<string, string>;
}

export type Answer = { status?: number; body?: string; contentType?: string } | "hang";

export interface Receiver {
  url: string;
  requests: Received[];
  /** Resolves with the first request (seen or future) that matches. */
  waitFor(match: (r: Received) => boolean, what?: string): Promise<Received>;
  /** Resolves once `count` requests (seen or future) match. */
  waitForCount(count: number, match?: (r: Received) => boolean): Promise<Received[]>;
  close(): Promise<void>;
}

export async function startReceiver(answer: (r: Received) => Answer = () => ({})): Promise<Receiver> {
  const requests: Received[] = [];
  const arrived = new EventEmitter();
  let base = "";
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = `${base}${req.url}`;
      const query = new URL(url).searchParams;
      const form = new URLSearchParams(req.method === "POST" ? Buffer.concat(chunks).toString("utf8") : query);
      const received: Received = {
        method: req.method ?? "GET",
        url,
        path: new URL(url).pathname,
        headers: req.headers,
        params: Object.fromEntries(form),
      };
      requests.push(received);
      arrived.emit("request", received);
      const a = answer(received);
      if (a === "hang") return;
      res.writeHead(a.status ?? 200, { "Content-Type": a.contentType ?? "text/xml" });
      res.end(a.body ?? "<Response/>");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const waitForCount = (count: number, match: (r: Received) => boolean = () => true) =>
    new Promise<Received[]>((resolve, reject) => {
      const check = () => {
        const found = requests.filter(match);
        if (found.length < count) return false;
        arrived.off("request", check);
        clearTimeout(timer);
        resolve(found.slice(0, count));
        return true;
      };
      const timer = setTimeout(() => {
        arrived.off("request", check);
        reject(new Error(`The receiver got ${requests.filter(match).length} of ${count} expected requests`));
      }, 10_000);
      if (!check()) arrived.on("request", check);
    });
  return {
    url: base,
    requests,
    async waitFor(match, what) {
      try {
        return (await waitForCount(1, match))[0];
      } catch {
        throw new Error(`The receiver never got ${what ?? "the expected request"}`);
      }
    },
    waitForCount,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface TestSimulator extends Simulator {
  clock: ManualClock;
  client: ReturnType<typeof twilioClient>;
  /** POST/GET a control endpoint; the parsed JSON answer (throws on non-2xx). */
  control<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  /** Registers a number the account owns (as POST /sim/numbers does). */
  own(e164: string, urls?: { smsUrl?: string; smsFallbackUrl?: string; statusCallback?: string }): Promise<void>;
}

export async function startTestSimulator(options: SimulatorOptions = {}): Promise<TestSimulator> {
  const clock = new ManualClock();
  const sim = await startSimulator({ ...options, clock });
  const control = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${sim.url}${path}`, {
      method,
      headers: body ? { "Content-Type": "application/json" } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    const data = (await res.json()) as T & { error?: string };
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${data.error ?? ""}`);
    return data;
  };
  return {
    ...sim,
    clock,
    client: twilioClient(sim.accountSid, sim.authToken, sim.url),
    control,
    async own(e164, urls = {}) {
      await control("POST", "/sim/numbers", { e164, ...urls });
    },
  };
}
