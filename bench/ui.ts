/**
 * `npm run bench -- ui`: the live console as an agent sees it, with 10,000 conversations in one
 * campaign. The whole stack runs (local backend, Twilio simulator, the built app) and an agent
 * has the campaign's Activity tab open in Chromium. Reports:
 *   - inbound → row: from a contact's text posted at the simulator to its row showing in the
 *     agent's Needs attention section (the webhook, the backend, the subscription, the render),
 *     p50 and p95 over 100 texts, one at a time (target p95 ≤ 250 ms);
 *   - the gzip size of the JavaScript the campaign view loads (target ≤ 250 KB);
 *   - how many rows the lists render (the virtual lists keep it to a screenful).
 * The campaign's texts are sent first (Admissions' demo number at 200/s; recipients in zones where
 * it is daytime, so quiet hours hold none), so the measurement runs on a quiet deployment.
 */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import { api } from "../convex/_generated/api";
import type { Id } from "../convex/_generated/dataModel";
import { prepareImport, suggestMapping } from "../convex/model/shared/contactImport.ts";
import { freePort, startStack } from "../scripts/stack.ts";
import { parseCsvBytes } from "../src/lib/import/csv.ts";
import { ListUploader, type MutationClient } from "../src/lib/import/uploader.ts";
import { adminClient, daytimeAreaCodes, pauseQuietHoursAtNight, signInAs } from "../scripts/api-client.ts";
import { anyUnfinishedSends } from "./drill-kit.ts";

const CONTACTS = 10_000;
const SAMPLES = 100;
const RATE = 200;
const NUMBER = "+16175550191"; // Admissions' demo number
const TARGETS = { p95Ms: 250, jsGzipKb: 250 };

function contactsCsv(areaCodes: string[]): Uint8Array {
  const lines = ["First Name,Last Name,Mobile Phone"];
  for (let i = 0; i < CONTACTS; i++) {
    const area = areaCodes[i % areaCodes.length];
    const line = String(2_000_000 + Math.floor(i / areaCodes.length))
      .slice(-7)
      .replace(/^[01]/, "2");
    lines.push(`First${i},Last${i},+1${area}${line}`);
  }
  return new TextEncoder().encode(lines.join("\n") + "\n");
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const started = Date.now();
/** Progress on stderr (the figures are the one JSON line on stdout). */
const log = (what: string) => console.error(`[ui ${Math.round((Date.now() - started) / 1000)}s] ${what}`);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `check` is true (polling every 500 ms) or `timeoutMs` passes; returns whether it became true. */
async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return true;
    await pause(500);
  }
  return false;
}

