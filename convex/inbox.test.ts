/** inbox.*: Needs attention across personal and office inboxes, Participating, the badge. */
import { describe, expect, test, vi } from "vitest";
import { api } from "./_generated/api";
import type { Doc, Id } from "./_generated/dataModel";
import { insertConversation, touchConversation, updateConversation } from "./model/conversations/conversations";
import { insertPhoneNumber, type MessagingTest, messagingTest, useFakeClock } from "./setup.test";

type World = MessagingTest;
const world = async () => await messagingTest();

/** Marks a conversation as needing attention at the current (fake) time. */
async function flag(w: World, id: Id<"conversations">) {
  await w.t.run(async (ctx) => {
    const c = (await ctx.db.get("conversations", id)) as Doc<"conversations">;
    await touchConversation(ctx, c, { body: "?", direction: "inbound", at: Date.now() }, { needsAttention: true });
  });
}

/** A conversation of `officeId` routed to `inboxes`, needing attention. */
async function routed(w: World, officeId: Id<"offices">, inboxes: Doc<"conversations">["inboxes"], phone: string) {
  const numberId = await insertPhoneNumber(w.t, officeId);
  const id = await w.t.run(async (ctx) => {
    const contactId = await ctx.db.insert("contacts", { phone, optedOut: false });
    return await insertConversation(ctx, {
      ...{ officeId, numberId, contactId, phone, firstName: "Zed", lastName: "" },
      ...{ operatedBy: "agent", inboxes, now: Date.now() },
    });
  });
  await flag(w, id);
  return id;
}

const ids = (result: { page: { _id: Id<"conversations"> }[] }) => result.page.map((r) => r._id);
const all = { numItems: 50, cursor: null };

useFakeClock(Date.UTC(2026, 8, 1, 15));

describe("Needs attention", () => {
  test("merges the personal inbox and the office inboxes, newest first, each conversation once", async () => {
    const w = await world();
    await flag(w, w.adaConv);
    vi.advanceTimersByTime(1000);
    await flag(w, w.benConv);
    vi.advanceTimersByTime(1000);
    const personal = await routed(w, w.admissions, { userIds: [w.samId], officeIds: [] }, "+16175550131");
    // Sam: personal inbox + Admissions office inbox (Ada and Ben are in both: shown once).
    expect(ids(await w.sam.query(api.inbox.needsAttention, { paginationOpts: all }))).toEqual([
      personal,
      w.benConv,
      w.adaConv,
    ]);
    // Riley (Admissions and Advising): the office inbox only.
    expect(ids(await w.riley.query(api.inbox.needsAttention, { paginationOpts: all }))).toEqual([w.benConv, w.adaConv]);
    // Avery (Advising only): nothing of Admissions.
    expect(ids(await w.avery.query(api.inbox.needsAttention, { paginationOpts: all }))).toEqual([]);
    const first = await w.sam.query(api.inbox.needsAttention, { paginationOpts: { numItems: 2, cursor: null } });
    expect(ids(first)).toEqual([personal, w.benConv]);
    const rest = await w.sam.query(api.inbox.needsAttention, {
      paginationOpts: { numItems: 2, cursor: first.continueCursor },
    });
    expect(ids(rest)).toEqual([w.adaConv]);
    expect(rest.isDone).toBe(true);
  });

  test("a conversation of an office the person no longer belongs to stays out of their inbox", async () => {
    const w = await world();
    await routed(w, w.advising, { userIds: [w.samId], officeIds: [] }, "+16175550132");
    expect(ids(await w.sam.query(api.inbox.needsAttention, { paginationOpts: all }))).toEqual([]);
    expect(await w.sam.query(api.inbox.needsAttentionCount, {})).toEqual({ count: 0, more: false, label: "0" });
  });

  test("the badge counts exactly up to 99, then says 99+", async () => {
    const w = await world();
    const numberId = await insertPhoneNumber(w.t, w.admissions);
    let made = 0;
    const make = async (n: number) =>
      await w.t.run(async (ctx) => {
        for (let i = 0; i < n; i++) {
          const phone = `+1617556${String(1000 + made++)}`;
          const contactId = await ctx.db.insert("contacts", { phone, optedOut: false });
          const id = await insertConversation(ctx, {
            ...{ officeId: w.admissions, numberId, contactId, phone, firstName: "", lastName: "" },
            ...{ operatedBy: "agent", inboxes: { userIds: [], officeIds: [w.admissions] }, now: Date.now() },
          });
          await updateConversation(ctx, (await ctx.db.get("conversations", id))!, { needsAttention: true });
        }
      });
    await make(99);
    expect(await w.lee.query(api.inbox.needsAttentionCount, {})).toEqual({ count: 99, more: false, label: "99" });
    await make(2);
    expect(await w.lee.query(api.inbox.needsAttentionCount, {})).toEqual({ count: 99, more: true, label: "99+" });
  });
});

describe("Participating", () => {
  test("lists the conversations the person replied in, by last message", async () => {
    const w = await world();
    await w.lee.mutation(api.conversations.sendReply, { conversationId: w.adaConv, body: "Hi Ada" });
    vi.advanceTimersByTime(1000);
    await w.lee.mutation(api.conversations.sendReply, { conversationId: w.benConv, body: "Hi Ben" });
    vi.advanceTimersByTime(1000);
    await w.sam.mutation(api.conversations.sendReply, { conversationId: w.adaConv, body: "Ada, one more thing" });
    expect(ids(await w.lee.query(api.inbox.participating, { paginationOpts: all }))).toEqual([w.adaConv, w.benConv]);
    expect(ids(await w.sam.query(api.inbox.participating, { paginationOpts: all }))).toEqual([w.adaConv]);
    expect(ids(await w.avery.query(api.inbox.participating, { paginationOpts: all }))).toEqual([]);
  });
});
