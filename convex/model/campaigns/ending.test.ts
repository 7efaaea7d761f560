/** Ending a campaign (End Campaign, Stop and Archive, auto-archive): where its conversations and queued texts go. */
import { describe, expect, test, vi } from "vitest";
import { api, internal } from "../../_generated/api";
import type { Doc, Id } from "../../_generated/dataModel";
import {
  codeOf,
  conversationDoc,
  type MessagingTest,
  messagingTest,
  queueText,
  receiveText,
  useFakeClock,
} from "../../setup.test";
import { insertConversation, touchConversation } from "../conversations/conversations";
import { ENDING_BATCH } from "./ending";

type World = MessagingTest;
const world = async (options: { singleUse?: boolean } = {}) => await messagingTest({}, options);

const text = async (w: World, from: string, body: string) => await receiveText(w, from, body);

const queue = queueText;

/**
 * Runs the ending's scheduled work (afterEnd and each continueEnding batch) until none is left,
 * and nothing else (no sender, no Twilio). Returns how many batches ran.
 */
async function runEnding(w: World): Promise<number> {
  const done = new Set<string>();
  for (let ran = 0; ; ran++) {
    const jobs = await w.t.run(async (ctx) => await ctx.db.system.query("_scheduled_functions").collect());
    const next = jobs.find(
      (j) =>
        !done.has(j._id) && /^(campaigns:afterEnd|conversations:continueEnding)$/.test(j.name.replace(/\.js$/, "")),
    );
    if (next === undefined) return ran;
    done.add(next._id);
    const [args] = next.args as [Record<string, unknown>];
    if (next.name.startsWith("campaigns")) await w.t.mutation(internal.campaigns.afterEnd, args as never);
    else await w.t.mutation(internal.conversations.continueEnding, args as never);
  }
}

const conversation = conversationDoc;
const message = (w: World, id: Id<"messages">) =>
  w.t.run(async (ctx) => (await ctx.db.get("messages", id)) as Doc<"messages">);
const inboxRows = (w: World) =>
  w.t.run(async (ctx) => (await ctx.db.query("inboxItems").collect()).map((r) => [r.conversationId, r.inbox]));
const page = { numItems: 50, cursor: null };
const ids = (result: { page: { _id: Id<"conversations"> }[] }) => result.page.map((r) => r._id);

useFakeClock(Date.UTC(2026, 8, 1, 15));

describe("a campaign on a reusable number", () => {
  test("conversations needing attention move to the number's unsolicited inboxes; later texts go to the standing conversation", async () => {
    const w = await world();
    await text(w, w.ada.phone, "Can I still register?");
    const campaignText = await queue(w, w.benConv, "campaign", "Hi Ben");
    const reply = await queue(w, w.adaConv, "agent", "Checking for you");
    await w.t.run(async (ctx) => {
      const c = (await ctx.db.get("conversations", w.adaConv))!;
      await touchConversation(
        ctx,
        c,
        { body: "Hello??", direction: "inbound", at: Date.now() },
        { needsAttention: true },
      );
    });
    expect(ids(await w.sam.query(api.inbox.needsAttention, { paginationOpts: page }))).toEqual([w.adaConv]);

    await w.sam.mutation(api.campaigns.end, { campaignId: w.campaignId });
    expect(await runEnding(w)).toBe(2);

    // The agent's inbox (Sam) and the campaign's office inbox lose it; the configured inbox (Riley) gains it.
    expect(await conversation(w, w.adaConv)).toMatchObject({
      campaignId: w.campaignId,
      operatedBy: "agent",
      inboxes: { userIds: [w.rileyId], officeIds: [] },
      needsAttention: true,
    });
    expect(await inboxRows(w)).toEqual([[w.adaConv, `user:${w.rileyId}`]]);
    expect(ids(await w.sam.query(api.inbox.needsAttention, { paginationOpts: page }))).toEqual([]);
    expect(ids(await w.riley.query(api.inbox.needsAttention, { paginationOpts: page }))).toEqual([w.adaConv]);
    // Ben's conversation didn't need attention: unchanged.
    expect(await conversation(w, w.benConv)).toMatchObject({
      inboxes: { userIds: [w.samId], officeIds: [w.admissions] },
    });
    // The campaign's unsent text is canceled; a reply already queued still goes.
    expect(await message(w, campaignText)).toMatchObject({ status: "canceled", errorReason: "Campaign ended" });
    expect(await message(w, reply)).toMatchObject({ status: "pending" });

    // The contact's next text reaches the number's standing conversation; history stays in the campaign.
    expect(await text(w, w.ada.phone, "Anyone there?")).toBe("stored; needs attention");
    const detail = await w.riley.query(api.conversations.get, { conversationId: w.adaConv });
    expect(detail.related).toHaveLength(1);
    const standing = await conversation(w, detail.related[0]._id);
    expect(standing).toMatchObject({ firstName: "Ada", lastMessagePreview: "Anyone there?" });
    expect(standing.campaignId).toBeUndefined();
    expect(standing.inboxes).toEqual({ userIds: [w.rileyId], officeIds: [] });
    // Riley can still answer the campaign conversation that needed attention.
    await w.riley.mutation(api.conversations.sendReply, { conversationId: w.adaConv, body: "Yes, until Friday." });
    expect(await conversation(w, w.adaConv)).toMatchObject({ needsAttention: false });
  });

  test("big campaigns end in batches", async () => {
    const w = await world();
    const total = ENDING_BATCH.conversations * 2 + 5;
    await w.t.run(async (ctx) => {
      for (let i = 0; i < total; i++) {
        const phone = `+1617557${String(1000 + i)}`;
        const contactId = await ctx.db.insert("contacts", { phone, optedOut: false });
        const id = await insertConversation(ctx, {
          ...{ officeId: w.admissions, numberId: w.numberId, contactId, campaignId: w.campaignId, phone },
          ...{ firstName: "", lastName: "", operatedBy: "agent", inboxes: { userIds: [w.samId], officeIds: [] } },
          now: Date.now() + i,
        });
        const c = (await ctx.db.get("conversations", id))!;
        await touchConversation(
          ctx,
          c,
          { body: "?", direction: "inbound", at: Date.now() + i },
          { needsAttention: true },
        );
      }
    });
    await w.sam.mutation(api.campaigns.end, { campaignId: w.campaignId });
    expect(await runEnding(w)).toBe(1 + 3);
    const rows = await w.t.run(async (ctx) => await ctx.db.query("inboxItems").collect());
    expect(rows).toHaveLength(total);
    expect(new Set(rows.map((r) => r.inbox))).toEqual(new Set([`user:${w.rileyId}`]));
    expect(await w.riley.query(api.inbox.needsAttentionCount, {})).toEqual({ count: 99, more: true, label: "99+" });
  });

  test("auto-archive goes through the same hook", async () => {
    const w = await world();
    await text(w, w.ada.phone, "hi");
    const launchedAt = (await w.t.run(async (ctx) => await ctx.db.get("campaigns", w.campaignId)))!.launchedAt!;
    vi.setSystemTime(launchedAt + 7 * 86_400_000);
    await w.t.mutation(internal.campaigns.autoArchive, {
      campaignId: w.campaignId,
      dueAt: launchedAt + 7 * 86_400_000,
    });
    await runEnding(w);
    expect(await conversation(w, w.adaConv)).toMatchObject({ inboxes: { userIds: [w.rileyId], officeIds: [] } });
  });
});

