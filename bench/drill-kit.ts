/**
 * What the drills (`load`, `faults`, `badinput`) share: the local stack as `npm start` runs it
 * (backend and Twilio simulator as child processes, demo data, the simulator told about the demo
 * numbers — through `scripts/stack.ts` and the spawn helpers), restarting either process on its
 * own ports, signing in, a launched campaign, waiting for a condition, and reading the backend's
 * stored documents from its durable log (a copy of it, so the running backend is not disturbed).
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ConvexHttpClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import { api } from "../convex/_generated/api";
import type { Id } from "../convex/_generated/dataModel";
import { prepareImport, suggestMapping } from "../convex/model/shared/contactImport.ts";
import {
  type BackendProcess,
  DurableLog,
  readEnv,
  restoreState,
  spawnBackend,
  tempDataDir,
  writeEnv,
} from "../local/convex/testing.ts";
import { spawnSimulator, type SimulatorProcess } from "../local/twilio/spawn.ts";
import { ensureAuthEnv, ensureTwilioAccount, registerDemoNumbers, seedDemo, type DemoUser } from "../scripts/stack.ts";
import { parseCsvBytes } from "../src/lib/import/csv.ts";
import { ListUploader, type MutationClient } from "../src/lib/import/uploader.ts";
import { adminClient, daytimeAreaCodes, pauseQuietHoursAtNight, signInAs } from "../scripts/api-client.ts";

export const ADMISSIONS = "+16175550191";
export const FINANCIAL_AID = "+16175550192";

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `check` holds (polling every `everyMs`) or `timeoutMs` passes; returns whether it held. */
export async function until(check: () => Promise<boolean> | boolean, timeoutMs: number, everyMs = 250) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= end) return false;
    await pause(everyMs);
  }
}

export const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/** Progress on stderr (stdout carries the one JSON line of figures). */
export function logger(name: string) {
  const started = Date.now();
  return (what: string) => console.error(`[${name} ${Math.round((Date.now() - started) / 1000)}s] ${what}`);
}

/** A session token for a user, as the app's sign-in form gets one (Convex Auth, password). */
export async function signInToken(url: string, email: string, password: string, flow = "signIn"): Promise<string> {
  const { tokens } = (await new ConvexHttpClient(url).action(api.auth.signIn, {
    provider: "password",
    params: { email, password, flow },
  })) as { tokens: { token: string } | null };
  if (!tokens) throw new Error(`Could not sign in as ${email}`);
  return tokens.token;
}

const portOf = (url: string) => Number(new URL(url).port);

export interface DrillStack {
  dataDir: string;
  backend: BackendProcess;
  simulator: SimulatorProcess;
  users: DemoUser[];
  /** Admin-key client: may call internal functions (as the operator of a deployment can). */
  operator(): ConvexHttpClient;
  signIn(email: string): Promise<ConvexHttpClient>;
  /** The simulator's control API. */
  sim<T = unknown>(route: string, body?: unknown, method?: string): Promise<T>;
  /** SIGKILL (or SIGTERM) the backend and start it again on the same ports and data. */
  restartBackend(how: "kill" | "stop", beforeStart?: () => Promise<void>): Promise<void>;
  stopSimulator(): Promise<void>;
  startSimulator(): Promise<void>;
  stop(): Promise<void>;
}

