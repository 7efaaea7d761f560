/**
 * The analytics half of `npm run bench -- scale`: documents read by each analytics query
 * (`analytics.campaign`, `analytics.activity`, `analytics.dashboard`) after 1,000 and after
 * 1,000,000 messages in one campaign active for 20 days. Target: ≤ 1.1× the reads at 1,000.
 *
 * Per contact, ten messages: the campaign's text (pending → sending → queued → sent → delivered),
 * five texts from the contact (one contact in ten ends with STOP: an opt-out), an agent's reply
 * to the first 1–29 minutes later, and three VA replies; one contact in twenty is unreachable
 * (undelivered) and sends nothing. Times spread over the 20 days.
 *
 * At 1,000 messages every message is a real `messages` row and each goes through the hooks the
 * engine calls (`countOutbound`, `countStatusChange`, `countInbound`, `countOptOut`, with the
 * conversation patches they return applied), 50 contacts a transaction. A million that way would
 * take this 2-core machine hours, so the large run sums each batch's deltas and writes them
 * through the same model functions (`addCounts`, `addActivity`, `addRecentAgentReply`), with
 * every agent response time added one by one (`addResponseTime`: ~95,000 rows), and no message
 * rows — the analytics queries never read `messages`. The bench also runs the summed path at
 * 1,000 and fails unless it counts exactly what the per-message path counted.
 *
 * The functions run on convex-test loaded through the local backend's loader with its
 * index-backed queries (convex-test alone scans a table per indexed lookup) and Convex's
 * transaction limits on; reads are measured as in `scale.ts`, by convex-test's own transaction
 * metrics around a `ctx.runQuery` of the public query as a signed-in Standard user.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { makeFunctionReference } from "convex/server";
import type { TestConvex } from "convex-test";
import type { Doc, Id } from "../convex/_generated/dataModel";
import type schemaDefinition from "../convex/schema";
import { indexConvexTest, loadProject } from "../local/convex/testing.ts";
import { readProbe } from "./read-probe.ts";

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
const DAY = 86_400_000;
const LAUNCH = Date.UTC(2026, 2, 2, 14);
const SPAN = 20 * DAY;
const TARGET_RATIO = 1.1;

type Analytics = typeof import("../convex/model/analytics/counters");
type ResponseTimes = typeof import("../convex/model/analytics/responseTimes");
type Buckets = typeof import("../convex/model/shared/analyticsBuckets");
type Ctx = Parameters<Analytics["countOutbound"]>[0];
type Reads = { documentsRead: number; bytesRead: number };

type World = { campaignId: Id<"campaigns">; officeId: Id<"offices">; numberId: Id<"phoneNumbers">; contacts: number };

async function setUp() {
  const project = await loadProject({ functionsDir: path.join(ROOT, "convex"), root: ROOT, dev: false });
  const schema = project.modules.get("schema")?.default;
  const modules: Record<string, () => Promise<unknown>> = { "./benchProbe.ts": async () => readProbe };
  for (const [key, loaded] of project.modules) modules[`./${key}.ts`] = async () => loaded;
  const t = project.convexTest.convexTest({ schema, modules, transactionLimits: true } as never, undefined as never);
  const typed = t as unknown as TestConvex<typeof schemaDefinition>;
  await indexConvexTest(project.convexTest, t);
  const model = {
    analytics: project.modules.get("model/analytics/counters") as unknown as Analytics,
    responseTimes: project.modules.get("model/analytics/responseTimes") as unknown as ResponseTimes,
    buckets: project.modules.get("model/shared/analyticsBuckets") as unknown as Buckets,
  };
  const ids = await typed.run(async (ctx) => {
    const officeId = await ctx.db.insert("offices", { name: "Admissions", userCount: 1 });
    const userId = await ctx.db.insert("users", {
      name: "Sam",
      role: "standard",
      officeIds: [officeId],
      viewOtherOffices: false,
    });
    const sessionId = await ctx.db.insert("authSessions", { userId, expirationTime: LAUNCH + 400 * DAY });
    const numberId = await ctx.db.insert("phoneNumbers", {
      ...{ officeId, e164: "+16175550100", kind: "singleUse" as const, name: "Open house", description: "" },
      ...{ messagesPerSecond: 200, twilioSid: "PN1", status: "active" as const, provisionedAt: LAUNCH },
    });
    const campaignId = await ctx.db.insert("campaigns", {
      ...{ officeId, title: "Open house", tags: [], message: "Hi {firstName}", operatedBy: "agent" as const },
      ...{ vaFallback: "escalate" as const, vaSetReply: "", numberId, autoArchiveDays: 180, status: "active" as const },
      ...{ inboxes: { userIds: [], officeIds: [officeId] }, timeZone: "America/New_York", launchedAt: LAUNCH },
      ...{ createdBy: userId, updatedAt: LAUNCH },
    });
    return { officeId, numberId, campaignId, subject: `${userId}|${sessionId}` };
  });
  return {
    t: typed,
    project,
    model,
    viewer: typed.withIdentity({ subject: ids.subject }),
    world: { ...ids, contacts: 0 },
  };
}

type Harness = Awaited<ReturnType<typeof setUp>>;

/** Contact i's messages: its campaign text, and unless that failed (one in twenty) nine more. */
const failing = (i: number) => i % 20 === 19;
const messagesOf = (i: number) => (failing(i) ? 1 : 10);
/** After the campaign text: five contact texts, an agent reply to the first, VA replies to the next three. */
const PLAN = ["contact", "agent", "contact", "va", "contact", "va", "contact", "va", "contact"] as const;
/** Contact i's k-th message time: contacts spread over the span, their messages minutes apart. */
const timeOf = (i: number, contacts: number) => (k: number) =>
  LAUNCH + Math.floor((i / contacts) * (SPAN - DAY)) + Math.round(k * 60_000);