describe("a campaign on a single-use number", () => {
  test("every conversation leaves every queue, queued texts are canceled, nothing more is sent", async () => {
    const w = await world({ singleUse: true });
    await text(w, w.ada.phone, "Question about parking");
    const reply = await queue(w, w.adaConv, "agent", "Let me check");
    const campaignText = await queue(w, w.benConv, "campaign", "Hi Ben");
    await w.t.run(async (ctx) => {
      const c = (await ctx.db.get("conversations", w.adaConv))!;
      await touchConversation(ctx, c, { body: "?", direction: "inbound", at: Date.now() }, { needsAttention: true });
    });
    await w.sam.mutation(api.campaigns.end, { campaignId: w.campaignId });
    await runEnding(w);

    for (const id of [w.adaConv, w.benConv])
      expect(await conversation(w, id)).toMatchObject({ closed: true, needsAttention: false, section: "agent" });
    expect(await inboxRows(w)).toEqual([]);
    expect(await message(w, reply)).toMatchObject({ status: "canceled", errorReason: "Campaign ended" });
    expect(await message(w, campaignText)).toMatchObject({ status: "canceled" });
    const campaign = await w.t.run(async (ctx) => await ctx.db.get("campaigns", w.campaignId));
    expect(campaign?.needsAttentionCount).toBe(0);
    expect(await w.sam.query(api.conversations.sectionCounts, { campaignId: w.campaignId })).toEqual({
      needsAttention: 0,
      agent: 2,
      va: 0,
    });
    expect(await w.sam.query(api.inbox.needsAttentionCount, {})).toEqual({ count: 0, more: false, label: "0" });

    // Later texts are kept with the history, but nobody answers and nothing is queued.
    vi.advanceTimersByTime(1000);
    expect(await text(w, w.ada.phone, "Hello?")).toBe("stored; closed, not answered");
    expect(await text(w, w.ada.phone, "HELP")).toBe("stored; help not answered");
    expect(await conversation(w, w.adaConv)).toMatchObject({ needsAttention: false, lastMessagePreview: "HELP" });
    const pending = await w.t.run(async (ctx) => await ctx.db.query("outbox").collect());
    expect(pending).toEqual([]);
    expect(await codeOf(w.sam.mutation(api.conversations.sendReply, { conversationId: w.adaConv, body: "hi" }))).toBe(
      "CLOSED",
    );
    expect(
      await codeOf(
        w.sam.mutation(api.conversations.setNeedsAttention, { conversationId: w.adaConv, needsAttention: true }),
      ),
    ).toBe("CLOSED");
    // The transcripts stay readable in the archived campaign's Activity.
    const activity = await w.sam.query(api.conversations.activity, {
      campaignId: w.campaignId,
      section: "agent",
      paginationOpts: page,
    });
    expect(activity.page.map((r) => [r.firstName, r.closed])).toEqual([
      ["Ada", true],
      ["Ben", true],
    ]);
  });
});
