/// <reference types="vite/client" />
/**
 * Not a test file: the helpers convex/*.test.ts share. It is named like a test so that nothing
 * deploys, loads or bundles it (the Convex CLI, the local backend and scripts/check-bundle.ts all
 * skip test files: it imports convex-test, which needs Node); vitest.config.ts leaves it out of runs.
 */
import { convexTest, type TestConvex } from "convex-test";
import { afterEach, beforeEach, vi } from "vitest";
import { exportJWK, exportPKCS8, generateKeyPair } from "jose";
import { internal } from "./_generated/api";
import type { Doc, Id } from "./_generated/dataModel";
import { insertConversation } from "./model/conversations/conversations";
import { enqueueOutbound } from "./model/sending/outbound";
import { TOLL_FREE_AREA_CODES } from "./model/shared/numberRules";
import { twilioMessagesOver, type MessagesSdk } from "./model/sending/twilioMessages";
import { twilioNumbersOver, type NumbersSdk } from "./model/numbers/twilioNumbers";
import schema from "./schema";
import type { CampaignStatus, Role } from "./validators";

/** Every function module, as convex-test wants them (files with two dots, like tests, left out). */
export const modules = import.meta.glob(["./**/*.*s", "!./**/*.*.*s"]);

export type T = TestConvex<typeof schema>;
/** `t` or `t.withIdentity(…)`: anything that calls functions. */
export type Caller = ReturnType<T["withIdentity"]>;

/** A fresh deployment with Convex's transaction limits enforced; `extra` adds test-only modules. */
export function newTest(extra: Record<string, () => Promise<unknown>> = {}): T {
  return convexTest({ schema, modules: { ...modules, ...extra }, transactionLimits: true });
}

export async function insertOffice(t: T, name: string): Promise<Id<"offices">> {
  return await t.run(async (ctx) => await ctx.db.insert("offices", { name, userCount: 0 }));
}

type UserFields = {
  name?: string;
  email?: string;
  role?: Role;
  officeIds?: Id<"offices">[];
  viewOtherOffices?: boolean;
  deactivated?: boolean;
};

let emails = 0;
/** A user row as an admin would have added it (defaults: Standard, no offices). */
export async function insertUser(t: T, fields: UserFields = {}): Promise<Id<"users">> {
  emails += 1;
  const user = {
    name: `User ${emails}`,
    email: `user${emails}@parley.test`,
    officeIds: [],
    viewOtherOffices: false,
    ...("role" in fields ? {} : { role: "standard" as const }),
    ...fields,
  };
  return await t.run(async (ctx) => await ctx.db.insert("users", user));
}

/** `t` signed in as the user, with a real Convex Auth session behind the token's subject. */
export async function signedInAs(t: T, userId: Id<"users">) {
  const sessionId = await t.run(
    async (ctx) => await ctx.db.insert("authSessions", { userId, expirationTime: Date.now() + 3_600_000 }),
  );
  return t.withIdentity({ subject: `${userId}|${sessionId}` });
}

/** What a call threw: the ConvexError's `data` (parsed), and the error itself; null when it did not throw. */
async function thrown(
  call: Promise<unknown>,
): Promise<{ data: { code?: unknown; message?: unknown } | undefined; error: Error } | null> {
  try {
    await call;
    return null;
  } catch (error) {
    const data = (error as { data?: unknown }).data;
    const parsed = typeof data === "string" ? (JSON.parse(data) as unknown) : data;
    return { data: parsed as { code?: unknown; message?: unknown } | undefined, error: error as Error };
  }
}

/** The `code` of the ConvexError a call threw, "OK" when it did not throw, or the plain error's message. */
export async function codeOf(call: Promise<unknown>): Promise<string> {
  const t = await thrown(call);
  if (t === null) return "OK";
  return typeof t.data?.code === "string" ? t.data.code : `plain error: ${t.error.message}`;
}

/** The message of the ConvexError a call threw (its `data.message`), or the plain error's message. */
/** The code a synchronous call throws with (`ConvexError` data), or "OK" when it returns. */
export function codeThrownBy(fn: () => unknown): string {
  try {
    fn();
    return "OK";
  } catch (error) {
    return (error as { data: { code: string } }).data.code;
  }
}