/** The agent's reply comes 1 to 29 minutes after the contact's first text (varied per contact). */
const agentDelay = (i: number) => 1 + ((i * 7919) % 29);
const isStop = (i: number, k: number) => k === 8 && i % 10 === 0;

/** One contact's messages as the engine writes them: rows, each hook called per message. */
async function contactMessages(ctx: Ctx, h: Harness, i: number, at: (k: number) => number) {
  const w = h.world;
  const { countInbound, countOptOut, countOutbound, countStatusChange } = h.model.analytics;
  const phone = `+1${2_000_000_000 + i}`;
  const contactId = await ctx.db.insert("contacts", { phone, optedOut: false });
  const base = { officeId: w.officeId, numberId: w.numberId, contactId, campaignId: w.campaignId };
  const conversationId = await ctx.db.insert("conversations", {
    ...base,
    ...{ phone, firstName: `F${i}`, lastName: "L", searchText: "", operatedBy: "agent" as const },
    ...{ needsAttention: false, section: "agent" as const, tags: [], inboxes: { userIds: [], officeIds: [] } },
    ...{ closed: false, lastMessageAt: at(0), lastMessagePreview: "", lastDirection: "outbound" as const },
  });
  const conversation = async () => (await ctx.db.get("conversations", conversationId)) as Doc<"conversations">;
  const insert = async (author: Doc<"messages">["author"], status: Doc<"messages">["status"]) =>
    await ctx.db.insert("messages", {
      ...{ conversationId, campaignId: w.campaignId, contactId, numberId: w.numberId, author, status, body: "Hi" },
      ...{ direction: author === "contact" ? "inbound" : "outbound", segments: 1, from: "+1", to: "+1", attempts: 0 },
    } as Omit<Doc<"messages">, "_id" | "_creationTime">);
  const outbound = async (author: "campaign" | "agent" | "va", time: number) => {
    const _id = await insert(author, "pending");
    const patch = await countOutbound(ctx, await conversation(), { _id, author }, time);
    await ctx.db.patch("conversations", conversationId, patch);
    return _id;
  };
  const campaignText = await outbound("campaign", at(0));
  for (const status of ["sending", "queued", "sent", failing(i) ? "undelivered" : "delivered"] as const) {
    const message = (await ctx.db.get("messages", campaignText)) as Doc<"messages">;
    await countStatusChange(ctx, message, status);
    await ctx.db.patch("messages", campaignText, { status });
  }
  if (failing(i)) return;
  for (const [k, author] of PLAN.entries()) {
    if (author === "agent") await outbound("agent", at(1) + agentDelay(i) * 60_000);
    else if (author === "va") await outbound("va", at(k + 1));
    else {
      const _id = await insert("contact", "received");
      const keyword = isStop(i, k);
      const patch = await countInbound(ctx, await conversation(), { _id, keyword, at: at(k + 1) });
      await ctx.db.patch("conversations", conversationId, patch);
      if (keyword)
        await ctx.db.patch("conversations", conversationId, await countOptOut(ctx, await conversation(), at(k + 1)));
    }
  }
}

/**
 * The same contacts' counters for a whole batch at once, through the same model functions with
 * summed deltas (`addCounts`, `addActivity`, `addRecentAgentReply`) and every response time
 * individually (`addResponseTime`); no message rows (the analytics queries never read them).
 * `benchAnalytics` checks this gives exactly the counters of the per-message path at 1,000.
 */
