/** conversations.*: agents' actions, the Activity tab, threads, 1:1 texts, and who may do what. */
import { describe, expect, test, vi } from "vitest";
import { api } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import {
  codeOf,
  conversationDoc,
  insertPhoneNumber,
  insertUser,
  messageOf,
  type MessagingTest,
  messagingTest,
  receiveText,
  signedInAs,
  useFakeClock,
} from "./setup.test";

type World = MessagingTest;
const world = messagingTest;

async function text(w: World, from: string, body: string) {
  await receiveText(w, from, body);
  vi.advanceTimersByTime(0);
}

const conversation = conversationDoc;
const page = { numItems: 20, cursor: null };

useFakeClock(Date.UTC(2026, 8, 1, 15));

describe("replying", () => {
  test("an agent's reply clears Needs attention, makes them a participant and queues the text", async () => {
    const w = await world();
    await text(w, w.ada.phone, "Can I bring my mom?");
    vi.advanceTimersByTime(1000);
    const messageId = await w.lee.mutation(api.conversations.sendReply, {
      conversationId: w.adaConv,
      body: " Of course! ",
    });
    const c = await conversation(w, w.adaConv);
    expect(c).toMatchObject({
      needsAttention: false,
      section: "agent",
      lastDirection: "outbound",
      lastMessagePreview: "Of course!",
    });
    const message = await w.t.run(async (ctx) => await ctx.db.get("messages", messageId));
    expect(message).toMatchObject({
      author: "agent",
      authorUserId: w.leeId,
      body: "Of course!",
      status: "pending",
      direction: "outbound",
    });
    const participants = await w.t.run(async (ctx) => await ctx.db.query("participants").collect());
    expect(participants).toMatchObject([
      { conversationId: w.adaConv, userId: w.leeId, lastMessageAt: c.lastMessageAt },
    ]);
    expect(await w.t.run(async (ctx) => await ctx.db.query("inboxItems").collect())).toEqual([]);
    const campaign = await w.t.run(async (ctx) => await ctx.db.get("campaigns", w.campaignId));
    expect(campaign?.needsAttentionCount).toBe(0);
  });

  test("replies are refused for other offices, read-only viewers, empty texts and opted-out contacts", async () => {
    const w = await world();
    const viewerId = await insertUser(w.t, { role: "standard", officeIds: [w.advising], viewOtherOffices: true });
    const viewer = await signedInAs(w.t, viewerId);
    const reply = (caller: typeof w.sam, body = "hi") =>
      codeOf(caller.mutation(api.conversations.sendReply, { conversationId: w.adaConv, body }));
    expect(await reply(w.avery)).toBe("FORBIDDEN");
    expect(await reply(viewer)).toBe("FORBIDDEN");
    expect(await viewer.query(api.conversations.get, { conversationId: w.adaConv })).toMatchObject({
      replyBlocked: "Only members of this conversation's office can reply.",
      canManage: false,
    });
    expect(await reply(w.sam, "   ")).toBe("INVALID");
    await w.t.run(async (ctx) => await ctx.db.patch("contacts", w.adaId, { optedOut: true, optedOutVia: "agent" }));
    expect(await reply(w.sam)).toBe("OPTED_OUT");
    expect(await w.t.run(async (ctx) => await ctx.db.query("messages").collect())).toEqual([]);
  });
});