export async function messageOf(call: Promise<unknown>): Promise<string> {
  const t = await thrown(call);
  if (t === null) return "OK";
  return typeof t.data?.message === "string" ? t.data.message : t.error.message;
}

let keys: Promise<Record<string, string>> | null = null;
/** The environment Convex Auth needs to issue tokens, with a fresh RS256 key (made once per file). */
export async function authEnvironment(): Promise<Record<string, string>> {
  keys ??= (async () => {
    const pair = await generateKeyPair("RS256", { extractable: true });
    const privateKey = await exportPKCS8(pair.privateKey);
    const jwk = await exportJWK(pair.publicKey);
    return {
      JWT_PRIVATE_KEY: privateKey.trimEnd().replace(/\n/g, " "),
      JWKS: JSON.stringify({ keys: [{ use: "sig", ...jwk }] }),
      SITE_URL: "http://localhost:5173",
      CONVEX_SITE_URL: "https://parley-test.convex.site",
      AUTH_LOG_LEVEL: "ERROR",
    };
  })();
  return await keys;
}

/** What the twilio SDK throws for an HTTP error: its RestException's fields. */
export function twilioRestError(status: number, code?: number, message?: string): Error {
  return Object.assign(new Error(message ?? `[HTTP ${status}] Failed to execute request`), { status, code });
}

type FakeOwnedNumber = {
  sid: string;
  phoneNumber: string;
  friendlyName: string;
  smsUrl: string;
  statusCallback: string;
};

/**
 * An in-memory Twilio account shaped like the slice of the twilio SDK Parley uses (`NumbersSdk`):
 * numbers for sale, numbers owned, every call made, and failures queued per operation. Tests put
 * it behind the SDK boundary, so the real `twilioNumbersOver` (error sentences, retries) runs:
 *
 *   vi.mock("./twilio/sdk", async () => (await import("./setup.test")).fakeTwilioSdk());
 *   beforeEach(() => fakeTwilio.reset());
 */
export class FakeTwilioAccount {
  forSale = new Map<string, { locality: string; region: string }>();
  owned = new Map<string, FakeOwnedNumber>();
  /** "search 617", "create +16175550123", "remove PN…", in order. */
  calls: string[] = [];
  /** Errors the next calls of each operation throw, first in first out. */
  failures: Record<"list" | "create" | "remove", unknown[]> = { list: [], create: [], remove: [] };
  /** Runs inside `create` before it answers: lets a test change the database mid-provisioning. */
  duringCreate: (() => Promise<void>) | null = null;
  private nextSid = 1;

  reset(forSale: string[] = []): void {
    this.forSale = new Map(forSale.map((n) => [n, { locality: "Boston", region: "MA" }]));
    this.owned = new Map();
    this.calls = [];
    this.failures = { list: [], create: [], remove: [] };
    this.duringCreate = null;
  }

  private fail(operation: "list" | "create" | "remove"): void {
    const error = this.failures[operation].shift();
    if (error !== undefined) throw error;
  }

  sdk(): NumbersSdk {
    const list = (tollFree: boolean) => ({
      list: async ({ areaCode, limit }: { areaCode?: number; limit?: number }) => {
        this.calls.push(`search ${areaCode}`);
        this.fail("list");
        return [...this.forSale]
          .filter(
            ([n]) => n.slice(2, 5) === String(areaCode) && tollFree === TOLL_FREE_AREA_CODES.includes(n.slice(2, 5)),
          )
          .slice(0, limit)
          .map(([phoneNumber, place]) => ({ phoneNumber, friendlyName: phoneNumber, ...place }));
      },
    });
    const remove = (sid: string) => async () => {
      this.calls.push(`remove ${sid}`);
      this.fail("remove");
      if (!this.owned.delete(sid)) throw twilioRestError(404, 20404, "The requested resource was not found");
      return true;
    };
    const create = async (params: Parameters<NumbersSdk["incomingPhoneNumbers"]["create"]>[0]) => {
      this.calls.push(`create ${params.phoneNumber}`);
      await this.duringCreate?.();
      this.fail("create");
      if (!this.forSale.delete(params.phoneNumber)) throw twilioRestError(400, 21422, "Phone number is not available");
      const sid = `PN${(this.nextSid++).toString(16).padStart(32, "0")}`;
      const { phoneNumber, friendlyName, smsUrl, statusCallback } = params;
      this.owned.set(sid, { sid, phoneNumber, friendlyName, smsUrl, statusCallback });
      return { sid, phoneNumber };
    };
    return {
      availablePhoneNumbers: () => ({ local: list(false), tollFree: list(true) }),
      incomingPhoneNumbers: Object.assign((sid: string) => ({ remove: remove(sid) }), { create }),
    };
  }
}

