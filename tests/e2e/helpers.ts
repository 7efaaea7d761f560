/**
 * Shared steps for the browser tests.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, type BrowserContext, type Page } from "@playwright/test";
import type { ConvexHttpClient } from "convex/browser";
import { api } from "../../convex/_generated/api.js";
import type { Id } from "../../convex/_generated/dataModel.js";
import { signInAs, textFromContact as sendInbound } from "../../scripts/api-client.ts";

export const PASSWORD = () => process.env.PARLEY_E2E_PASSWORD as string;

export const DEMO = {
  admin: "admin@parley.test",
  sam: "sam@parley.test",
  riley: "riley@parley.test",
  lee: "lee@parley.test",
} as const;

export async function signIn(page: Page, email: string, password = PASSWORD()): Promise<void> {
  await page.goto("/signin");
  await page.getByTestId("signin-email").fill(email);
  await page.getByTestId("signin-password").fill(password);
  await page.getByTestId("signin-submit").click();
  await expect(page.getByTestId("app-shell")).toBeVisible();
}

/** No serious or critical accessibility violations on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
  ).toEqual([]);
}

// ---- The backend, as a signed-in person (for setting up what a test needs) ----

/** A Convex HTTP client signed in as a demo user (Convex Auth's Password sign-in). */
export async function backendAs(email: string, password = PASSWORD()): Promise<ConvexHttpClient> {
  return await signInAs(process.env.PARLEY_E2E_CONVEX_URL as string, email, password);
}

let phoneCounter = 0;
/** A phone number no other test uses (US, valid, area code 617). */
export function uniquePhone(): string {
  phoneCounter += 1;
  const n = (Date.now() % 100_000) * 10 + (process.pid % 10) * 1_000_000 + phoneCounter * 37;
  return `+1617${String(2_000_000 + (n % 7_000_000)).padStart(7, "2")}`;
}

export type TestContact = { firstName: string; lastName: string; phone: string };

/**
 * An active campaign of `office` with its own single-use number (provisioned at the Twilio
 * simulator), one conversation per contact once the fan-out has run.
 */
export async function activeCampaign(options: {
  as: string;
  office: string;
  contacts: TestContact[];
  operatedBy?: "agent" | "va";
  title?: string;
}): Promise<{ campaignId: Id<"campaigns">; number: string; conversationIds: Id<"conversations">[] }> {
  const client = await backendAs(options.as);
  const viewer = await client.query(api.viewer.get, {});
  const office = viewer?.offices.find((o) => o.name === options.office);
  if (!office) throw new Error(`${options.as} is not in ${options.office}`);
  const listId = await client.mutation(api.contactLists.create, {
    officeId: office._id,
    name: `E2E list ${Date.now()}`,
    tags: [],
    columns: [],
  });
  await client.mutation(api.contactLists.appendBatch, {
    listId,
    batchIndex: 0,
    entries: options.contacts.map((c, i) => ({ row: i + 2, ...c, fields: {} })),
  });
  await client.mutation(api.contactLists.finish, { listId });
  const campaignId = await client.mutation(api.campaigns.create, {
    officeId: office._id,
    timeZone: "America/New_York",
    title: options.title ?? `E2E campaign ${Date.now()}`,
    listId,
    message: "Hi {firstName}, this is a test. Reply with questions!",
    operatedBy: options.operatedBy ?? "agent",
  });
  const number = await provisionSingleUse(client, campaignId);
  await client.mutation(api.campaigns.launch, { campaignId });
  const conversationIds = await waitFor(async () => {
    const counts = await client.query(api.conversations.sectionCounts, { campaignId });
    if (counts.needsAttention + counts.agent + counts.va < options.contacts.length) return null;
    const ids: Id<"conversations">[] = [];
    for (const section of ["needsAttention", "agent", "va"] as const) {
      const page = await client.query(api.conversations.activity, {
        campaignId,
        section,
        paginationOpts: { numItems: 100, cursor: null },
      });
      ids.push(...page.page.map((r) => r._id));
    }
    return ids;
  });
  return { campaignId, number, conversationIds };
}

/** Buys a number at the simulator for the campaign, trying the next one if another test got it first. */
export async function provisionSingleUse(client: ConvexHttpClient, campaignId: Id<"campaigns">): Promise<string> {
  for (const areaCode of ["212", "303", "312", "404", "415", "512", "602", "614"]) {
    const found = await client.action(api.numbers.searchAvailable, { areaCode, kind: "singleUse" });
    for (const candidate of found.sort(() => Math.random() - 0.5)) {
      try {
        await client.action(api.numbers.provisionSingleUse, { campaignId, phoneNumber: candidate.phoneNumber });
        return candidate.phoneNumber;
      } catch {
        // Taken meanwhile by another test: try the next.
      }
    }
  }
  throw new Error("No number could be provisioned at the simulator");
}

/** Polls `check` (Playwright's expect.poll) until it returns something other than null. */
export async function waitFor<T>(check: () => Promise<T | null>, timeout = 30_000): Promise<T> {
  let value: T | null = null;
  await expect
    .poll(
      async () => {
        value = await check();
        return value !== null;
      },
      { timeout },
    )
    .toBe(true);
  return value as T;
}

/** A contact texts Parley through the Twilio simulator. */
export async function textFromContact(from: string, to: string, body: string): Promise<void> {
  await sendInbound(process.env.PARLEY_E2E_TWILIO_URL as string, from, to, body);
}

/**
 * A switch on the page's link to the backend. Chromium's offline emulation (`setOffline`) leaves
 * open WebSockets working, so it cannot make a screen miss a live update; this routes the Convex
 * sync socket through the test and, while held, keeps every frame in both directions until
 * `release()` delivers them in order — a dropped link that comes back. Install before the page
 * connects.
 */
export async function syncLink(context: BrowserContext): Promise<{ hold(): void; release(): void }> {
  type Frame = () => void;
  let held: Frame[] | null = null;
  const pass = (frame: Frame) => (held ? held.push(frame) : frame());
  await context.routeWebSocket(/\/api\/[^/]+\/sync$/, (page) => {
    const server = page.connectToServer();
    page.onMessage((message) => pass(() => server.send(message)));
    server.onMessage((message) => pass(() => page.send(message)));
  });
  return {
    hold: () => {
      held ??= [];
    },
    release: () => {
      const frames = held ?? [];
      held = null;
      for (const frame of frames) frame();
    },
  };
}