describe("switching and Needs attention", () => {
  test("setOperatedBy moves the conversation between sections; handing it to the VA takes it out of Needs attention", async () => {
    const w = await world();
    await text(w, w.ada.phone, "?");
    await w.lee.mutation(api.conversations.setOperatedBy, { conversationId: w.adaConv, operatedBy: "va" });
    expect(await conversation(w, w.adaConv)).toMatchObject({ operatedBy: "va", needsAttention: false, section: "va" });
    expect(await w.sam.query(api.conversations.sectionCounts, { campaignId: w.campaignId })).toEqual({
      needsAttention: 0,
      agent: 1,
      va: 1,
    });
    await w.lee.mutation(api.conversations.setOperatedBy, { conversationId: w.adaConv, operatedBy: "agent" });
    expect(await conversation(w, w.adaConv)).toMatchObject({ operatedBy: "agent", section: "agent" });
  });

  test("the Needs attention toggle sets and clears it, and keeps the counts and inboxes in step", async () => {
    const w = await world();
    await w.sam.mutation(api.conversations.setNeedsAttention, { conversationId: w.benConv, needsAttention: true });
    expect(await conversation(w, w.benConv)).toMatchObject({ needsAttention: true, section: "needsAttention" });
    expect(await w.sam.query(api.inbox.needsAttentionCount, {})).toEqual({ count: 1, more: false, label: "1" });
    await w.sam.mutation(api.conversations.setNeedsAttention, { conversationId: w.benConv, needsAttention: false });
    expect(await w.sam.query(api.conversations.sectionCounts, { campaignId: w.campaignId })).toEqual({
      needsAttention: 0,
      agent: 2,
      va: 0,
    });
    expect(await w.sam.query(api.inbox.needsAttentionCount, {})).toEqual({ count: 0, more: false, label: "0" });
    expect(
      await codeOf(
        w.avery.mutation(api.conversations.setNeedsAttention, { conversationId: w.benConv, needsAttention: true }),
      ),
    ).toBe("FORBIDDEN");
  });
});

describe("tags", () => {
  test("up to three, each at most 30 characters, trimmed, unique ignoring case", async () => {
    const w = await world();
    const add = (tag: string) => w.lee.mutation(api.conversations.addTag, { conversationId: w.adaConv, tag });
    await add("  Follow   up ");
    await add("follow UP");
    await add("Housing");
    await add("x".repeat(30));
    expect((await conversation(w, w.adaConv)).tags).toEqual(["Follow up", "Housing", "x".repeat(30)]);
    expect(await messageOf(add("Parking"))).toBe(
      'A conversation can have at most 3 tags. Remove one before adding "Parking".',
    );
    await w.lee.mutation(api.conversations.removeTag, { conversationId: w.adaConv, tag: "HOUSING" });
    expect(await messageOf(add("y".repeat(31)))).toBe(`Tags are at most 30 characters; "${"y".repeat(31)}" has 31.`);
    expect(await codeOf(add("   "))).toBe("INVALID");
    await add("Parking");
    expect((await conversation(w, w.adaConv)).tags).toEqual(["Follow up", "x".repeat(30), "Parking"]);
    expect(await w.sam.query(api.conversations.tags, { campaignId: w.campaignId })).toEqual([
      "follow up",
      "parking",
      "x".repeat(30),
    ]);
    expect(await codeOf(w.avery.mutation(api.conversations.addTag, { conversationId: w.adaConv, tag: "z" }))).toBe(
      "FORBIDDEN",
    );
  });
});