export const fakeTwilio = new FakeTwilioAccount();

type FakeMessage = { sid: string; to: string; from: string; body: string; status: string; dateCreated: Date };
/** What a fake `messages.create` does instead of answering: throw, or create the text and then lose the answer. */
export type CreateFailure = { error: unknown; afterCreate?: boolean };

/**
 * An in-memory Twilio Messages API (`MessagesSdk`): every create with the (fake) time it was
 * called, the texts Twilio holds, failures queued first in first out, and a hook that runs inside
 * create (latency, or a database change mid-send). The real `twilioMessagesOver` runs over it.
 */
export class FakeTwilioMessages {
  creates: (FakeMessage & { at: number; statusCallback: string })[] = [];
  held: FakeMessage[] = [];
  failures: CreateFailure[] = [];
  listFailures: unknown[] = [];
  duringCreate: ((params: { to: string; body: string }) => Promise<void>) | null = null;
  private nextSid = 1;

  reset(): void {
    this.creates = [];
    this.held = [];
    this.failures = [];
    this.listFailures = [];
    this.duringCreate = null;
  }

  /** Creates per phone number. */
  createsTo(to: string): number {
    return this.creates.filter((c) => c.to === to).length;
  }

  sdk(): MessagesSdk {
    const create = async (params: { to: string; from: string; body: string; statusCallback: string }) => {
      const at = Date.now();
      await this.duringCreate?.(params);
      const failure = this.failures.shift();
      if (failure !== undefined && failure.afterCreate !== true) throw failure.error;
      const message = { sid: `SM${(this.nextSid++).toString(16).padStart(32, "0")}`, status: "queued", ...params };
      const held = { ...message, dateCreated: new Date(at) };
      this.held.unshift(held);
      this.creates.push({ ...held, at, statusCallback: params.statusCallback });
      if (failure !== undefined) throw failure.error;
      return { sid: message.sid, status: message.status };
    };
    const list = async ({ to, from, limit }: { to: string; from: string; limit: number }) => {
      const failure = this.listFailures.shift();
      if (failure !== undefined) throw failure;
      return this.held.filter((m) => m.to === to && m.from === from).slice(0, limit);
    };
    return { messages: { create, list } };
  }
}

export const fakeMessages = new FakeTwilioMessages();

/** What axios throws when a connection drops after the request went out. */
export function networkError(code = "ECONNRESET"): Error {
  return Object.assign(new Error(code === "ECONNABORTED" ? "timeout of 30000ms exceeded" : `socket hang up`), { code });
}

/** The SDK boundary (`twilio/sdk.ts`) over `fakeTwilio`, retrying without waiting. For `vi.mock`. */
export function fakeTwilioSdk() {
  return {
    twilioClient: () => {
      throw new Error("Tests reach Twilio through fakeTwilio (numbersApi), not a real client.");
    },
    numbersApi: () => twilioNumbersOver(fakeTwilio.sdk(), { delaysMs: [0, 0, 0], sleep: async () => {} }),
    messagesApi: () => twilioMessagesOver(fakeMessages.sdk()),
  };
}

/** A contact list as an import leaves it (defaults: ready, 100 contacts, no custom columns). */
export async function insertContactList(
  t: T,
  officeId: Id<"offices">,
  createdBy: Id<"users">,
  fields: Partial<Omit<Doc<"contactLists">, "_id" | "_creationTime">> = {},
): Promise<Id<"contactLists">> {
  const list = {
    ...{ officeId, name: "Fall applicants", tags: [], columns: [], status: "ready" as const, contactCount: 100 },
    ...{ duplicateCount: 0, rejectedCount: 0, importedBatches: 1, lockedByLaunch: false, createdBy, updatedAt: 1 },
    ...fields,
  };
  return await t.run(async (ctx) => await ctx.db.insert("contactLists", list));
}

