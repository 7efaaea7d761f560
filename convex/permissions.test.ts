/// <reference types="vite/client" />
/**
 * Every public function of every module under convex/ — discovered, not listed — is called
 * (a) anonymously and (b) as a Limited user of office A only, with arguments built from its own
 * validator that point at office B's data. (a) must throw UNAUTHENTICATED or return nothing
 * (null, [], an empty page) and write nothing; (b) must throw FORBIDDEN / NOT_FOUND /
 * UNAUTHENTICATED or return a result in which no id of office B's documents appears, and must
 * leave office B's documents as they were. A new module whose function forgets its check fails
 * here by itself. When a new table appears, add an office-B row of it to `seedFixture`, with
 * `B_ONLY` in its text fields so that leaking its content (not only its id) is caught too.
 */
import { makeFunctionReference } from "convex/server";
import { convexToJson, jsonToConvex, v, type JSONValue, type Value } from "convex/values";
import { beforeEach, describe, expect, test, vi } from "vitest";
import type { Id } from "./_generated/dataModel";
import { mutation, query } from "./_generated/server";
import { viewerMutation, viewerQuery } from "./functions";
import { requireOfficeRead } from "./model/organization/auth";
import schema from "./schema";
import { codeOf, insertOffice, insertUser, newTest, signedInAs, type Caller, type T } from "./setup.test";

/** Functions meant for anonymous callers. They are still checked for leaks and for writes to office B. */
const ANONYMOUS_ALLOWED = new Set(["auth:signIn", "auth:signOut", "auth:store", "auth:isAuthenticated", "viewer:get"]);
const DENIALS = new Set(["FORBIDDEN", "NOT_FOUND", "UNAUTHENTICATED"]);

const loaded: Record<string, Record<string, unknown>> = import.meta.glob(
  ["./**/*.{ts,js}", "!./**/*.*.*", "!./_generated/**"],
  { eager: true },
);

type Kind = "query" | "mutation" | "action";
type Validator = {
  type: string;
  value?: unknown;
  tableName?: string;
  keys?: Validator;
  values?: { fieldType: Validator };
};
type PublicFunction = { name: string; kind: Kind; args: Validator };
type Registered = {
  isQuery?: boolean;
  isMutation?: boolean;
  isAction?: boolean;
  isPublic?: boolean;
  exportArgs: () => string;
};