export async function startDrillStack(): Promise<DrillStack> {
  const dataDir = tempDataDir();
  await ensureAuthEnv(dataDir, "http://127.0.0.1:5173");
  const account = ensureTwilioAccount(dataDir);
  const simFile = path.join(dataDir, "twilio-simulator.json");
  let simulator = await spawnSimulator({ ...account, dataFile: simFile });
  writeEnv(dataDir, { ...readEnv(dataDir), TWILIO_API_BASE: simulator.url });
  let backend = await spawnBackend({ dataDir });
  const { users } = await seedDemo(backend.url, backend.adminKey);
  await registerDemoNumbers(simulator.url, backend.siteUrl);
  const admin = users.find((u) => u.email === "admin@parley.test");
  await pauseQuietHoursAtNight(await signInAs(backend.url, "admin@parley.test", admin?.password ?? ""));
  const stack: DrillStack = {
    dataDir,
    get backend() {
      return backend;
    },
    get simulator() {
      return simulator;
    },
    users,
    operator: () => adminClient(backend.url, backend.adminKey),
    async signIn(email) {
      const user = users.find((u) => u.email === email);
      const client = new ConvexHttpClient(backend.url);
      client.setAuth(await signInToken(backend.url, email, user?.password ?? ""));
      return client;
    },
    async sim<T>(route: string, body?: unknown, method = body === undefined ? "GET" : "POST") {
      const response = await fetch(`${simulator.url}${route}`, {
        method,
        headers: { "content-type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (!response.ok) throw new Error(`Simulator ${method} ${route}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    },
    async restartBackend(how, beforeStart) {
      const [port, sitePort] = [portOf(backend.url), portOf(backend.siteUrl)];
      if (how === "kill") await backend.kill();
      else await backend.stop();
      await beforeStart?.();
      backend = await spawnBackend({ dataDir, port, sitePort });
    },
    async stopSimulator() {
      await simulator.stop();
    },
    async startSimulator() {
      simulator = await spawnSimulator({ ...account, dataFile: simFile, port: portOf(simulator.url) });
    },
    async stop() {
      await backend.stop();
      await simulator.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return stack;
}

/** `count` distinct valid phones in daytime zones, starting at line `from` (drills keep their sets apart). */
export function daytimePhones(count: number, from = 0): string[] {
  const areas = daytimeAreaCodes(Date.now(), undefined, "617");
  return Array.from({ length: count }, (_, k) => {
    const i = from + k;
    const line = String(2_000_000 + Math.floor(i / areas.length))
      .slice(-7)
      .replace(/^[01]/, "2");
    return `+1${areas[i % areas.length]}${line}`;
  });
}

export interface Campaign {
  campaignId: Id<"campaigns">;
  numberId: Id<"phoneNumbers">;
  phones: string[];
}

/** Sam imports `phones` as a list and creates (and by default launches) an agent-operated campaign on `e164`. */
export async function launchCampaign(
  stack: DrillStack,
  options: { e164: string; phones: string[]; title: string; ratePerSecond: number; launch?: boolean },
): Promise<Campaign> {
  const admin = await stack.signIn("admin@parley.test");
  const number = (await admin.query(api.numbers.list, {})).find((n) => n.e164 === options.e164);
  if (!number) throw new Error(`The demo number ${options.e164} is missing`);
  await admin.mutation(api.numbers.update, { numberId: number._id, messagesPerSecond: options.ratePerSecond });
  await stack.sim("/sim/throughput", { number: options.e164, segmentsPerSecond: options.ratePerSecond });
  const sam = await stack.signIn("sam@parley.test");
  const csv = ["First Name,Last Name,Mobile Phone", ...options.phones.map((p, i) => `First${i},Last${i},${p}`)];
  const table = parseCsvBytes(new TextEncoder().encode(csv.join("\n") + "\n"));
  const { allowedCountries } = await sam.query(api.contactLists.importSettings, {});
  const prepared = prepareImport(table, suggestMapping(table)!, { allowedCountries });
  if (prepared.accepted.length !== options.phones.length) throw new Error("The drill's contacts did not all import");
  const mutations: MutationClient = { mutation: (ref, args) => sam.mutation(ref, args) };
  const officeId = number.office._id;
  const listId = await new ListUploader(mutations).upload(prepared, { officeId, name: options.title, tags: [] });
  const campaignId = await sam.mutation(api.campaigns.create, {
    ...{ officeId, timeZone: "America/New_York", title: options.title, listId, numberId: number._id },
    ...{ operatedBy: "agent" as const, message: "Hi {firstName}, reply with any question about the open house." },
  });
  if (options.launch !== false) await sam.mutation(api.campaigns.launch, { campaignId });
  return { campaignId, numberId: number._id, phones: prepared.accepted.map((e) => e.phone) };
}

const byStatus = makeFunctionReference<"query">("twilio/sends:byStatus");
export const UNFINISHED = ["pending", "sending", "retrying", "queued", "sent"];

/** How many of the number's texts are in `status` (pages through an internal query with the admin key). */
export async function countSends(operator: ConvexHttpClient, numberId: Id<"phoneNumbers">, status: string) {
  let [count, cursor] = [0, null as string | null];
  for (;;) {
    const page = (await operator.query(byStatus, { numberId, status, paginationOpts: { numItems: 1000, cursor } })) as {
      page: unknown[];
      isDone: boolean;
      continueCursor: string;
    };
    count += page.page.length;
    if (page.isDone) return count;
    cursor = page.continueCursor;
  }
}

/** Whether any of the number's texts is still in one of `statuses` (a row per status, cheap while sending). */
export async function anyUnfinishedSends(
  operator: ConvexHttpClient,
  numberId: Id<"phoneNumbers">,
  statuses = UNFINISHED,
) {
  for (const status of statuses) {
    const page = (await operator.query(byStatus, {
      numberId,
      status,
      paginationOpts: { numItems: 1, cursor: null },
    })) as {
      page: unknown[];
    };
    if (page.page.length > 0) return true;
  }
  return false;
}

export async function unfinishedSends(operator: ConvexHttpClient, numberId: Id<"phoneNumbers">) {
  let total = 0;
  for (const status of UNFINISHED) total += await countSends(operator, numberId, status);
  return total;
}

export type SimMessage = {
  sid: string;
  from: string;
  to: string;
  body: string;
  direction: string;
  status: string;
  errorCode: number | null;
  dateCreated: string;
};

/** Outbound texts the simulator created per recipient (the only ground truth of what was sent). */
export function outboundPerRecipient(messages: SimMessage[], from: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of messages)
    if (m.direction === "outbound-api" && m.from === from) counts.set(m.to, (counts.get(m.to) ?? 0) + 1);
  return counts;
}

export type StoredDoc = Record<string, unknown> & { _id: string };

/**
 * Every document the backend has made durable, by table (root component): read from a copy of
 * its data directory's log, as a restart would restore it. Ids are `<counter><table>` on the
 * local backend, which is how the table is known.
 */
export async function storedTables(dataDir: string): Promise<Map<string, StoredDoc[]>> {
  const copy = mkdtempSync(path.join(os.tmpdir(), "parley-drill-db-"));
  try {
    cpSync(path.join(dataDir, "db"), copy, { recursive: true });
    const opened = await DurableLog.open(copy);
    await opened.log.close();
    const state = restoreState(opened.snapshot, opened.records);
    const tables = new Map<string, StoredDoc[]>();
    for (const doc of state.documents.get("")?.values() ?? []) {
      const table = String(doc._id).replace(/^\d+/, "");
      const rows = tables.get(table) ?? [];
      rows.push(doc as StoredDoc);
      tables.set(table, rows);
    }
    return tables;
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

export function tableCounts(tables: Map<string, StoredDoc[]>): Record<string, number> {
  return Object.fromEntries([...tables].map(([name, rows]) => [name, rows.length]).sort());
}
