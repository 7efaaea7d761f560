/**
 * Parley's public API as a signed-in person uses it, and the Twilio simulator's control API, for
 * scripts that set up data from outside the app: the demo content of `npm start`
 * (`demo-content.ts`) and the browser tests' fixtures (`tests/e2e/`). Everything goes through
 * Convex Auth and the same public functions the UI calls, so permissions apply as they would to
 * that person.
 */
import { ConvexHttpClient } from "convex/browser";
import { api } from "../convex/_generated/api.js";
import type { Id } from "../convex/_generated/dataModel.js";
import { AREA_CODE_ZONES } from "../convex/model/shared/areaCodes.ts";
import { normalizePhone } from "../convex/model/shared/contactPhone.ts";

export type ListContact = { firstName: string; lastName: string; phone: string; fields: Record<string, string> };

/** A Convex HTTP client signed in as `email` (Convex Auth's Password sign-in). */
export async function signInAs(convexUrl: string, email: string, password: string): Promise<ConvexHttpClient> {
  const client = new ConvexHttpClient(convexUrl);
  const { tokens } = (await client.action(api.auth.signIn, {
    provider: "password",
    params: { email, password, flow: "signIn" },
  })) as { tokens?: { token: string } | null };
  if (!tokens) throw new Error(`Could not sign in as ${email}`);
  client.setAuth(tokens.token);
  return client;
}

/** The id of one of the signed-in person's offices, by name. */
export async function officeIdOf(client: ConvexHttpClient, name: string): Promise<Id<"offices">> {
  const office = (await client.query(api.viewer.get, {}))?.offices.find((o) => o.name === name);
  if (!office) throw new Error(`The signed-in person is not in ${name}`);
  return office._id;
}

/** A contact list uploaded in one batch, as the CSV import does for a small file. */
export async function makeList(
  client: ConvexHttpClient,
  officeId: Id<"offices">,
  name: string,
  columns: string[],
  contacts: ListContact[],
): Promise<Id<"contactLists">> {
  const listId = await client.mutation(api.contactLists.create, { officeId, name, tags: [], columns });
  for (let start = 0; start < contacts.length; start += 500) {
    const entries = contacts.slice(start, start + 500).map((c, i) => ({ row: start + i + 2, ...c }));
    await client.mutation(api.contactLists.appendBatch, { listId, batchIndex: start / 500, entries });
  }
  await client.mutation(api.contactLists.finish, { listId });
  return listId;
}

/** Numbers for sale at the simulator in these area codes, in order. */
export async function availableNumbers(
  client: ConvexHttpClient,
  kind: "singleUse" | "reusable",
  areaCodes: readonly string[],
): Promise<string[]> {
  const found: string[] = [];
  for (const areaCode of areaCodes) {
    const numbers = await client.action(api.numbers.searchAvailable, { areaCode, kind });
    found.push(...numbers.map((n) => n.phoneNumber));
    if (found.length >= 20) break;
  }
  return found;
}

/** Buys a single-use number for the campaign (the next candidate when another buyer got one first). */
export async function provisionSingleUse(
  client: ConvexHttpClient,
  campaignId: Id<"campaigns">,
  candidates: readonly string[],
): Promise<{ numberId: Id<"phoneNumbers">; phoneNumber: string }> {
  for (const phoneNumber of candidates) {
    try {
      const numberId = await client.action(api.numbers.provisionSingleUse, { campaignId, phoneNumber });
      return { numberId, phoneNumber };
    } catch {
      // Taken meanwhile: try the next.
    }
  }
  throw new Error("No single-use number could be provisioned at the simulator");
}

/** POSTs JSON to the Twilio simulator's control API (`/sim/…`). */
export async function simPost(simulatorUrl: string, path: string, body: unknown): Promise<unknown> {
  const response = await fetch(`${simulatorUrl}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`The simulator refused ${path}: ${await response.text()}`);
  return await response.json();
}

/** A contact texts a Parley number through the simulator (the real inbound webhook path). */
export async function textFromContact(simulatorUrl: string, from: string, to: string, body: string): Promise<void> {
  await simPost(simulatorUrl, "/sim/inbound", { from, to, body });
}

/** A client with the deployment's admin key: it may call internal functions (seeding, the benches' probes). */
export function adminClient(url: string, key: string): ConvexHttpClient {
  const client = new ConvexHttpClient(url);
  (client as unknown as { setAdminAuth(k: string): void }).setAdminAuth(key);
  return client;
}

/** Polls `check` every 100 ms until it returns something other than null; throws naming `what` after `timeoutMs`. */
export async function pollUntil<T>(what: string, check: () => Promise<T | null>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Area codes where it is 9:00–19:00 now, so quiet hours (8:00–21:00 in the recipient's zone by
 * default) hold none of a campaign's texts. `preferred` (when given) keeps its order; otherwise
 * every US and Canadian area code of `areaCodes.ts` is a candidate. When it is night everywhere,
 * `[fallback]` if given (the texts then wait for 8:00).
 */
export function daytimeAreaCodes(now = Date.now(), preferred?: readonly string[], fallback?: string): string[] {
  const candidates = preferred ?? [...AREA_CODE_ZONES.keys()];
  const codes = candidates.filter((code) => {
    const zone = AREA_CODE_ZONES.get(code);
    if (zone === undefined || !normalizePhone(`+1${code}2345678`).ok) return false;
    const hour = Number(
      new Intl.DateTimeFormat("en-US", { timeZone: zone, hour: "numeric", hourCycle: "h23" }).format(now),
    );
    return hour >= 9 && hour < 19;
  });
  return codes.length === 0 && fallback !== undefined ? [fallback] : codes;
}

/**
 * Turns the organization's quiet hours off (start = end) and returns what they were, to put back
 * with `api.admin.setQuietHours`; null when the organization isn't set up.
 */
export async function pauseQuietHours(admin: ConvexHttpClient) {
  const settings = await admin.query(api.admin.organization, {});
  if (settings === null) return null;
  await admin.mutation(api.admin.setQuietHours, { start: "00:00", end: "00:00" });
  return settings.quietHours;
}

/**
 * At an hour when it is night in every area code, pauses the organization's quiet hours (benches
 * measure sending, not the wait until 8:00). Returns whether it did.
 */
export async function pauseQuietHoursAtNight(admin: ConvexHttpClient, now = Date.now()): Promise<boolean> {
  if (daytimeAreaCodes(now).length > 0) return false;
  return (await pauseQuietHours(admin)) !== null;
}