/** Every public query, mutation and action exported by these modules ("./dir/file.ts" keys). */
function discover(modules: Record<string, Record<string, unknown>>): PublicFunction[] {
  const found: PublicFunction[] = [];
  for (const [file, exports] of Object.entries(modules)) {
    const modulePath = file.replace(/^\.\//, "").replace(/\.[jt]s$/, "");
    for (const [exportName, value] of Object.entries(exports)) {
      const fn = value as Registered | null;
      if (typeof fn !== "function" && typeof fn !== "object") continue;
      if (fn === null || !fn.isPublic || typeof fn.exportArgs !== "function") continue;
      const kind: Kind | null = fn.isQuery ? "query" : fn.isMutation ? "mutation" : fn.isAction ? "action" : null;
      if (kind)
        found.push({ name: `${modulePath}:${exportName}`, kind, args: JSON.parse(fn.exportArgs()) as Validator });
    }
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

/** Marks office B's text in the fixture: no result for a user of office A may contain it. */
const B_ONLY = "b-only";

type Fixture = { t: T; limitedA: Caller; officeA: Id<"offices">; officeB: Id<"offices"> };

/** Offices A and B; a Limited user of A only; office B's people and their Convex Auth rows. */
async function seedFixture(extra: Record<string, () => Promise<unknown>>): Promise<Fixture> {
  const t = newTest(extra);
  const officeA = await insertOffice(t, "Office A");
  const officeB = await insertOffice(t, `Office B (${B_ONLY})`);
  const limitedAId = await insertUser(t, { role: "limited", officeIds: [officeA], email: "limited-a@parley.test" });
  const staffB = await insertUser(t, {
    role: "standard",
    officeIds: [officeB],
    name: `Staff ${B_ONLY}`,
    email: `staff@${B_ONLY}.test`,
  });
  await insertUser(t, { role: "admin", officeIds: [officeB], name: `Admin ${B_ONLY}`, email: `admin@${B_ONLY}.test` });
  await t.run(async (ctx) => {
    await ctx.db.insert("organization", { name: "Probe University", helpText: "Help." });
    await ctx.db.insert("authAccounts", {
      userId: staffB,
      provider: "password",
      providerAccountId: `staff@${B_ONLY}.test`,
    });
    const sessionId = await ctx.db.insert("authSessions", { userId: staffB, expirationTime: Date.now() + 60_000 });
    await ctx.db.insert("authRefreshTokens", { sessionId, expirationTime: Date.now() + 60_000 });
  });
  await seedListsOfB(t, officeB, staffB);
  await seedNumbersOfB(t, officeB, staffB);
  await seedCampaignsOfB(t, officeB, staffB);
  await seedConversationsOfB(t, officeB, staffB);
  await seedSendingOfB(t, officeB);
  await seedKnowledgeOfB(t, officeB, staffB);
  await seedPresenceOfB(t, officeB, staffB);
  return { t, limitedA: await signedInAs(t, limitedAId), officeA, officeB };
}

/** Office B's knowledge-base entry: its question is what the probe's "probe" message and search find. */
async function seedKnowledgeOfB(t: T, officeId: Id<"offices">, staffB: Id<"users">): Promise<void> {
  await t.run(async (ctx) => {
    await ctx.db.insert("knowledgeEntries", {
      ...{ officeId, question: `Probe question ${B_ONLY}?`, answer: `Answer ${B_ONLY}`, alternates: ["probe"] },
      ...{ keywords: ["probe", B_ONLY], externalId: B_ONLY, searchText: `probe ${B_ONLY}`, updatedAt: 1 },
      updatedBy: staffB,
    });
  });
}

/** A B user viewing and typing in office B's conversation. */
async function seedPresenceOfB(t: T, officeId: Id<"offices">, staffB: Id<"users">): Promise<void> {
  await t.run(async (ctx) => {
    const conversation = await ctx.db.query("conversations").first();
    if (conversation === null) throw new Error("seed B's conversation first");
    await ctx.db.insert("presence", {
      ...{ conversationId: conversation._id, campaignId: conversation.campaignId, officeId, userId: staffB },
      ...{ name: `Staff ${B_ONLY}`, viewingUntil: 1, typingUntil: 1, expiresAt: 1 },
    });
  });
}

/** Office B's contact list with one contact (the contact record itself belongs to no office) and one rejected row. */
async function seedListsOfB(t: T, officeId: Id<"offices">, staffB: Id<"users">): Promise<void> {
  await t.run(async (ctx) => {
    const listId = await ctx.db.insert("contactLists", {
      officeId,
      name: `List ${B_ONLY}`,
      tags: [`tag ${B_ONLY}`],
      columns: ["Program"],
      status: "ready",
      contactCount: 1,
      duplicateCount: 0,
      rejectedCount: 1,
      importedBatches: 1,
      lockedByLaunch: false,
      createdBy: staffB,
      updatedAt: 1,
    });
    const contactId = await ctx.db.insert("contacts", { phone: "+16175550142", optedOut: false });
    await ctx.db.insert("listEntries", {
      listId,
      contactId,
      phone: "+16175550142",
      firstName: `First ${B_ONLY}`,
      lastName: "Probe",
      fields: { Program: `Program ${B_ONLY}` },
      row: 2,
      searchText: `First ${B_ONLY} Probe +16175550142 probe`,
    });
    await ctx.db.insert("listRejections", { listId, row: 3, reason: `missing phone ${B_ONLY}` });
  });
}

/** Office B's reusable number, its unsolicited messages routed to a B user and office B. */
async function seedNumbersOfB(t: T, officeId: Id<"offices">, staffB: Id<"users">): Promise<void> {
  await t.run(async (ctx) => {
    await ctx.db.insert("phoneNumbers", {
      officeId,
      e164: "+16175550199",
      kind: "reusable",
      name: `Main line ${B_ONLY}`,
      description: `Number ${B_ONLY}`,
      messagesPerSecond: 1,
      twilioSid: `PN${"b".repeat(32)}`,
      status: "active",
      unsolicited: { handledBy: "agent", inboxes: { userIds: [staffB], officeIds: [officeId] } },
      provisionedAt: 1,
    });
  });
}

/**
 * Office B's campaigns: a tagged draft whose title the probe's search finds (every tab, the tag
 * filter, search), and one scheduled in January of year 1 UTC — the month the calendar is probed
 * with ("probe" is no zone, so it reads UTC). They use B's list and number seeded above.
 */
async function seedCampaignsOfB(t: T, officeId: Id<"offices">, staffB: Id<"users">): Promise<void> {
  await t.run(async (ctx) => {
    const list = await ctx.db
      .query("contactLists")
      .withIndex("by_officeId_and_updatedAt", (q) => q.eq("officeId", officeId))
      .first();
    const number = await ctx.db
      .query("phoneNumbers")
      .withIndex("by_officeId_and_kind_and_status", (q) => q.eq("officeId", officeId))
      .first();
    const [listId, numberId] = [list?._id, number?._id];
    const campaign = {
      officeId,
      title: `Probe campaign ${B_ONLY}`,
      tags: ["probe"],
      listId,
      numberId,
      message: `Hi ${B_ONLY}`,
      operatedBy: "agent" as const,
      vaFallback: "escalate" as const,
      vaSetReply: "",
      inboxes: { userIds: [staffB], officeIds: [officeId] },
      autoArchiveDays: 7,
      timeZone: "UTC",
      createdBy: staffB,
      updatedAt: 1,
    };
    const draftId = await ctx.db.insert("campaigns", { ...campaign, status: "draft" });
    await ctx.db.insert("campaignTags", { campaignId: draftId, officeId, status: "draft", tag: "probe", updatedAt: 1 });
    const scheduledAt = new Date("0001-01-15T12:00:00Z").getTime();
    await ctx.db.insert("campaigns", { ...campaign, tags: [], status: "scheduled", scheduledAt });
  });
}

/**
 * Office B's messaging: a conversation of its draft campaign with the contact, needing attention
 * (inbox rows, counts), tagged, with a message, a participant, and the webhook event it came from.
 */
async function seedConversationsOfB(t: T, officeId: Id<"offices">, staffB: Id<"users">): Promise<void> {
  await t.run(async (ctx) => {
    const campaign = await ctx.db
      .query("campaigns")
      .withIndex("by_officeId_and_status_and_updatedAt", (q) => q.eq("officeId", officeId).eq("status", "draft"))
      .first();
    const contact = await ctx.db.query("contacts").first();
    const number = await ctx.db
      .query("phoneNumbers")
      .withIndex("by_officeId_and_kind_and_status", (q) => q.eq("officeId", officeId))
      .first();
    if (campaign === null || contact === null || number === null) throw new Error("seed B's campaign first");
    const [numberId, contactId, campaignId] = [number._id, contact._id, campaign._id];
    const conversationId = await ctx.db.insert("conversations", {
      ...{ officeId, numberId, contactId, campaignId, phone: contact.phone, firstName: `First ${B_ONLY}` },
      ...{ lastName: "Probe", searchText: `First ${B_ONLY} Probe probe`, operatedBy: "agent", needsAttention: true },
      ...{ section: "needsAttention", tags: [`probe`], inboxes: { userIds: [staffB], officeIds: [officeId] } },
      ...{ closed: false, lastMessageAt: 1, lastMessagePreview: `Hi ${B_ONLY}`, lastDirection: "inbound" },
    });
    await ctx.db.insert("conversationTags", {
      conversationId,
      campaignId,
      tag: "probe",
      section: "needsAttention",
      lastMessageAt: 1,
    });
    await ctx.db.insert("conversationCounts", { campaignId, section: "needsAttention", count: 1 });
    const counts = { waiting: 0, queued: 0, succeeded: 1, failed: 0, canceled: 0, responded: 1, optedOut: 0 };
    const responses = { contactResponses: 1, agentResponses: 1, chatbotResponses: 0 };
    await ctx.db.insert("campaignStats", { campaignId, shard: 0, ...counts, ...responses });
    await ctx.db.insert("campaignActivity", { campaignId, unit: "hour", start: 0, count: 1 });
    await ctx.db.insert("recentAgentReplies", { campaignId, buckets: [{ start: 0, count: 1 }] });
    await ctx.db.insert("responseSamples", { campaignId, ms: 1000, seq: 0 });
    await ctx.db.insert("responseMedians", { campaignId, count: 1, lowMs: 1000, lowSeq: 0 });
    for (const inbox of [`user:${staffB}`, `office:${officeId}`])
      await ctx.db.insert("inboxItems", { conversationId, inbox, needsAttention: true, lastMessageAt: 1 });
    await ctx.db.insert("participants", { conversationId, userId: staffB, lastMessageAt: 1 });
    await ctx.db.insert("messages", {
      ...{ conversationId, campaignId, contactId, numberId, direction: "inbound", author: "contact" },
      ...{ body: `Hi ${B_ONLY}`, segments: 1, from: contact.phone, to: number.e164, status: "received", attempts: 0 },
    });
    await ctx.db.insert("webhookEvents", {
      ...{ kind: "inbound", messageSid: `SM${B_ONLY}`, params: { Body: `Hi ${B_ONLY}` }, receivedAt: 1 },
      outcome: "stored; needs attention",
    });
  });
}

/** Office B's outbound queue: a campaign text waiting in the outbox, and the number's sender. */
async function seedSendingOfB(t: T, officeId: Id<"offices">): Promise<void> {
  await t.run(async (ctx) => {
    const number = await ctx.db
      .query("phoneNumbers")
      .withIndex("by_officeId_and_kind_and_status", (q) => q.eq("officeId", officeId))
      .first();
    const conversation = await ctx.db.query("conversations").first();
    if (number === null || conversation === null) throw new Error("seed B's conversation first");
    const { _id: conversationId, campaignId, contactId, numberId } = conversation;
    const messageId = await ctx.db.insert("messages", {
      ...{ conversationId, campaignId, contactId, numberId, direction: "outbound", author: "campaign" },
      ...{ body: `Hello ${B_ONLY}`, segments: 1, from: number.e164, to: conversation.phone, status: "pending" },
      ...{ attempts: 0, dueAt: 1 },
    });
    await ctx.db.insert("outbox", { messageId, numberId, contactId, lane: 1, segments: 1, state: "queued", dueAt: 1 });
    await ctx.db.insert("senders", { numberId, window: [{ at: 1, segments: 1 }], token: 1 });
  });
}

type Row = Record<string, unknown> & { _id: string };
const TABLES = Object.keys(schema.tables);

/** Every document, and the table of each id. */
async function allRows(t: T): Promise<{ rows: Row[]; tableOf: Map<string, string> }> {
  const byTable = await t.run(async (ctx) => {
    const all: Record<string, Row[]> = {};
    for (const table of TABLES) all[table] = (await ctx.db.query(table as "users").collect()) as unknown as Row[];
    return all;
  });
  const tableOf = new Map(
    Object.entries(byTable).flatMap(([table, rows]) => rows.map((row) => [row._id, table] as const)),
  );
  return { rows: Object.values(byTable).flat(), tableOf };
}

/**
 * Office B's documents: office B; rows whose officeId is B or whose officeIds are B's alone; and,
 * transitively, rows of no office A that reference one of those (a B user's sessions, …).
 */
function ownedByB(rows: Row[], { officeA, officeB }: Fixture): Map<string, Row> {
  const refs = (row: Row) => Object.values(row).flatMap((value) => (Array.isArray(value) ? value : [value]));
  const ofA = (row: Row) =>
    row._id === officeA ||
    row.officeId === officeA ||
    (Array.isArray(row.officeIds) && row.officeIds.includes(officeA));
  const owned = new Map<string, Row>();
  for (const row of rows) {
    const onlyB = Array.isArray(row.officeIds) && row.officeIds.includes(officeB) && !ofA(row);
    if (row._id === officeB || row.officeId === officeB || onlyB) owned.set(row._id, row);
  }
  for (let grew = true; grew;) {
    grew = false;
    for (const row of rows) {
      if (owned.has(row._id) || ofA(row) || !refs(row).some((value) => owned.has(value as string))) continue;
      owned.set(row._id, row);
      grew = true;
    }
  }
  return owned;
}

/** A valid value for a validator; ids are office B's rows (or a row of no office). */
function valueFor(validator: Validator, idFor: (table: string) => string, optionals: boolean): Value | undefined {
  switch (validator.type) {
    case "string":
      return "probe";
    case "number":
      return 1;
    case "bigint":
      return 1n;
    case "boolean":
      return true;
    case "null":
      return null;
    case "any":
      return {};
    case "bytes":
      return new ArrayBuffer(8);
    case "literal":
      return jsonToConvex(validator.value as JSONValue);
    case "id":
      return idFor(validator.tableName as string);
    case "array":
      return [valueFor(validator.value as Validator, idFor, optionals) as Value];
    case "union":
      return valueFor((validator.value as Validator[])[0], idFor, optionals);
    case "record":
      return { probe: valueFor((validator.values as { fieldType: Validator }).fieldType, idFor, optionals) as Value };
    case "object": {
      const fields = validator.value as Record<string, { fieldType: Validator; optional: boolean }>;
      if ("numItems" in fields && "cursor" in fields) return { numItems: 10, cursor: null };
      const object: Record<string, Value> = {};
      for (const [name, { fieldType, optional }] of Object.entries(fields)) {
        if (optional && !optionals) continue;
        object[name] = valueFor(fieldType, idFor, optionals) as Value;
      }
      return object;
    }
    default:
      throw new Error(`permissions.test: no probe value for validator type "${validator.type}"`);
  }
}

function idPicker(rows: Row[], owned: Map<string, Row>, fixture: Fixture, tableOf: Map<string, string>) {
  return (table: string): string => {
    const ofTable = rows.filter((row) => tableOf.get(row._id) === table);
    const pick =
      ofTable.find((row) => owned.has(row._id)) ??
      ofTable.find((row) => row.officeId === undefined && row.officeIds === undefined && row._id !== fixture.officeA);
    if (!pick) throw new Error(`permissions.test: add a "${table}" row belonging to office B to seedFixture()`);
    return pick._id;
  };
}

const isEmpty = (result: unknown) =>
  result === null ||
  result === undefined ||
  (Array.isArray(result) && result.length === 0) ||
  (typeof result === "object" &&
    Array.isArray((result as { page?: unknown }).page) &&
    (result as { page: unknown[] }).page.length === 0);

const serialize = (rowsById: Map<string, Row>) =>
  JSON.stringify([...rowsById.entries()].sort(([a], [b]) => a.localeCompare(b)));

async function call(caller: Caller, fn: PublicFunction, args: Record<string, Value>) {
  let result: unknown;
  const outcome = await codeOf(
    (async () => {
      if (fn.kind === "query") result = await caller.query(makeFunctionReference<"query">(fn.name), args);
      else if (fn.kind === "mutation") result = await caller.mutation(makeFunctionReference<"mutation">(fn.name), args);
      else result = await caller.action(makeFunctionReference<"action">(fn.name), args);
    })(),
  );
  return { outcome, result };
}

/** Probes one function as one caller; returns what is wrong, or nothing. */
async function probe(
  fn: PublicFunction,
  who: "anonymous" | "limitedA",
  optionals: boolean,
  extra: Record<string, () => Promise<unknown>>,
) {
  const fixture = await seedFixture(extra);
  const { rows, tableOf } = await allRows(fixture.t);
  const owned = ownedByB(rows, fixture);
  const args = (valueFor(
    fn.args.type === "any" ? { type: "object", value: {} } : fn.args,
    idPicker(rows, owned, fixture, tableOf),
    optionals,
  ) ?? {}) as Record<string, Value>;
  const caller = who === "anonymous" ? fixture.t : fixture.limitedA;
  const { outcome, result } = await call(caller, fn, args);
  const label = `${fn.name} as ${who}${optionals ? " (optional args given)" : ""}`;
  const problems: string[] = [];
  const allowed = ANONYMOUS_ALLOWED.has(fn.name);
  const after = (await allRows(fixture.t)).rows;
  if (who === "anonymous" && !allowed) {
    if (outcome !== "OK" && outcome !== "UNAUTHENTICATED")
      problems.push(`${label}: threw ${outcome}, expected UNAUTHENTICATED`);
    if (outcome === "OK" && !isEmpty(result)) problems.push(`${label}: returned data to an anonymous caller`);
    if (JSON.stringify(after) !== JSON.stringify(rows))
      problems.push(`${label}: wrote to the database for an anonymous caller`);
  }
  if (who === "limitedA" && outcome !== "OK" && !DENIALS.has(outcome) && !allowed)
    problems.push(`${label}: threw ${outcome}, expected FORBIDDEN, NOT_FOUND or UNAUTHENTICATED`);
  const text = outcome === "OK" && result !== undefined ? JSON.stringify(convexToJson(result as Value)) : "";
  const leaked = [...owned.keys()].filter((id) => text.includes(JSON.stringify(id)));
  if (leaked.length > 0)
    problems.push(`${label}: returned office B's ${leaked.map((id) => tableOf.get(id)).join(", ")} ids`);
  if (text.toLowerCase().includes(B_ONLY)) problems.push(`${label}: returned office B's text`);
  if (serialize(ownedByB(after, fixture)) !== serialize(owned)) problems.push(`${label}: changed office B's documents`);
  return problems;
}

async function check(
  functions: PublicFunction[],
  extra: Record<string, () => Promise<unknown>> = {},
): Promise<string[]> {
  const problems: string[] = [];
  for (const fn of functions)
    for (const who of ["anonymous", "limitedA"] as const)
      for (const optionals of [false, true]) problems.push(...(await probe(fn, who, optionals, extra)));
  return problems;
}

beforeEach(() => {
  vi.stubEnv("AUTH_LOG_LEVEL", "ERROR");
  return () => vi.unstubAllEnvs();
});

describe("every public function checks who is calling", () => {
  const functions = discover(loaded);

  test("discovery finds the public API (and no internal function)", () => {
    const names = functions.map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(["viewer:get", "offices:list", "admin:addUser", "auth:signIn"]));
    expect(names).not.toContain("seed:demo");
    expect(names).not.toContain("viewer:current");
  });

  test("anonymous callers and a Limited user of office A get nothing of office B", async () => {
    expect(await check(functions)).toEqual([]);
  }, 300_000);

  test("the check catches functions that forget theirs", async () => {
    const broken = {
      leakyList: query({ args: {}, handler: async (ctx) => await ctx.db.query("offices").take(10) }),
      anonymousWrite: mutation({
        args: { name: v.string() },
        handler: async (ctx, { name }) => {
          await ctx.db.insert("organization", { name, helpText: "" });
          return null;
        },
      }),
      unscopedGet: viewerQuery({
        args: { officeId: v.id("offices") },
        handler: async (ctx, { officeId }) => await ctx.db.get("offices", officeId),
      }),
      unscopedRename: viewerMutation({
        args: { officeId: v.id("offices"), name: v.optional(v.string()) },
        handler: async (ctx, { officeId, name }) => {
          await ctx.db.patch("offices", officeId, { name: name ?? "Renamed" });
          return null;
        },
      }),
      userName: viewerQuery({
        args: { userId: v.id("users") },
        handler: async (ctx, { userId }) => (await ctx.db.get("users", userId))?.name ?? null,
      }),
      scopedGet: viewerQuery({
        args: { officeId: v.id("offices") },
        handler: async (ctx, { officeId }) => {
          requireOfficeRead(ctx.viewer, officeId);
          return await ctx.db.get("offices", officeId);
        },
      }),
    };
    const problems = await check(discover({ "./brokenProbe.ts": broken }), { "./brokenProbe.ts": async () => broken });
    const flagged = (name: string) => problems.filter((p) => p.startsWith(`brokenProbe:${name} `));
    expect(flagged("leakyList")).toContain("brokenProbe:leakyList as anonymous: returned data to an anonymous caller");
    expect(
      flagged("leakyList").some((p) => p.includes("as limitedA") && p.includes("returned office B's offices ids")),
    ).toBe(true);
    expect(flagged("anonymousWrite")).toContain(
      "brokenProbe:anonymousWrite as anonymous: wrote to the database for an anonymous caller",
    );
    expect(flagged("unscopedGet").some((p) => p.includes("as limitedA") && p.includes("office B's offices ids"))).toBe(
      true,
    );
    expect(
      flagged("unscopedRename").some((p) => p.includes("as limitedA") && p.includes("changed office B's documents")),
    ).toBe(true);
    expect(flagged("userName").some((p) => p.includes("as limitedA") && p.includes("returned office B's text"))).toBe(
      true,
    );
    expect(flagged("scopedGet")).toEqual([]);
  }, 300_000);
});
