/**
 * `npm run bench -- scale`: documents (and bytes) each Campaigns-page query reads as the data
 * grows — 1,000 → 100,000 contacts in a campaign's list, then 1,000 → 20,000 campaigns — measured
 * in process on convex-test with Convex's transaction limits on. Passes when no query reads more
 * than 1.1× as much after either growth and none comes near Convex's limits (32,000 documents,
 * 16 MiB read per transaction).
 *
 * How a read is counted: a probe mutation runs the public query through `ctx.runQuery` (as the
 * signed-in viewer) and takes the difference of `ctx.meta.getTransactionMetrics()` before and
 * after — convex-test's own per-transaction tracker, the one that enforces the limits. It counts
 * every document the query read, including the viewer lookup its auth wrapper does.
 *
 * The data: five offices of 200 campaigns each (50 drafts, 40 scheduled over the next twelve
 * months, 40 active, 70 archived: enough for a full first page of every tab, search and tag
 * already at 1,000), two tags each from a pool of five, titles from a small pool of
 * words; Admissions' list has the contacts. The viewer is a Standard user of Admissions and
 * Advising, so every tab merges two offices. Growing to 20,000 adds 3,800 campaigns per office in
 * the same proportions, the scheduled ones in 2028–2029: the calendar month measured keeps its
 * campaigns (a month's read grows with that month's scheduled campaigns, capped at 500).
 *
 * Then the analytics queries at 1,000 and 1,000,000 messages in one campaign (`scale-analytics.ts`,
 * its own data set; its figures are under `analytics`, its failures among `problems`).
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { convexTest } from "convex-test";
import { makeFunctionReference } from "convex/server";
import type { Id } from "../convex/_generated/dataModel";
import schema from "../convex/schema";
import { benchAnalytics } from "./scale-analytics.ts";
import { readProbe } from "./read-probe.ts";

const CONVEX = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "convex");
const PAGE = 25;
const MiB = 1 << 20;
const LIMITS = { documentsRead: 32_000, bytesRead: 16 * MiB };
const TARGET_RATIO = 1.1;
const OFFICES = ["Admissions", "Advising", "Financial Aid", "Registrar", "Athletics"];
const TAGS = ["fall", "spring", "fafsa", "visit", "deadline"];
const WORDS = ["Open house", "Deadline reminder", "Orientation", "FAFSA check-in", "Campus visit", "Housing"];
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 3, 1, 12);

/** Every function module of convex/ (no tests), imported now: convex-test must not load lazily inside a transaction. */
async function loadModules(): Promise<Record<string, () => Promise<unknown>>> {
  const files: string[] = [];
  const walk = (rel: string) => {
    for (const entry of readdirSync(path.join(CONVEX, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else if (/\.(ts|js)$/.test(entry.name) && !/\.test\.|\.d\.ts$|^convex\.config\./.test(entry.name))
        files.push(child);
    }
  };
  walk("");
  const modules: Record<string, () => Promise<unknown>> = {};
  for (const file of files) {
    const loaded: unknown = await import(pathToFileURL(path.join(CONVEX, file)).href);
    modules[`./${file}`] = async () => loaded;
  }
  return modules;
}

type Harness = Awaited<ReturnType<typeof setUp>>;

async function setUp() {
  const t = convexTest({
    schema,
    modules: { ...(await loadModules()), "./benchProbe.ts": async () => readProbe },
    transactionLimits: true,
  });
  const ids = await t.run(async (ctx) => {
    const officeIds = await Promise.all(OFFICES.map((name) => ctx.db.insert("offices", { name, userCount: 1 })));
    const viewer = { name: "Sam", email: "sam@parley.test", viewOtherOffices: false };
    const userId = await ctx.db.insert("users", { ...viewer, role: "standard", officeIds: officeIds.slice(0, 2) });
    const limitedId = await ctx.db.insert("users", { ...viewer, role: "limited", officeIds: officeIds.slice(0, 2) });
    const sessions = await Promise.all(
      [userId, limitedId].map((id) => ctx.db.insert("authSessions", { userId: id, expirationTime: NOW + 365 * DAY })),
    );
    const listIds = await Promise.all(
      officeIds.map((officeId, i) =>
        ctx.db.insert("contactLists", {
          ...{ officeId, name: `${OFFICES[i]} list`, tags: [], columns: ["Program"], status: "ready" as const },
          ...{ contactCount: 0, duplicateCount: 0, rejectedCount: 0, importedBatches: 0, lockedByLaunch: true },
          ...{ createdBy: userId, updatedAt: NOW },
        }),
      ),
    );
    const numberIds = await Promise.all(
      officeIds.map((officeId, i) =>
        ctx.db.insert("phoneNumbers", {
          ...{ officeId, e164: `+1617555${1000 + i}`, kind: "reusable" as const, name: `${OFFICES[i]} line` },
          ...{
            description: "",
            messagesPerSecond: 1,
            twilioSid: `PN${i}`,
            status: "active" as const,
            provisionedAt: NOW,
          },
        }),
      ),
    );
    return {
      officeIds,
      userId,
      listIds,
      numberIds,
      subjects: [userId, limitedId].map((id, i) => `${id}|${sessions[i]}`),
    };
  });
  return {
    t,
    ...ids,
    standard: t.withIdentity({ subject: ids.subjects[0] }),
    limited: t.withIdentity({ subject: ids.subjects[1] }),
    contacts: 0,
    campaigns: 0,
  };
}

/** Adds contacts to Admissions' list, 4,000 per transaction. */
async function growContacts(h: Harness, total: number) {
  const listId = h.listIds[0];
  while (h.contacts < total) {
    const from = h.contacts;
    const count = Math.min(4000, total - from);
    await h.t.run(async (ctx) => {
      for (let i = from; i < from + count; i++) {
        const phone = `+1${2000000000 + i}`;
        const contactId = await ctx.db.insert("contacts", { phone, optedOut: false });
        const [firstName, lastName] = [`First${i}`, `Last${i}`];
        const fields = { Program: ["Nursing", "Biology", "History"][i % 3] };
        const searchText = `${firstName} ${lastName} ${phone}`;
        await ctx.db.insert("listEntries", {
          listId,
          contactId,
          phone,
          firstName,
          lastName,
          fields,
          row: i + 2,
          searchText,
        });
      }
      await ctx.db.patch("contactLists", listId, { contactCount: from + count });
    });
    h.contacts += count;
  }
}

const STATUS_CYCLE = [
  ...Array<"draft">(50).fill("draft"),
  ...Array<"scheduled">(40).fill("scheduled"),
  ...Array<"active">(40).fill("active"),
  ...Array<"archived">(70).fill("archived"),
];

/** Adds campaigns round-robin over the offices, 1,000 per transaction; `scheduledFrom` places the scheduled ones. */
async function growCampaigns(h: Harness, total: number, scheduledFrom: number) {
  while (h.campaigns < total) {
    const from = h.campaigns;
    const count = Math.min(1000, total - from);
    await h.t.run(async (ctx) => {
      for (let n = from; n < from + count; n++) {
        const office = n % OFFICES.length;
        const k = Math.floor(n / OFFICES.length);
        const status = STATUS_CYCLE[k % STATUS_CYCLE.length];
        const tags = [TAGS[k % TAGS.length], TAGS[(k + 1) % TAGS.length]];
        const updatedAt = NOW - (total - n) * 60_000;
        const campaignId = await ctx.db.insert("campaigns", {
          ...{ officeId: h.officeIds[office], title: `${WORDS[n % WORDS.length]} ${n}`, tags },
          ...{ listId: h.listIds[office], numberId: h.numberIds[office], message: "Hi {firstName}" },
          ...{ operatedBy: "agent" as const, vaFallback: "escalate" as const, vaSetReply: "", autoArchiveDays: 7 },
          ...{ inboxes: { userIds: [], officeIds: [h.officeIds[office]] }, timeZone: "America/New_York", status },
          ...(status === "scheduled"
            ? { scheduledAt: scheduledFrom + ((k * 7919) % 365) * DAY + (n % 24) * 3_600_000 }
            : {}),
          ...(status === "active" || status === "archived" ? { launchedAt: updatedAt - DAY } : {}),
          ...(status === "archived" ? { archivedAt: updatedAt, archiveReason: "ended" as const } : {}),
          ...{ createdBy: h.userId, updatedAt },
        });
        for (const tag of tags)
          await ctx.db.insert("campaignTags", { campaignId, officeId: h.officeIds[office], status, tag, updatedAt });
      }
    });
    h.campaigns += count;
  }
}

/** The queries of the Campaigns page and the campaign view, as [label, caller, function, args]. */
function queries(h: Harness, campaignId: Id<"campaigns">) {
  const page = { numItems: PAGE, cursor: null };
  const list: [string, "standard" | "limited", string, Record<string, unknown>][] = [];
  for (const status of ["draft", "scheduled", "active", "archived"]) {
    list.push([`listByTab ${status}`, "standard", "campaigns:listByTab", { status, paginationOpts: page }]);
    list.push([
      `listByTab ${status} search`,
      "standard",
      "campaigns:listByTab",
      { status, search: "orientation", paginationOpts: page },
    ]);
    list.push([
      `listByTab ${status} tag`,
      "standard",
      "campaigns:listByTab",
      { status, tag: "fafsa", paginationOpts: page },
    ]);
  }
  list.push([
    "listByTab scheduled by launch time",
    "standard",
    "campaigns:listByTab",
    { status: "scheduled", order: "scheduledAt", paginationOpts: page },
  ]);
  list.push([
    "listByTab draft one office",
    "standard",
    "campaigns:listByTab",
    { status: "draft", officeId: h.officeIds[0], paginationOpts: page },
  ]);
  list.push(["tags draft", "standard", "campaigns:tags", { status: "draft" }]);
  const month = { year: 2026, month: 6, timeZone: "America/New_York" };
  list.push(["calendarMonth (all offices)", "standard", "campaigns:calendarMonth", month]);
  list.push(["calendarMonth (Limited: own offices)", "limited", "campaigns:calendarMonth", month]);
  list.push(["get", "standard", "campaigns:get", { campaignId }]);
  list.push(["readiness", "standard", "campaigns:readiness", { campaignId }]);
  list.push([
    "contactLists.entries",
    "standard",
    "contactLists:entries",
    { listId: h.listIds[0], paginationOpts: { numItems: 100, cursor: null } },
  ]);
  return list;
}

type Reads = { documentsRead: number; bytesRead: number };

async function measureAll(h: Harness, campaignId: Id<"campaigns">): Promise<Record<string, Reads | string>> {
  const out: Record<string, Reads | string> = {};
  for (const [label, who, name, args] of queries(h, campaignId)) {
    try {
      out[label] = (await h[who].mutation(makeFunctionReference<"mutation">("benchProbe:measure"), {
        name,
        args,
      })) as Reads;
    } catch (error) {
      out[label] = `failed: ${(error as Error).message.split("\n")[0]}`;
    }
  }
  return out;
}

const ratio = (a: number, b: number) => Math.round((b / Math.max(a, 1)) * 1000) / 1000;

export async function benchScale(): Promise<Record<string, unknown>> {
  const started = performance.now();
  const h = await setUp();
  await growContacts(h, 1_000);
  await growCampaigns(h, 1_000, Date.UTC(2026, 3, 1, 13));
  const campaignId = await h.t.run(
    async (ctx) =>
      (await ctx.db
        .query("campaigns")
        .withIndex("by_officeId_and_status_and_updatedAt", (q) =>
          q.eq("officeId", h.officeIds[0]).eq("status", "draft"),
        )
        .order("desc")
        .first())!._id,
  );
  const base = await measureAll(h, campaignId);
  await growContacts(h, 100_000);
  const manyContacts = await measureAll(h, campaignId);
  await growCampaigns(h, 20_000, Date.UTC(2028, 0, 1, 13));
  const manyCampaigns = await measureAll(h, campaignId);

  const results: Record<string, unknown> = {};
  const problems: string[] = [];
  let worst = 0;
  let maxDocs = 0;
  let maxBytes = 0;
  for (const label of Object.keys(base)) {
    const [a, b, c] = [base[label], manyContacts[label], manyCampaigns[label]];
    if (typeof a === "string" || typeof b === "string" || typeof c === "string") {
      problems.push(`${label}: ${[a, b, c].find((x) => typeof x === "string")}`);
      results[label] = { base: a, contacts100k: b, campaigns20k: c };
      continue;
    }
    const contactsRatio = ratio(a.documentsRead, b.documentsRead);
    const campaignsRatio = ratio(b.documentsRead, c.documentsRead);
    worst = Math.max(worst, contactsRatio, campaignsRatio);
    maxDocs = Math.max(maxDocs, a.documentsRead, b.documentsRead, c.documentsRead);
    maxBytes = Math.max(maxBytes, a.bytesRead, b.bytesRead, c.bytesRead);
    if (contactsRatio > TARGET_RATIO || campaignsRatio > TARGET_RATIO) problems.push(`${label}: reads grow`);
    results[label] = {
      docs: [a.documentsRead, b.documentsRead, c.documentsRead],
      kib: [a, b, c].map((r) => Math.round(r.bytesRead / 102.4) / 10),
      contactsRatio,
      campaignsRatio,
    };
  }
  const analytics = await benchAnalytics();
  problems.push(...analytics.problems);
  worst = Math.max(worst, analytics.worstRatio);
  const withinLimits = maxDocs <= LIMITS.documentsRead && maxBytes <= LIMITS.bytesRead;
  return {
    columns:
      "docs and kib are [1k contacts + 1k campaigns, 100k contacts + 1k campaigns, 100k contacts + 20k campaigns]",
    pageSize: PAGE,
    contacts: h.contacts,
    campaigns: h.campaigns,
    queries: results,
    analytics,
    worstRatio: worst,
    targetRatio: TARGET_RATIO,
    maxDocumentsRead: maxDocs,
    maxBytesRead: maxBytes,
    limits: LIMITS,
    withinLimits,
    problems,
    pass: problems.length === 0 && withinLimits,
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
}