export async function benchUi(): Promise<Record<string, unknown>> {
  const stack = await startStack({
    dataDir: mkdtempSync(path.join(os.tmpdir(), "parley-bench-ui-")),
    appPort: await freePort(),
    backendPort: 0,
    sitePort: 0,
    simulatorPort: 0,
  });
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
  try {
    const simulator = stack.simulator?.url as string;
    const password = (email: string) => stack.demoUsers.find((u) => u.email === email)?.password ?? "";
    const post = (route: string, body: unknown) =>
      fetch(`${simulator}${route}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    await post("/sim/throughput", { number: NUMBER, segmentsPerSecond: RATE });
    const admin = await signInAs(stack.convexUrl, "admin@parley.test", password("admin@parley.test"));
    const number = (await admin.query(api.numbers.list, {})).find((n) => n.e164 === NUMBER);
    if (!number) throw new Error(`The demo number ${NUMBER} is missing`);
    await admin.mutation(api.numbers.update, { numberId: number._id, messagesPerSecond: RATE });
    await pauseQuietHoursAtNight(admin);

    // 10,000 contacts, one agent-operated campaign, launched: 10,000 conversations.
    const sam = await signInAs(stack.convexUrl, "sam@parley.test", password("sam@parley.test"));
    const table = parseCsvBytes(contactsCsv(daytimeAreaCodes(Date.now(), undefined, "617")));
    const { allowedCountries } = await sam.query(api.contactLists.importSettings, {});
    const prepared = prepareImport(table, suggestMapping(table)!, { allowedCountries });
    const mutations: MutationClient = { mutation: (ref, args) => sam.mutation(ref, args) };
    const officeId = number.office._id;
    const listId = await new ListUploader(mutations).upload(prepared, { officeId, name: "UI 10k", tags: [] });
    const campaignId: Id<"campaigns"> = await sam.mutation(api.campaigns.create, {
      ...{ officeId, timeZone: "America/New_York", title: "UI benchmark", listId, numberId: number._id },
      message: "Hi {firstName}, reply with any question about the open house.",
    });
    log("list imported; launching");
    await sam.mutation(api.campaigns.launch, { campaignId });
    const total = async () => {
      const c = await sam.query(api.conversations.sectionCounts, { campaignId });
      return c.needsAttention + c.agent + c.va;
    };
    await until(async () => (await total()) >= prepared.accepted.length, 5 * 60_000);
    log(`${await total()} conversations; waiting for the campaign's texts to finish`);
    const operator = adminClient(stack.convexUrl, stack.backend?.adminKey as string);
    const quiet = await until(async () => !(await anyUnfinishedSends(operator, number._id)), 5 * 60_000);

    log(`sends finished: ${quiet}; opening the agent's screen`);
    // The agent's screen: Riley on the campaign's Activity tab. Count the JavaScript it loads.
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${stack.appUrl}/signin`);
    await page.getByTestId("signin-email").fill("riley@parley.test");
    await page.getByTestId("signin-password").fill(password("riley@parley.test"));
    await page.getByTestId("signin-submit").click();
    await page.getByTestId("app-shell").waitFor();
    const scripts = new Map<string, Buffer>();
    page.on("response", async (response) => {
      const url = response.url();
      if (response.request().resourceType() === "script" || url.endsWith(".js"))
        scripts.set(url, await response.body().catch(() => Buffer.alloc(0)));
    });
    await page.goto(`${stack.appUrl}/campaigns/${campaignId}/activity`, { waitUntil: "networkidle" });
    await page.getByTestId("section-agent").getByTestId("conversation-row").first().waitFor();
    const jsGzipBytes = [...scripts.values()].reduce((sum, body) => sum + gzipSync(body).length, 0);
    const renderedRows = await page.getByTestId("conversation-row").count();

    // Inbound → row on the agent's screen, one text at a time. The page notes when each row shows.
    await page.evaluate(() => {
      const seen: Record<string, number> = {};
      (window as unknown as { __seen: Record<string, number> }).__seen = seen;
      new MutationObserver(() => {
        for (const row of document.querySelectorAll(
          '[data-testid="section-needsAttention"] [data-testid="conversation-row"]',
        )) {
          const match = /bench-(\d+)/.exec(row.textContent ?? "");
          if (match && !(match[1] in seen)) seen[match[1]] = Date.now();
        }
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
    });
    log(`${renderedRows} rows rendered; measuring`);
    const phones = prepared.accepted.map((entry) => entry.phone);
    const latencies: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const from = phones[Math.floor((i * 9973) % phones.length)];
      const sentAt = Date.now();
      await post("/sim/inbound", { from, to: NUMBER, body: `Question bench-${i}: when is it?` });
      await page.waitForFunction(
        (n) => n in (window as unknown as { __seen: Record<string, number> }).__seen,
        String(i),
        {
          timeout: 30_000,
          polling: 20,
        },
      );
      const shownAt = await page.evaluate(
        (n) => (window as unknown as { __seen: Record<string, number> }).__seen[n],
        String(i),
      );
      latencies.push(shownAt - sentAt);
    }
    latencies.sort((a, b) => a - b);
    const p50 = percentile(latencies, 50);
    const p95 = percentile(latencies, 95);
    const jsGzipKb = Math.round(jsGzipBytes / 102.4) / 10;
    return {
      conversations: await total(),
      sends_finished_before_measuring: quiet,
      samples: latencies.length,
      inbound_to_row_p50_ms: p50,
      inbound_to_row_p95_ms: p95,
      inbound_to_row_max_ms: latencies[latencies.length - 1],
      campaign_view_js_files: scripts.size,
      campaign_view_js_gzip_kb: jsGzipKb,
      rows_rendered_of_10000: renderedRows,
      targets: TARGETS,
      pass: p95 <= TARGETS.p95Ms && jsGzipKb <= TARGETS.jsGzipKb,
    };
  } finally {
    await browser.close();
    await stack.stop();
  }
}
