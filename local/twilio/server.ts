/**
 * `startSimulator(options)`: the Twilio simulator in this process — the REST API, the control
 * API, the event stream and the phone page on one HTTP server. Tests pass a ManualClock to drive
 * time; `npm run twilio` (main.ts) runs it on real time.
 */
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { realClock, type Clock } from "./clock.ts";
import { handleControl } from "./control.ts";
import { Core } from "./core.ts";
import type { EventBus } from "./events.ts";
import { loadState, Saver } from "./persistence.ts";
import { handleRest, isRestPath } from "./rest.ts";
import type { SimConfig } from "./state.ts";

export const DEFAULT_ACCOUNT_SID = "AC00000000000000000000000000000001";
export const DEFAULT_AUTH_TOKEN = "simulator-auth-token";

export interface SimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  accountSid?: string;
  authToken?: string;
  /** Real time unless given (tests pass a ManualClock). */
  clock?: Clock;
  /** Seed for fault injection (default 1). */
  seed?: number;
  config?: Partial<SimConfig>;
  /** Keep the state in this JSON file across restarts. */
  dataFile?: string;
}

export interface Simulator {
  /** http://127.0.0.1:<port> — the base URL for the SDK (TWILIO_API_BASE), the control API and the phone page. */
  url: string;
  port: number;
  accountSid: string;
  authToken: string;
  clock: Clock;
  core: Core;
  events: EventBus;
  close(): Promise<void>;
}

const PHONE_DIR = path.join(import.meta.dirname, "phone");
const STATIC: Record<string, [file: string, type: string]> = {
  "/": ["index.html", "text/html; charset=utf-8"],
  "/phone": ["index.html", "text/html; charset=utf-8"],
  "/phone/phone.css": ["phone.css", "text/css; charset=utf-8"],
  "/phone/phone.js": ["phone.js", "text/javascript; charset=utf-8"],
};

const MAX_BODY = 1 << 20;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) req.destroy(new Error("Request body over 1 MiB"));
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (status === 204) {
    res.writeHead(204, headers).end();
    return;
  }
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
}

async function handle(core: Core, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://simulator.local");
  const asset = STATIC[url.pathname];
  if (asset && req.method === "GET") {
    res.writeHead(200, { "Content-Type": asset[1], "Cache-Control": "no-cache" });
    res.end(readFileSync(path.join(PHONE_DIR, asset[0])));
    return;
  }
  if (url.pathname === "/sim/events" && req.method === "GET") {
    const since = Number(req.headers["last-event-id"] ?? url.searchParams.get("since") ?? core.events.lastId);
    core.events.serve(req, res, Number.isFinite(since) ? since : core.events.lastId);
    return;
  }
  const body = await readBody(req);
  if (url.pathname.startsWith("/sim/")) return handleControl(core, req, res, url, body);
  if (isRestPath(url.pathname)) {
    const result = await handleRest(core, req, url, body);
    return json(res, result.status, result.body, result.headers);
  }
  json(res, 404, { error: `Nothing at ${url.pathname}` });
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const clock = options.clock ?? realClock();
  const accountSid = options.accountSid ?? DEFAULT_ACCOUNT_SID;
  const authToken = options.authToken ?? DEFAULT_AUTH_TOKEN;
  let saver: Saver | undefined;
  const core = new Core({
    accountSid,
    authToken,
    clock,
    seed: options.seed ?? 1,
    config: options.config,
    state: options.dataFile ? loadState(options.dataFile) : undefined,
    onChange: () => saver?.changed(),
  });
  if (options.dataFile) saver = new Saver(options.dataFile, () => core.state);
  const server = createServer((req, res) => {
    handle(core, req, res).catch((error: unknown) => {
      console.error("Twilio simulator: request failed", error);
      if (!res.headersSent) json(res, 500, { error: String(error) });
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host && options.host !== "0.0.0.0" ? options.host : "127.0.0.1";
  return {
    url: `http://${host}:${port}`,
    port,
    accountSid,
    authToken,
    clock,
    core,
    events: core.events,
    async close() {
      core.close();
      saver?.flush();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