let numbers = 0;
/** A provisioned phone number (defaults: an active reusable long code). */
export async function insertPhoneNumber(
  t: T,
  officeId: Id<"offices">,
  fields: Partial<Omit<Doc<"phoneNumbers">, "_id" | "_creationTime">> = {},
): Promise<Id<"phoneNumbers">> {
  numbers += 1;
  const number = {
    ...{
      officeId,
      e164: `+1617555${String(1000 + numbers).slice(-4)}`,
      kind: "reusable" as const,
      name: `Line ${numbers}`,
    },
    ...{
      description: "",
      messagesPerSecond: 1,
      twilioSid: `PN${numbers}`,
      status: "active" as const,
      provisionedAt: 1,
    },
    ...fields,
  };
  return await t.run(async (ctx) => await ctx.db.insert("phoneNumbers", number));
}

/**
 * Two offices for campaign tests: Admissions (a ready list with a "Program" column, 120 contacts,
 * and a reusable number) and Advising. Sam is Standard in Admissions, Riley Standard in both, Lee
 * Limited in Admissions, Avery Standard in Advising only.
 */
export async function campaignWorld(t: T) {
  const admissions = await insertOffice(t, "Admissions");
  const advising = await insertOffice(t, "Advising");
  const samId = await insertUser(t, { name: "Sam Rivera", role: "standard", officeIds: [admissions] });
  const rileyId = await insertUser(t, { name: "Riley Chen", role: "standard", officeIds: [admissions, advising] });
  const leeId = await insertUser(t, { name: "Lee Park", role: "limited", officeIds: [admissions] });
  const averyId = await insertUser(t, { name: "Avery Stone", role: "standard", officeIds: [advising] });
  const listId = await insertContactList(t, admissions, samId, { columns: ["Program"], contactCount: 120 });
  const numberId = await insertPhoneNumber(t, admissions);
  return {
    ...{ admissions, advising, samId, rileyId, leeId, averyId, listId, numberId },
    sam: await signedInAs(t, samId),
    riley: await signedInAs(t, rileyId),
    lee: await signedInAs(t, leeId),
    avery: await signedInAs(t, averyId),
    /** Everything a campaign of Admissions needs to be ready to launch. */
    ready: {
      officeId: admissions,
      timeZone: "America/New_York",
      title: "Fall open house",
      listId,
      numberId,
      message: "Hi {firstName}, your {Program} open house is Friday at 5pm.",
    },
  };
}

/**
 * Messaging tests (conversations, inbound, inboxes, ending): `campaignWorld` plus Alex (Admin of
 * Admissions), the organization's help text, two contacts on the list (Ada, Ben), the reusable
 * number's unsolicited settings (agents; Riley's personal inbox) and an *active* campaign on it
 * (inboxes: Sam's personal inbox and the Admissions office inbox) with one conversation per
 * contact, as the fan-out leaves them — inserted directly, so no sender or fan-out job runs.
 * `singleUse`: the campaign sends from a single-use number of its own (`campaignNumberId`) instead.
 */
