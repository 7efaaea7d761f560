/** Inbound texts through the webhook's transaction: routing, Needs attention, the VA's fallback, keywords. */
import { describe, expect, test } from "vitest";
import { api } from "../../_generated/api";
import type { Doc, Id } from "../../_generated/dataModel";
import {
  codeOf,
  conversationDoc,
  insertPhoneNumber,
  messagesOf,
  type MessagingTest,
  messagingTest,
  receiveText,
  useFakeClock,
} from "../../setup.test";
import { enqueueOutbound } from "../sending/outbound";

type World = MessagingTest;
const world = messagingTest;

/** Delivers one text as Twilio's webhook would, with NumSegments; returns the outcome. */
const text = async (w: World, from: string, body: string, extra: Record<string, string> = {}, to = w.e164) =>
  await receiveText(w, from, body, { NumSegments: "1", ...extra }, to);

const conversation = conversationDoc;
const contact = (w: World, id: Id<"contacts">) =>
  w.t.run(async (ctx) => (await ctx.db.get("contacts", id)) as Doc<"contacts">);
const inboxRows = (w: World, id: Id<"conversations">) =>
  w.t.run(async (ctx) =>
    (
      await ctx.db
        .query("inboxItems")
        .withIndex("by_conversationId", (q) => q.eq("conversationId", id))
        .collect()
    )
      .map((r) => r.inbox)
      .sort(),
  );
const campaignDoc = (w: World) =>
  w.t.run(async (ctx) => (await ctx.db.get("campaigns", w.campaignId)) as Doc<"campaigns">);

useFakeClock();

describe("routing", () => {
  test("a contact of the number's active campaign lands in the campaign conversation, needing attention", async () => {
    const w = await world();
    expect(await text(w, w.ada.phone, "What time on Friday?")).toBe("stored; needs attention");
    const c = await conversation(w, w.adaConv);
    expect(c).toMatchObject({ needsAttention: true, section: "needsAttention", lastDirection: "inbound" });
    expect(c.lastInboundAt).toBe(c.lastMessageAt);
    expect(await messagesOf(w, w.adaConv)).toMatchObject([
      {
        direction: "inbound",
        author: "contact",
        status: "received",
        body: "What time on Friday?",
        campaignId: w.campaignId,
      },
    ]);
    expect(await inboxRows(w, w.adaConv)).toEqual([`office:${w.admissions}`, `user:${w.samId}`].sort());
    expect((await campaignDoc(w)).needsAttentionCount).toBe(1);
    expect(await w.sam.query(api.conversations.sectionCounts, { campaignId: w.campaignId })).toEqual({
      needsAttention: 1,
      agent: 1,
      va: 0,
    });
  });

  test("an unknown contact gets a contact record and the number's standing conversation (unsolicited settings)", async () => {
    const w = await world();
    expect(await text(w, "+16175550177", "Hi, who is this?")).toBe("stored; needs attention");
    const { found, standing } = await w.t.run(async (ctx) => {
      const found = await ctx.db
        .query("contacts")
        .withIndex("by_phone", (q) => q.eq("phone", "+16175550177"))
        .unique();
      const standing = await ctx.db
        .query("conversations")
        .withIndex("by_numberId_and_contactId_and_campaignId", (q) =>
          q.eq("numberId", w.numberId).eq("contactId", found!._id).eq("campaignId", undefined),
        )
        .unique();
      return { found, standing };
    });
    expect(found).toMatchObject({ optedOut: false });
    expect(standing).toMatchObject({
      officeId: w.admissions,
      operatedBy: "agent",
      inboxes: { userIds: [w.rileyId], officeIds: [] },
      firstName: "",
      lastName: "",
      needsAttention: true,
    });
    expect(await inboxRows(w, standing!._id)).toEqual([`user:${w.rileyId}`]);
    // A second text goes to the same standing conversation.
    await text(w, "+16175550177", "Hello?");
    expect(await messagesOf(w, standing!._id)).toHaveLength(2);
  });

  test("a campaign contact texting a reusable number with no active campaign reaches the standing conversation, named", async () => {
    const w = await world();
    await w.t.run(async (ctx) => await ctx.db.patch("phoneNumbers", w.numberId, { activeCampaignId: undefined }));
    await text(w, w.ada.phone, "Me again");
    expect(await messagesOf(w, w.adaConv)).toHaveLength(0);
    const standing = await w.t.run(
      async (ctx) =>
        await ctx.db
          .query("conversations")
          .withIndex("by_numberId_and_contactId_and_campaignId", (q) =>
            q.eq("numberId", w.numberId).eq("contactId", w.adaId).eq("campaignId", undefined),
          )
          .unique(),
    );
    expect(standing).toMatchObject({ firstName: "Ada", lastName: "Lovelace", lastMessagePreview: "Me again" });
  });

  test("a released number's text is recorded and ignored", async () => {
    const w = await world();
    await w.t.run(async (ctx) => await ctx.db.patch("phoneNumbers", w.numberId, { status: "released" }));
    expect(await text(w, w.ada.phone, "hello")).toBe("ignored (not an active Parley number)");
    expect(await messagesOf(w, w.adaConv)).toHaveLength(0);
  });

  test("a stranger texting a single-use number has no conversation to land in", async () => {
    const w = await world();
    const singleUse = await insertPhoneNumber(w.t, w.admissions, { kind: "singleUse", campaignId: w.campaignId });
    const number = await w.t.run(async (ctx) => await ctx.db.get("phoneNumbers", singleUse));
    expect(await text(w, "+16175550177", "hi", {}, number!.e164)).toBe(
      "ignored (single-use number, contact not in its campaign)",
    );
    expect(await w.t.run(async (ctx) => (await ctx.db.query("messages").collect()).length)).toBe(0);
  });
});