describe("the Activity tab", () => {
  test("sections by last message, search by first name, last name or phone, tag filter", async () => {
    const w = await world();
    await text(w, w.ada.phone, "first");
    vi.advanceTimersByTime(1000);
    await text(w, w.ben.phone, "second");
    const section = async (
      section: "needsAttention" | "agent" | "va",
      extra: { search?: string; tags?: string[] } = {},
    ) =>
      (
        await w.lee.query(api.conversations.activity, {
          campaignId: w.campaignId,
          section,
          paginationOpts: page,
          ...extra,
        })
      ).page.map((row) => row.firstName);
    expect(await section("needsAttention")).toEqual(["Ben", "Ada"]);
    expect(await section("agent")).toEqual([]);
    expect(await section("needsAttention", { search: "Lovelace" })).toEqual(["Ada"]);
    expect(await section("needsAttention", { search: "ben" })).toEqual(["Ben"]);
    expect(await section("needsAttention", { search: "5550102" })).toEqual(["Ben"]);
    expect(await section("needsAttention", { search: "+16175550101" })).toEqual(["Ada"]);
    await w.lee.mutation(api.conversations.addTag, { conversationId: w.adaConv, tag: "Housing" });
    expect(await section("needsAttention", { tags: ["housing"] })).toEqual(["Ada"]);
    expect(await section("needsAttention", { tags: ["HOUSING"], search: "Ben" })).toEqual([]);
    expect(await section("agent", { tags: ["Housing"] })).toEqual([]);
    const [row] = (
      await w.lee.query(api.conversations.activity, {
        campaignId: w.campaignId,
        section: "needsAttention",
        paginationOpts: page,
      })
    ).page;
    expect(row).toMatchObject({
      campaign: { _id: w.campaignId, title: "Fall open house" },
      lastMessagePreview: "second",
      lastDirection: "inbound",
      lastMessageStatus: "received",
      optedOut: false,
    });
    expect(
      await codeOf(
        w.avery.query(api.conversations.activity, { campaignId: w.campaignId, section: "agent", paginationOpts: page }),
      ),
    ).toBe("FORBIDDEN");
  });

  test("the tag filter keeps conversations with any of up to 3 tags, each once, and pages exactly", async () => {
    const w = await world();
    await text(w, w.ada.phone, "first");
    vi.advanceTimersByTime(1000);
    await text(w, w.ben.phone, "second");
    for (const tag of ["Housing", "Aid"])
      await w.lee.mutation(api.conversations.addTag, { conversationId: w.adaConv, tag });
    await w.lee.mutation(api.conversations.addTag, { conversationId: w.benConv, tag: "aid" });
    const ask = (tags: string[], cursor: string | null = null, numItems = 20) =>
      w.lee.query(api.conversations.activity, {
        campaignId: w.campaignId,
        section: "needsAttention",
        tags,
        paginationOpts: { numItems, cursor },
      });
    const names = async (tags: string[]) => (await ask(tags)).page.map((row) => row.firstName);
    expect(await names(["housing"])).toEqual(["Ada"]);
    // Any of them, newest message first; Ada has both tags and shows once.
    expect(await names(["housing", "aid"])).toEqual(["Ben", "Ada"]);
    expect(await names(["aid", "Housing", "parking"])).toEqual(["Ben", "Ada"]);
    expect(await names(["parking"])).toEqual([]);
    // One row a page: the merged ranges' cursor continues where the last page ended.
    const first = await ask(["housing", "aid"], null, 1);
    expect(first.page.map((r) => r.firstName)).toEqual(["Ben"]);
    const second = await ask(["housing", "aid"], first.continueCursor, 1);
    expect(second.page.map((r) => r.firstName)).toEqual(["Ada"]);
    const third = await ask(["housing", "aid"], second.continueCursor, 1);
    expect(third.page).toEqual([]);
    expect(third.isDone).toBe(true);
    // A newer message moves Ada to the top of the filtered list.
    vi.advanceTimersByTime(1000);
    await text(w, w.ada.phone, "third");
    expect(await names(["housing", "aid"])).toEqual(["Ada", "Ben"]);
    // Search and tags together: the search's page, filtered by any of the tags.
    expect(
      (
        await w.lee.query(api.conversations.activity, {
          campaignId: w.campaignId,
          section: "needsAttention",
          search: "Ben",
          tags: ["housing", "aid"],
          paginationOpts: page,
        })
      ).page.map((r) => r.firstName),
    ).toEqual(["Ben"]);
    expect(await codeOf(ask(["a", "b", "c", "d"]))).toBe("INVALID");
  });

  test("a thread is newest first, each message with status and the agent's name", async () => {
    const w = await world();
    await text(w, w.ada.phone, "hello");
    vi.advanceTimersByTime(1000);
    await w.sam.mutation(api.conversations.sendReply, { conversationId: w.adaConv, body: "Hi Ada" });
    const thread = await w.lee.query(api.conversations.thread, { conversationId: w.adaConv, paginationOpts: page });
    expect(thread.page.map((m) => [m.body, m.author, m.authorName, m.status])).toEqual([
      ["Hi Ada", "agent", "Sam Rivera", "pending"],
      ["hello", "contact", null, "received"],
    ]);
    expect(
      await codeOf(w.avery.query(api.conversations.thread, { conversationId: w.adaConv, paginationOpts: page })),
    ).toBe("FORBIDDEN");
  });

  test("get: the conversation, its inboxes by name, the contact, and what the viewer may do", async () => {
    const w = await world();
    const detail = await w.lee.query(api.conversations.get, { conversationId: w.adaConv });
    expect(detail).toMatchObject({
      _id: w.adaConv,
      firstName: "Ada",
      inboxes: { users: [{ _id: w.samId, name: "Sam Rivera" }], offices: [{ _id: w.admissions, name: "Admissions" }] },
      contact: { _id: w.adaId, phone: w.ada.phone, optedOut: false, optedOutVia: null },
      replyBlocked: null,
      canManage: true,
      canOptOut: true,
      canLiftOptOut: false,
      related: [],
    });
    expect((await w.alex.query(api.conversations.get, { conversationId: w.adaConv })).canLiftOptOut).toBe(true);
  });
});

