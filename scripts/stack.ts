/**
 * Parley's local stack: the Convex backend (local, unless PUBLIC_CONVEX_URL names a real
 * deployment), Convex Auth keys, the demo data (and, for `npm start`, the demo content of
 * `demo-content.ts`), and the built SvelteKit app. Used by `npm start` and by the browser tests.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { makeFunctionReference } from "convex/server";
import { type BackendProcess, readEnv, ROOT, spawnBackend, writeEnv } from "../local/convex/testing.ts";
import { spawnSimulator, type SimulatorProcess } from "../local/twilio/spawn.ts";
import { DEMO_NUMBERS } from "../convex/model/organization/seed.ts";
import { INBOUND_WEBHOOK_PATH, STATUS_WEBHOOK_PATH } from "../convex/model/sending/twilioConfig.ts";
import { adminClient } from "./api-client.ts";
import { generateAuthKeys } from "./auth-keys.ts";
import { seedDemoContent, type DemoContentSummary } from "./demo-content.ts";

export { ROOT };

export interface DemoUser {
  email: string;
  role: string;
  password: string;
}

/** The simulated Twilio account's credentials, generated once per data directory. */
export function ensureTwilioAccount(dataDir: string): { accountSid: string; authToken: string } {
  const env = readEnv(dataDir);
  if (!env.TWILIO_ACCOUNT_SID || !env.TWILIO_AUTH_TOKEN) {
    env.TWILIO_ACCOUNT_SID = `AC${randomBytes(16).toString("hex")}`;
    env.TWILIO_AUTH_TOKEN = randomBytes(16).toString("hex");
    writeEnv(dataDir, env);
  }
  return { accountSid: env.TWILIO_ACCOUNT_SID, authToken: env.TWILIO_AUTH_TOKEN };
}

/** Tells the simulator about the demo numbers, which the seed writes without going through Twilio. */
export async function registerDemoNumbers(simulatorUrl: string, siteUrl: string): Promise<void> {
  for (const number of DEMO_NUMBERS) {
    const response = await fetch(`${simulatorUrl}/sim/numbers`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        e164: number.e164,
        friendlyName: number.name,
        smsUrl: `${siteUrl}${INBOUND_WEBHOOK_PATH}`,
        statusCallback: `${siteUrl}${STATUS_WEBHOOK_PATH}`,
      }),
    });
    if (!response.ok) throw new Error(`The Twilio simulator refused ${number.e164}: ${await response.text()}`);
  }
}

/** Convex Auth's signing keys and site URL, generated once per data directory. */
export async function ensureAuthEnv(dataDir: string, siteUrl: string): Promise<boolean> {
  const env = readEnv(dataDir);
  const fresh = !env.JWT_PRIVATE_KEY || !env.JWKS;
  if (fresh) Object.assign(env, await generateAuthKeys());
  env.SITE_URL = siteUrl;
  writeEnv(dataDir, env);
  return fresh;
}

/** A port free on 127.0.0.1 right now (the OS picks it), for a server started next. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function seedDemo(url: string, adminKey: string): Promise<{ created: boolean; users: DemoUser[] }> {
  return (await adminClient(url, adminKey).action(makeFunctionReference<"action">("seed:demo"), {})) as {
    created: boolean;
    users: DemoUser[];
  };
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds the app when `build/` is missing or older than its sources. */
export function buildApp(force = false): void {
  const built = path.join(ROOT, "build", "index.js");
  const sources = Math.max(newestMtime(path.join(ROOT, "src")), newestMtime(path.join(ROOT, "convex", "_generated")));
  if (!force && existsSync(built) && statSync(built).mtimeMs >= sources) return;
  console.log("Building the app (vite build)…");
  const result = spawnSync(
    process.execPath,
    [path.join(ROOT, "node_modules/vite/bin/vite.js"), "build", "--logLevel", "warn"],
    {
      cwd: ROOT,
      stdio: "inherit",
    },
  );
  if (result.status !== 0) throw new Error("The app did not build: see the errors above");
}

