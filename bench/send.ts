/**
 * `npm run bench -- send`: a 10,000-contact campaign sent end to end through the local backend
 * (the project's `convex/`) and the Twilio simulator (a child process, the real twilio SDK
 * against it). The number and the simulator's sender both do 200 segments per second. The demo
 * Standard user imports the list, creates and launches the campaign; the benchmark waits until
 * every text is final in Parley and reports:
 *   - achieved rate / limit: texts created at the simulator per second over the send, ÷ 200
 *     (target ≥ 0.95);
 *   - the most texts the simulator received in any one-second window (never above 200);
 *   - whether every text ended delivered, or failed/undelivered with a reason (one contact in
 *     fifty has a simulator rule: landline, unknown number, or filtered).
 * Recipients are in zones where it is daytime when the benchmark runs (quiet hours would hold
 * them otherwise): the area codes are picked from `convex/model/shared/areaCodes.ts` at start.
 */
import { rmSync } from "node:fs";
import { ConvexHttpClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import { api } from "../convex/_generated/api";
import type { Id } from "../convex/_generated/dataModel";
import { prepareImport, suggestMapping } from "../convex/model/shared/contactImport.ts";
import { readEnv, spawnBackend, tempDataDir, writeEnv } from "../local/convex/testing.ts";
import { spawnSimulator } from "../local/twilio/spawn.ts";
import { ensureAuthEnv, ensureTwilioAccount, registerDemoNumbers, seedDemo } from "../scripts/stack.ts";
import { parseCsvBytes } from "../src/lib/import/csv.ts";
import { ListUploader, type MutationClient } from "../src/lib/import/uploader.ts";
import { adminClient, daytimeAreaCodes, pauseQuietHoursAtNight, signInAs } from "../scripts/api-client.ts";
import { anyUnfinishedSends } from "./drill-kit.ts";

const CONTACTS = 10_000;
const RATE = 200;
const NUMBER = "+16175550191"; // Admissions' demo number
const TIMEOUT_MS = 10 * 60_000;

function contactsCsv(areaCodes: string[]): Uint8Array {
  const lines = ["First Name,Last Name,Mobile Phone,Program"];
  for (let i = 0; i < CONTACTS; i++) {
    const area = areaCodes[i % areaCodes.length];
    const line = Math.floor(i / areaCodes.length);
    lines.push(
      `First${i},Last${i},+1${area}${String(2000000 + line)
        .slice(-7)
        .replace(/^[01]/, "2")},Nursing`,
    );
  }
  return new TextEncoder().encode(lines.join("\n") + "\n");
}

/** The most items in any one-second window of sorted instants. */
export function maxPerSecond(instants: number[]): number {
  let max = 0;
  let start = 0;
  for (let end = 0; end < instants.length; end++) {
    while (instants[end] - instants[start] >= 1000) start++;
    max = Math.max(max, end - start + 1);
  }
  return max;
}

type SimMessage = { to: string; direction: string; dateCreated: string; status: string; errorCode: number | null };
type Row = { status: string; errorReason?: string };

/** Every text of the number in `status` (admin key: the benchmark reads through an internal query). */
async function textsIn(admin: ConvexHttpClient, numberId: Id<"phoneNumbers">, status: string): Promise<Row[]> {
  const byStatus = makeFunctionReference<"query">("twilio/sends:byStatus");
  const rows: Row[] = [];
  let cursor: string | null = null;
  for (;;) {
    const page = (await admin.query(byStatus, { numberId, status, paginationOpts: { numItems: 2000, cursor } })) as {
      page: Row[];
      isDone: boolean;
      continueCursor: string;
    };
    rows.push(...page.page);
    if (page.isDone) return rows;
    cursor = page.continueCursor;
  }
}

export async function benchSend(): Promise<Record<string, unknown>> {
  const dataDir = tempDataDir();
  await ensureAuthEnv(dataDir, "http://127.0.0.1:5173");
  const account = ensureTwilioAccount(dataDir);
  const simulator = await spawnSimulator({ ...account });
  writeEnv(dataDir, {
    ...readEnv(dataDir),
    TWILIO_API_BASE: simulator.url,
  });
  const backend = await spawnBackend({ dataDir });
  try {
    const { users } = await seedDemo(backend.url, backend.adminKey);
    await registerDemoNumbers(simulator.url, backend.siteUrl);
    await fetch(`${simulator.url}/sim/throughput`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ number: NUMBER, segmentsPerSecond: RATE }),
    });
    const password = (email: string) => users.find((u) => u.email === email)?.password ?? "";
    const admin = await signInAs(backend.url, "admin@parley.test", password("admin@parley.test"));
    const numbers = await admin.query(api.numbers.list, {});
    const number = numbers.find((n) => n.e164 === NUMBER);
    if (!number) throw new Error(`The demo number ${NUMBER} is missing`);
    await admin.mutation(api.numbers.update, { numberId: number._id, messagesPerSecond: RATE });
    await pauseQuietHoursAtNight(admin);

    const sam = await signInAs(backend.url, "sam@parley.test", password("sam@parley.test"));
    const officeId = number.office._id;
    const areaCodes = daytimeAreaCodes(Date.now(), undefined, "617");
    const table = parseCsvBytes(contactsCsv(areaCodes));
    const { allowedCountries } = await sam.query(api.contactLists.importSettings, {});
    const prepared = prepareImport(table, suggestMapping(table)!, { allowedCountries });
    const mutations: MutationClient = { mutation: (ref, args) => sam.mutation(ref, args) };
    const listId = await new ListUploader(mutations).upload(prepared, { officeId, name: "Send 10k", tags: [] });
    const message = "Hi {firstName}, your {Program} open house is Friday at 5pm. Reply with questions!";
    const campaignId = await sam.mutation(api.campaigns.create, {
      ...{ officeId, timeZone: "America/New_York", title: "Send benchmark", listId, numberId: number._id, message },
    });

    // One contact in fifty can't be reached: landlines (30006), unknown numbers (30005), spam filters (30007).
    const rules = ["landline", "unknown", "filtered"];
    for (const [i, entry] of prepared.accepted.entries()) {
      if (i % 50 !== 7) continue;
      await fetch(`${simulator.url}/sim/rules`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ number: entry.phone, kind: rules[Math.floor(i / 50) % rules.length] }),
      });
    }
    const launchedAt = Date.now();
    await sam.mutation(api.campaigns.launch, { campaignId });
    const operator = adminClient(backend.url, backend.adminKey);
    // The fan-out queues everything within seconds; until then "nothing unfinished" means "not started".
    await new Promise((resolve) => setTimeout(resolve, 5000));
    while (Date.now() - launchedAt < TIMEOUT_MS && (await anyUnfinishedSends(operator, number._id)))
      await new Promise((resolve) => setTimeout(resolve, 500));
    const final: Row[] = [];
    for (const status of ["delivered", "undelivered", "failed"])
      final.push(...(await textsIn(operator, number._id, status)));
    const finishedAt = Date.now();

    const simMessages = (await (await fetch(`${simulator.url}/sim/messages`)).json()) as SimMessage[];
    const outbound = simMessages.filter((m) => m.direction === "outbound-api");
    const created = outbound.map((m) => Date.parse(m.dateCreated)).sort((a, b) => a - b);
    const spanS = (created[created.length - 1] - created[0]) / 1000;
    const achieved = (created.length - 1) / spanS;
    const maxWindow = maxPerSecond(created);
    // The second half of the sends, once the fan-out (which shares the one-process backend) is done.
    const mid = Math.floor(created.length / 2);
    const half = (created.length - 1 - mid) / ((created[created.length - 1] - created[mid]) / 1000);
    const perSecond = Array.from({ length: Math.floor(spanS) }, () => 0);
    for (const at of created) {
      const second = Math.floor((at - created[0]) / 1000);
      if (second < perSecond.length) perSecond[second] += 1;
    }
    const allFinal =
      final.length === prepared.accepted.length &&
      final.every((m) => m.status === "delivered" || (m.errorReason !== undefined && m.errorReason !== ""));
    const ratio = Math.round((achieved / RATE) * 1000) / 1000;
    return {
      contacts: prepared.accepted.length,
      area_codes: areaCodes.length,
      limit_per_s: RATE,
      created_at_twilio: created.length,
      duplicates: created.length - new Set(outbound.map((m) => m.to)).size,
      send_span_s: Math.round(spanS * 10) / 10,
      achieved_per_s: Math.round(achieved * 10) / 10,
      achieved_over_limit: ratio,
      max_in_any_1s_window: maxWindow,
      slowest_full_second: Math.min(...perSecond),
      second_half_over_limit: Math.round((half / RATE) * 1000) / 1000,
      launch_to_first_send_ms: created[0] - launchedAt,
      launch_to_all_final_s: Math.round((finishedAt - launchedAt) / 100) / 10,
      delivered: final.filter((m) => m.status === "delivered").length,
      failed_with_reason: final.filter((m) => m.status !== "delivered" && m.errorReason).length,
      reasons: [...new Set(final.filter((m) => m.status !== "delivered").map((m) => `${m.status}: ${m.errorReason}`))],
      all_final_with_reasons: allFinal,
      pass: allFinal && ratio >= 0.95 && maxWindow <= RATE,
    };
  } finally {
    await backend.stop();
    await simulator.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