export async function messagingWorld(
  t: T,
  campaign: Partial<Doc<"campaigns">> = {},
  options: { singleUse?: boolean } = {},
) {
  const w = await campaignWorld(t);
  const campaignNumberId = options.singleUse
    ? await insertPhoneNumber(t, w.admissions, { kind: "singleUse" })
    : w.numberId;
  const alexId = await insertUser(t, { name: "Alex Admin", role: "admin", officeIds: [w.admissions] });
  const ada = { phone: "+16175550101", firstName: "Ada", lastName: "Lovelace" };
  const ben = { phone: "+16175550102", firstName: "Ben", lastName: "Franklin" };
  const ids = await t.run(async (ctx) => {
    await ctx.db.insert("organization", { name: "Parley U", helpText: "Parley U Admissions. Reply STOP to opt out." });
    const contactIds = [];
    for (const [row, person] of [ada, ben].entries()) {
      const contactId = await ctx.db.insert("contacts", { phone: person.phone, optedOut: false });
      await ctx.db.insert("listEntries", {
        ...{ listId: w.listId, contactId, ...person, fields: { Program: "Nursing" }, row: row + 2 },
        searchText: `${person.firstName} ${person.lastName} ${person.phone}`,
      });
      contactIds.push(contactId);
    }
    const unsolicited = { handledBy: "agent" as const, inboxes: { userIds: [w.rileyId], officeIds: [] } };
    await ctx.db.patch("phoneNumbers", w.numberId, { unsolicited });
    const campaignId = await ctx.db.insert("campaigns", {
      ...{ officeId: w.admissions, title: "Fall open house", tags: [], listId: w.listId, message: "Hi {firstName}" },
      ...{ operatedBy: "agent" as const, vaFallback: "escalate" as const, vaSetReply: "", numberId: campaignNumberId },
      ...{ inboxes: { userIds: [w.samId], officeIds: [w.admissions] }, autoArchiveDays: 7, status: "active" as const },
      ...{ timeZone: "UTC", launchedAt: Date.now(), createdBy: w.samId, updatedAt: Date.now(), ...campaign },
    });
    await ctx.db.patch("phoneNumbers", campaignNumberId, {
      activeCampaignId: campaignId,
      ...(options.singleUse ? { campaignId } : {}),
    });
    const c = (await ctx.db.get("campaigns", campaignId)) as Doc<"campaigns">;
    const conversationIds = [];
    for (const [i, person] of [ada, ben].entries())
      conversationIds.push(
        await insertConversation(ctx, {
          ...{ officeId: w.admissions, numberId: campaignNumberId, contactId: contactIds[i], campaignId, ...person },
          ...{ operatedBy: c.operatedBy, inboxes: c.inboxes, now: Date.now() },
        }),
      );
    return {
      campaignId,
      adaId: contactIds[0],
      benId: contactIds[1],
      adaConv: conversationIds[0],
      benConv: conversationIds[1],
    };
  });
  return { ...w, ...ids, campaignNumberId, alexId, alex: await signedInAs(t, alexId), ada, ben };
}

/**
 * For sending tests: an office with an agent, a number sending `rate` segments per second, and
 * `contacts` contacts, each with a standing conversation on the number (phones +1617555 2000…,
 * Eastern time; `phones` overrides them).
 */
export async function sendingWorld(t: T, options: { rate?: number; contacts?: number; phones?: string[] } = {}) {
  const officeId = await insertOffice(t, "Admissions");
  const agentId = await insertUser(t, { name: "Sam Rivera", role: "standard", officeIds: [officeId] });
  const numberId = await insertPhoneNumber(t, officeId, { messagesPerSecond: options.rate ?? 1 });
  const phones =
    options.phones ?? Array.from({ length: options.contacts ?? 1 }, (_, i) => `+1617555${String(2000 + i)}`);
  const contacts = await t.run(async (ctx) => {
    const rows = [];
    for (const phone of phones) {
      const contactId = await ctx.db.insert("contacts", { phone, optedOut: false });
      const conversationId = await insertConversation(ctx, {
        ...{ officeId, numberId, contactId, phone, firstName: "Casey", lastName: phone.slice(-4) },
        ...{ operatedBy: "agent", inboxes: { userIds: [agentId], officeIds: [] }, now: Date.now() },
      });
      rows.push({ contactId, conversationId, phone });
    }
    return rows;
  });
  return { officeId, agentId, numberId, contacts };
}

const realSetTimeout = globalThis.setTimeout;

/**
 * Runs scheduled work on fake timers the way real time would: in 5 ms steps while a function is
 * running (a sender tick sleeps until its groups' instants), jumping straight to the next job
 * when nothing runs. Stops when no job is left, once `until` holds, or at `deadline` (ms since
 * epoch, fake). Unlike `finishAllScheduledFunctions(vi.runAllTimers)`, time never leaps past work
 * still in flight.
 */
export async function runScheduled(
  t: T,
  options: { until?: () => Promise<boolean>; deadline?: number; maxSteps?: number } = {},
): Promise<void> {
  const { until, deadline = Infinity, maxSteps = 200_000 } = options;
  for (let i = 0; i < maxSteps; i++) {
    // convex-test hands work between functions on real event-loop turns: give it one.
    await new Promise((resolve) => realSetTimeout(resolve, 0));
    if (Date.now() >= deadline || (until !== undefined && (await until()))) return;
    const jobs = await t.run(async (ctx) => await ctx.db.system.query("_scheduled_functions").collect());
    const live = jobs.filter((j) => j.state.kind === "pending" || j.state.kind === "inProgress");
    if (live.length === 0) return;
    const pending = live.filter((j) => j.state.kind === "pending").map((j) => j.scheduledTime);
    const running = live.length > pending.length;
    const step = running ? 5 : Math.max(1, Math.min(...pending) - Date.now());
    await vi.advanceTimersByTimeAsync(Math.min(step, deadline - Date.now()));
  }
  throw new Error(`runScheduled: work still scheduled after ${maxSteps} steps`);
}