export interface AppProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** The built app (adapter-node) on 127.0.0.1:`port`, talking to `convexUrl`. */
export async function startApp(port: number, convexUrl: string): Promise<AppProcess> {
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [path.join(ROOT, "build", "index.js")], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, HOST: "127.0.0.1", PORT: String(port), ORIGIN: url, PUBLIC_CONVEX_URL: convexUrl },
  });
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (out += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const check = () => {
      if (/Listening on/.test(out)) resolve();
    };
    child.stdout.on("data", check);
    child.once("exit", (code) => reject(new Error(`The app exited with ${code}:\n${out}`)));
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    url,
    child,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

export interface Stack {
  appUrl: string;
  convexUrl: string;
  siteUrl: string | null;
  backend: BackendProcess | null;
  simulator: SimulatorProcess | null;
  app: AppProcess;
  demoUsers: DemoUser[];
  stop(): Promise<void>;
}

export interface ServiceOptions {
  dataDir: string;
  /** The app's origin (Convex Auth's SITE_URL). */
  appUrl: string;
  backendPort: number;
  sitePort: number;
  simulatorPort: number;
  /** Add the demo campaigns, lists and conversations when the demo organization was just created. */
  demoContent?: boolean;
  echoBackend?: NodeJS.WritableStream;
}

export interface Services {
  backend: BackendProcess;
  simulator: SimulatorProcess;
  demoUsers: DemoUser[];
  /** What the demo content added, or null (not asked, not a first start, or it failed: see the warning). */
  demoContent: DemoContentSummary | null;
  stop(): Promise<void>;
}

/** The simulator, the local backend with the demo organization (and content, when asked), no app. */
export async function startServices(options: ServiceOptions): Promise<Services> {
  await ensureAuthEnv(options.dataDir, options.appUrl);
  const account = ensureTwilioAccount(options.dataDir);
  const simulator = await spawnSimulator({
    port: options.simulatorPort,
    ...account,
    dataFile: path.join(options.dataDir, "twilio-simulator.json"),
  });
  const env = { ...readEnv(options.dataDir), TWILIO_API_BASE: simulator.url };
  writeEnv(options.dataDir, env);
  const backend = await spawnBackend({
    dataDir: options.dataDir,
    port: options.backendPort,
    sitePort: options.sitePort,
    echo: options.echoBackend,
  });
  const seeded = await seedDemo(backend.url, backend.adminKey);
  await registerDemoNumbers(simulator.url, backend.siteUrl);
  const demoContent =
    options.demoContent && seeded.created
      ? await addDemoContent(backend.url, simulator.url, seeded.users[0]?.password ?? "")
      : null;
  return {
    backend,
    simulator,
    demoUsers: seeded.users,
    demoContent,
    async stop() {
      await backend.stop();
      await simulator.stop();
    },
  };
}

/** Seeds the demo content; a failure half-way is a warning, not a stop: the app works without it. */
async function addDemoContent(
  convexUrl: string,
  simulatorUrl: string,
  password: string,
): Promise<DemoContentSummary | null> {
  console.log("Adding demo content (lists, campaigns, conversations)…");
  try {
    const summary = await seedDemoContent({ convexUrl, simulatorUrl, password });
    const { active, scheduled, draft, archived } = summary.campaigns;
    console.log(
      `Added demo content in ${(summary.ms / 1000).toFixed(1)} s: ${summary.lists} contact lists ` +
        `(${summary.contacts} contacts), ${active} active, ${scheduled} scheduled, ${draft} draft and ` +
        `${archived} archived campaigns.`,
    );
    return summary;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    console.warn(
      `Warning: the demo content is incomplete (${reason}). Parley works without it; ` +
        "delete .parley/ and start again to retry.",
    );
    return null;
  }
}

export interface StackOptions {
  dataDir: string;
  appPort: number;
  backendPort: number;
  sitePort: number;
  simulatorPort: number;
  /** A real deployment to use instead of the local backend. */
  externalConvexUrl?: string;
  /** Demo lists, campaigns and conversations on the first start (`npm start`; off for the browser tests). */
  demoContent?: boolean;
  echoBackend?: NodeJS.WritableStream;
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const appUrl = `http://127.0.0.1:${options.appPort}`;
  const services = options.externalConvexUrl ? null : await startServices({ ...options, appUrl });
  const convexUrl = options.externalConvexUrl ?? (services as Services).backend.url;
  buildApp();
  const app = await startApp(options.appPort, convexUrl);
  return {
    appUrl,
    convexUrl,
    siteUrl: services?.backend.siteUrl ?? null,
    backend: services?.backend ?? null,
    simulator: services?.simulator ?? null,
    app,
    demoUsers: services?.demoUsers ?? [],
    async stop() {
      await app.stop();
      await services?.stop();
    },
  };
}