describe("the Virtual Assistant (it never knows, for now)", () => {
  test("escalate: the conversation goes to Needs attention and nothing is sent", async () => {
    const w = await world({ operatedBy: "va", vaFallback: "escalate" });
    expect(await text(w, w.ada.phone, "Is there parking?")).toBe("stored; VA didn't know, needs attention");
    expect(await conversation(w, w.adaConv)).toMatchObject({ operatedBy: "va", needsAttention: true });
    expect((await messagesOf(w, w.adaConv)).filter((m) => m.direction === "outbound")).toEqual([]);
  });

  test("set reply: the VA sends it (author va), the conversation stays VA-operated; never twice in a row", async () => {
    const w = await world({ operatedBy: "va", vaFallback: "setReply", vaSetReply: "An advisor will text you soon." });
    expect(await text(w, w.ada.phone, "Is there parking?")).toBe("stored; VA didn't know, set reply sent");
    expect(await conversation(w, w.adaConv)).toMatchObject({ operatedBy: "va", needsAttention: false, section: "va" });
    const sent = (await messagesOf(w, w.adaConv)).filter((m) => m.direction === "outbound");
    expect(sent).toMatchObject([{ author: "va", body: "An advisor will text you soon.", status: "pending" }]);
    // Still unanswered after the set reply: a person takes over instead of a loop of set replies.
    expect(await text(w, w.ada.phone, "And food?")).toBe("stored; VA didn't know, needs attention");
    expect((await messagesOf(w, w.adaConv)).filter((m) => m.direction === "outbound")).toHaveLength(1);
    expect(await conversation(w, w.adaConv)).toMatchObject({ needsAttention: true });
  });

  test("a VA-operated standing conversation has no set reply: it escalates", async () => {
    const w = await world({ vaFallback: "setReply", vaSetReply: "Thanks!" });
    await w.t.run(async (ctx) => {
      const number = await ctx.db.get("phoneNumbers", w.numberId);
      await ctx.db.patch("phoneNumbers", w.numberId, { unsolicited: { ...number!.unsolicited!, handledBy: "va" } });
    });
    expect(await text(w, "+16175550177", "hi")).toBe("stored; VA didn't know, needs attention");
  });
});

describe("keywords", () => {
  test("STOP opts the contact out everywhere, cancels queued texts, clears Needs attention, sends nothing", async () => {
    const w = await world();
    await text(w, w.ada.phone, "question");
    await w.t.run(async (ctx) => {
      const c = (await ctx.db.get("conversations", w.adaConv))!;
      await enqueueOutbound(ctx, { conversation: c, body: "Queued reply", author: "agent" }, Date.now());
    });
    expect(await text(w, w.ada.phone, "Stop.")).toBe("stored; opted out (keyword), 1 queued canceled");
    expect(await contact(w, w.adaId)).toMatchObject({ optedOut: true, optedOutVia: "keyword" });
    const messages = await messagesOf(w, w.adaConv);
    expect(messages.map((m) => [m.body, m.status])).toEqual([
      ["question", "received"],
      ["Queued reply", "canceled"],
      ["Stop.", "received"],
    ]);
    expect(await conversation(w, w.adaConv)).toMatchObject({ needsAttention: false });
    expect((await campaignDoc(w)).needsAttentionCount).toBe(0);
    expect(await codeOf(w.sam.mutation(api.conversations.sendReply, { conversationId: w.adaConv, body: "hi" }))).toBe(
      "OPTED_OUT",
    );
    // Further texts are kept but nobody is asked to answer someone who can't be texted.
    expect(await text(w, w.ada.phone, "why?")).toBe("stored; contact opted out, not answered");
  });

  test("a plain-language request opts out too; START opts back in", async () => {
    const w = await world();
    expect(await text(w, w.ada.phone, "Please take me off your list, thanks")).toBe(
      "stored; opted out (phrase), 0 queued canceled",
    );
    expect(await contact(w, w.adaId)).toMatchObject({ optedOut: true, optedOutVia: "keyword" });
    expect(await text(w, w.ada.phone, "START")).toBe("stored; opted back in");
    const back = await contact(w, w.adaId);
    expect(back.optedOut).toBe(false);
    expect(back.optedOutVia).toBeUndefined();
    expect(await text(w, w.ada.phone, "Don't stop the program, I love it")).toBe("stored; needs attention");
  });

  test("Twilio's OptOutType is honoured", async () => {
    const w = await world();
    expect(await text(w, w.ada.phone, "ARRET", { OptOutType: "STOP" })).toContain("opted out (keyword)");
  });

  test("HELP is answered with the organization's help text (author system), never to an opted-out contact", async () => {
    const w = await world();
    expect(await text(w, w.ada.phone, "help")).toBe("stored; help answered");
    const sent = (await messagesOf(w, w.adaConv)).filter((m) => m.direction === "outbound");
    expect(sent).toMatchObject([
      { author: "system", body: "Parley U Admissions. Reply STOP to opt out.", status: "pending" },
    ]);
    expect(await conversation(w, w.adaConv)).toMatchObject({ needsAttention: false });
    await text(w, w.ben.phone, "STOP");
    expect(await text(w, w.ben.phone, "HELP")).toBe("stored; help not answered");
    expect((await messagesOf(w, w.benConv)).filter((m) => m.direction === "outbound")).toEqual([]);
  });
});