async function contactBatchSummed(ctx: Ctx, h: Harness, from: number, to: number, contacts: number) {
  const { addActivity, addCounts, addRecentAgentReply, shardOf } = h.model.analytics;
  const { ACTIVITY_UNITS, bucketStart } = h.model.buckets;
  const campaignId = h.world.campaignId;
  const shards = new Map<number, Record<string, number>>();
  const activity = new Map<string, number>();
  const replies = new Map<number, number>();
  const add = (shard: number, key: string, n: number) => {
    const delta = shards.get(shard) ?? {};
    delta[key] = (delta[key] ?? 0) + n;
    shards.set(shard, delta);
  };
  for (let i = from; i < to; i++) {
    const at = timeOf(i, contacts);
    const shard = shardOf(`${campaignId}:${i}`);
    add(shard, failing(i) ? "failed" : "succeeded", 1);
    if (failing(i)) continue;
    add(shard, "responded", 1);
    add(shard, "contactResponses", 5);
    add(shard, "agentResponses", 1);
    add(shard, "chatbotResponses", 3);
    if (i % 10 === 0) add(shard, "optedOut", 1);
    for (const [k, author] of PLAN.entries()) {
      if (author !== "contact") continue;
      for (const unit of ACTIVITY_UNITS) {
        const key = `${unit}:${bucketStart(at(k + 1), unit, "America/New_York")}`;
        activity.set(key, (activity.get(key) ?? 0) + 1);
      }
    }
    const replyAt = at(1) + agentDelay(i) * 60_000;
    replies.set(replyAt, (replies.get(replyAt) ?? 0) + 1);
    await h.model.responseTimes.addResponseTime(ctx, campaignId, replyAt - at(1));
  }
  for (const [shard, delta] of shards) await addCounts(ctx, campaignId, shard, delta);
  for (const [key, n] of activity) {
    const [unit, start] = key.split(":");
    await addActivity(ctx, { campaignId, unit: unit as "hour", start: Number(start) }, n);
  }
  for (const [replyAt, n] of [...replies].sort((a, b) => a[0] - b[0]))
    await addRecentAgentReply(ctx, campaignId, replyAt, n);
}

/** Adds contacts until the campaign holds at least `messages` messages (per message, or summed per batch). */
async function grow(h: Harness, messages: number, mode: "perMessage" | "summed") {
  let contacts = 0;
  for (let total = 0; total < messages; contacts++) total += messagesOf(contacts);
  const batch = mode === "perMessage" ? 50 : 1_000;
  for (let from = 0; from < contacts; from += batch) {
    const to = Math.min(contacts, from + batch);
    await h.t.run(async (ctx) => {
      if (mode === "summed") return await contactBatchSummed(ctx, h, from, to, contacts);
      for (let i = from; i < to; i++) await contactMessages(ctx, h, i, timeOf(i, contacts));
    });
  }
  h.world.contacts = contacts;
  return Array.from({ length: contacts }, (_, i) => messagesOf(i)).reduce((a, b) => a + b, 0);
}

function queries(w: World): [string, string, Record<string, unknown>][] {
  const end = LAUNCH + SPAN;
  return [
    ["analytics.campaign", "analytics:campaign", { campaignId: w.campaignId }],
    ["analytics.activity (per day, 20 days)", "analytics:activity", { campaignId: w.campaignId, now: end }],
    ["analytics.dashboard", "analytics:dashboard", { since: end - 3_600_000 }],
  ];
}

async function measureAll(h: Harness): Promise<Record<string, Reads>> {
  const out: Record<string, Reads> = {};
  for (const [label, name, args] of queries(h.world))
    out[label] = (await h.viewer.mutation(makeFunctionReference<"mutation">("benchProbe:measure"), {
      name,
      args,
    })) as Reads;
  return out;
}

async function counted(h: Harness): Promise<unknown> {
  return await h.viewer.query(makeFunctionReference<"query">("analytics:campaign"), { campaignId: h.world.campaignId });
}

/**
 * 1,000 messages driven per message, the same 1,000 summed per batch (the two must count alike),
 * then `large` messages (a million unless PARLEY_BENCH_MESSAGES says) summed per batch.
 */
export async function benchAnalytics(large = Number(process.env.PARLEY_BENCH_MESSAGES ?? 1_000_000)) {
  const started = performance.now();
  const run = async (messages: number, mode: "perMessage" | "summed") => {
    const h = await setUp();
    const total = await grow(h, messages, mode);
    const result = { total, reads: await measureAll(h), counts: await counted(h) };
    await h.project.close();
    return result;
  };
  const perMessage = await run(1_000, "perMessage");
  const summed = await run(1_000, "summed");
  const big = await run(large, "summed");
  const problems: string[] = [];
  if (JSON.stringify(perMessage.counts) !== JSON.stringify(summed.counts))
    problems.push("the summed counters differ from the per-message ones at 1,000 messages");
  const results: Record<string, unknown> = {};
  let worst = 0;
  for (const label of Object.keys(perMessage.reads)) {
    const [a, b] = [perMessage.reads[label], big.reads[label]];
    const ratio = Math.round((b.documentsRead / Math.max(1, a.documentsRead)) * 1000) / 1000;
    worst = Math.max(worst, ratio);
    if (ratio > TARGET_RATIO) problems.push(`analytics ${label}: reads grow (${ratio}×)`);
    if (summed.reads[label].documentsRead !== a.documentsRead) problems.push(`analytics ${label}: summed reads differ`);
    results[label] = {
      docs: [a.documentsRead, b.documentsRead],
      kib: [a, b].map((r) => Math.round(r.bytesRead / 102.4) / 10),
      ratio,
    };
  }
  return {
    columns: `docs and kib are [${perMessage.total} messages, ${big.total.toLocaleString("en-US")} messages] in one campaign`,
    messages: [perMessage.total, big.total],
    countedAt1k: perMessage.counts,
    countedLarge: big.counts,
    queries: results,
    worstRatio: worst,
    targetRatio: TARGET_RATIO,
    problems,
    seconds: Math.round((performance.now() - started) / 100) / 10,
  };
}