describe("1:1 texts", () => {
  test("a Standard user texts any phone from a reusable number; the reply lands in the same conversation", async () => {
    const w = await world();
    await w.t.run(async (ctx) => await ctx.db.patch("phoneNumbers", w.numberId, { activeCampaignId: undefined }));
    const { conversationId, messageId } = await w.sam.mutation(api.conversations.startOneToOne, {
      numberId: w.numberId,
      phone: "(617) 555-0177",
      body: "Hi, this is Sam from Admissions.",
    });
    const c = await conversation(w, conversationId);
    expect(c).toMatchObject({ phone: "+16175550177", operatedBy: "agent", inboxes: { userIds: [w.rileyId] } });
    expect(c.campaignId).toBeUndefined();
    const message = await w.t.run(async (ctx) => await ctx.db.get("messages", messageId));
    expect(message).toMatchObject({ author: "agent", authorUserId: w.samId, to: "+16175550177", status: "pending" });
    await text(w, "+16175550177", "Thanks Sam");
    expect(await conversation(w, conversationId)).toMatchObject({
      needsAttention: true,
      lastMessagePreview: "Thanks Sam",
    });
    const mine = await w.sam.query(api.inbox.participating, { paginationOpts: page });
    expect(mine.page.map((r) => r._id)).toEqual([conversationId]);
  });

  test("refused: Limited users, other offices, single-use numbers, bad phones, opted-out contacts", async () => {
    const w = await world();
    const start = (caller: typeof w.sam, numberId: Id<"phoneNumbers">, phone = "6175550177") =>
      codeOf(caller.mutation(api.conversations.startOneToOne, { numberId, phone, body: "Hello" }));
    expect(await start(w.lee, w.numberId)).toBe("FORBIDDEN");
    expect(await start(w.avery, w.numberId)).toBe("FORBIDDEN");
    const singleUse = await insertPhoneNumber(w.t, w.admissions, { kind: "singleUse", campaignId: w.campaignId });
    expect(await start(w.sam, singleUse)).toBe("INVALID");
    expect(await start(w.sam, w.numberId, "555-01")).toBe("INVALID");
    expect(
      await messageOf(
        w.sam.mutation(api.conversations.startOneToOne, { numberId: w.numberId, phone: "555-01", body: "x" }),
      ),
    ).toBe('Can\'t text "555-01": not a valid phone number.');
    await w.t.run(async (ctx) => await ctx.db.patch("contacts", w.benId, { optedOut: true, optedOutVia: "keyword" }));
    expect(await start(w.sam, w.numberId, w.ben.phone)).toBe("OPTED_OUT");
    expect(await w.t.run(async (ctx) => await ctx.db.query("messages").collect())).toEqual([]);
  });

  test("during an active campaign, a 1:1 text to one of its contacts goes in the campaign conversation", async () => {
    const w = await world();
    const { conversationId } = await w.sam.mutation(api.conversations.startOneToOne, {
      numberId: w.numberId,
      phone: w.ada.phone,
      body: "Following up",
    });
    expect(conversationId).toBe(w.adaConv);
  });
});