/** A campaign row written directly (a draft of a "Fall welcome" text unless `fields` say otherwise). */
export async function insertCampaign(
  t: T,
  fields: {
    officeId: Id<"offices">;
    createdBy: Id<"users">;
    status?: CampaignStatus;
    title?: string;
    numberId?: Id<"phoneNumbers">;
  },
): Promise<Id<"campaigns">> {
  return await t.run(
    async (ctx) =>
      await ctx.db.insert("campaigns", {
        title: "Fall welcome",
        tags: [],
        message: "Hi {firstName}",
        operatedBy: "agent",
        vaFallback: "escalate",
        vaSetReply: "",
        inboxes: { userIds: [], officeIds: [fields.officeId] },
        autoArchiveDays: 7,
        status: "draft",
        timeZone: "America/New_York",
        updatedAt: Date.now(),
        ...fields,
      }),
  );
}

export type CampaignTest = Awaited<ReturnType<typeof campaignWorld>> & { t: T };

/** A fresh deployment holding `campaignWorld`. */
export async function campaignTest(): Promise<CampaignTest> {
  const t = newTest();
  return { t, ...(await campaignWorld(t)) };
}

/** The campaign as stored now. */
export const campaignDoc = (w: { t: T }, id: Id<"campaigns">) =>
  w.t.run(async (ctx) => (await ctx.db.get("campaigns", id)) as Doc<"campaigns">);

/** The conversation as stored now. */
export const conversationDoc = (w: { t: T }, id: Id<"conversations">) =>
  w.t.run(async (ctx) => (await ctx.db.get("conversations", id)) as Doc<"conversations">);

/** A conversation's messages as stored now, oldest first. */
export const messagesOf = (w: { t: T }, id: Id<"conversations">) =>
  w.t.run(
    async (ctx) =>
      await ctx.db
        .query("messages")
        .withIndex("by_conversationId", (q) => q.eq("conversationId", id))
        .collect(),
  );

/** Fake timers for every test of the file, from `now` (the real clock's reading when not given). */
export function useFakeClock(now?: number): void {
  beforeEach(() => {
    vi.useFakeTimers(now === undefined ? undefined : { now });
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}

export type MessagingTest = Awaited<ReturnType<typeof messagingWorld>> & { t: T; e164: string };

/** A fresh deployment holding `messagingWorld`, and the E.164 of its campaign's number (texts go to it). */
export async function messagingTest(
  campaign: Partial<Doc<"campaigns">> = {},
  options: { singleUse?: boolean } = {},
): Promise<MessagingTest> {
  const t = newTest();
  const w = await messagingWorld(t, campaign, options);
  const number = await t.run(async (ctx) => await ctx.db.get("phoneNumbers", w.campaignNumberId));
  return { t, ...w, e164: number!.e164 };
}

let sids = 0;
/** Delivers one text as Twilio's webhook would (after the signature check); returns the outcome. */
export async function receiveText(
  w: { t: T; e164: string },
  from: string,
  body: string,
  extra: Record<string, string> = {},
  to = w.e164,
): Promise<string> {
  sids += 1;
  const MessageSid = `SM${String(sids).padStart(32, "0")}`;
  return await w.t.mutation(internal.twilio.inbound.receive, {
    params: { MessageSid, From: from, To: to, Body: body, ...extra },
  });
}

/** Queues a text in the conversation through the outbound queue's front door, now. */
export async function queueText(
  w: { t: T },
  conversationId: Id<"conversations">,
  author: "campaign" | "agent",
  body: string,
): Promise<Id<"messages">> {
  return await w.t.run(async (ctx) => {
    const conversation = (await ctx.db.get("conversations", conversationId))!;
    return await enqueueOutbound(ctx, { conversation, body, author }, Date.now());
  });
}
