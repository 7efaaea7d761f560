/** contacts.*: manual opt-out and its lift, who may do them, and the Contacts tab's status columns. */
import { describe, expect, test } from "vitest";
import { api } from "./_generated/api";
import type { Doc, Id } from "./_generated/dataModel";
import {
  codeOf,
  insertUser,
  type MessagingTest,
  messagingTest,
  queueText,
  signedInAs,
  useFakeClock,
} from "./setup.test";

type World = MessagingTest;
const world = async () => await messagingTest();

const contact = (w: World, id: Id<"contacts">) =>
  w.t.run(async (ctx) => (await ctx.db.get("contacts", id)) as Doc<"contacts">);

const queue = queueText;

useFakeClock(Date.UTC(2026, 8, 1, 15));

describe("opting out by hand", () => {
  test("any role in the office opts a contact out from a conversation; queued texts are canceled", async () => {
    const w = await world();
    const queued = await queue(w, w.adaConv, "agent", "See you Friday");
    await w.lee.mutation(api.contacts.optOut, { contactId: w.adaId, context: { conversationId: w.adaConv } });
    expect(await contact(w, w.adaId)).toMatchObject({
      optedOut: true,
      optedOutVia: "agent",
      optedOutAt: expect.any(Number),
    });
    expect(await w.t.run(async (ctx) => await ctx.db.get("messages", queued))).toMatchObject({ status: "canceled" });
    expect(await codeOf(w.sam.mutation(api.conversations.sendReply, { conversationId: w.adaConv, body: "hi" }))).toBe(
      "OPTED_OUT",
    );
    expect(await w.sam.query(api.contacts.get, { contactId: w.adaId, context: { conversationId: w.adaConv } })).toEqual(
      {
        _id: w.adaId,
        phone: w.ada.phone,
        optedOut: true,
        optedOutAt: expect.any(Number),
        optedOutVia: "agent",
      },
    );
  });

  test("from the campaign's Contacts tab, for contacts on its list only", async () => {
    const w = await world();
    await w.lee.mutation(api.contacts.optOut, { contactId: w.benId, context: { campaignId: w.campaignId } });
    expect((await contact(w, w.benId)).optedOut).toBe(true);
    const strangerId = await w.t.run(
      async (ctx) => await ctx.db.insert("contacts", { phone: "+16175550199", optedOut: false }),
    );
    expect(
      await codeOf(
        w.lee.mutation(api.contacts.optOut, { contactId: strangerId, context: { campaignId: w.campaignId } }),
      ),
    ).toBe("NOT_FOUND");
    expect(
      await codeOf(w.lee.mutation(api.contacts.optOut, { contactId: w.adaId, context: { conversationId: w.benConv } })),
    ).toBe("NOT_FOUND");
  });

  test("refused to people outside the office, and to read-only viewers", async () => {
    const w = await world();
    const viewerId = await insertUser(w.t, { role: "admin", officeIds: [w.advising], viewOtherOffices: true });
    const viewer = await signedInAs(w.t, viewerId);
    for (const caller of [w.avery, viewer])
      expect(
        await codeOf(
          caller.mutation(api.contacts.optOut, { contactId: w.adaId, context: { conversationId: w.adaConv } }),
        ),
      ).toBe("FORBIDDEN");
    expect((await contact(w, w.adaId)).optedOut).toBe(false);
  });
});

describe("lifting an opt-out", () => {
  test("only an Admin of the office lifts it", async () => {
    const w = await world();
    await w.lee.mutation(api.contacts.optOut, { contactId: w.adaId, context: { conversationId: w.adaConv } });
    const lift = (caller: typeof w.sam) =>
      codeOf(caller.mutation(api.contacts.liftOptOut, { contactId: w.adaId, context: { conversationId: w.adaConv } }));
    const otherAdmin = await signedInAs(w.t, await insertUser(w.t, { role: "admin", officeIds: [w.advising] }));
    expect(await lift(w.lee)).toBe("FORBIDDEN");
    expect(await lift(w.sam)).toBe("FORBIDDEN");
    expect(await lift(otherAdmin)).toBe("FORBIDDEN");
    expect((await contact(w, w.adaId)).optedOut).toBe(true);
    expect(await lift(w.alex)).toBe("OK");
    const lifted = await contact(w, w.adaId);
    expect(lifted.optedOut).toBe(false);
    expect(lifted.optedOutVia).toBeUndefined();
    expect(await codeOf(w.sam.mutation(api.conversations.sendReply, { conversationId: w.adaConv, body: "hi" }))).toBe(
      "OK",
    );
  });
});

describe("the Contacts tab's status columns", () => {
  test("the campaign's text exactly as sent, with its delivery status and reason", async () => {
    const w = await world();
    const sent = await queue(w, w.adaConv, "campaign", "Hi Ada, your Nursing open house is Friday at 5pm.");
    await w.t.run(async (ctx) => {
      await ctx.db.patch("messages", sent, { status: "failed", errorCode: 30006, errorReason: "Landline" });
      await ctx.db.patch("contacts", w.benId, { optedOut: true, optedOutVia: "keyword" });
    });
    const strangerId = await w.t.run(
      async (ctx) => await ctx.db.insert("contacts", { phone: "+16175550199", optedOut: false }),
    );
    const rows = await w.lee.query(api.contacts.campaignStatus, {
      campaignId: w.campaignId,
      contactIds: [w.adaId, w.benId, strangerId],
    });
    expect(rows).toEqual([
      {
        contactId: w.adaId,
        optedOut: false,
        optedOutVia: null,
        conversationId: w.adaConv,
        message: {
          _id: sent,
          body: "Hi Ada, your Nursing open house is Friday at 5pm.",
          status: "failed",
          attempts: 0,
          errorCode: 30006,
          errorReason: "Landline",
          sentAt: null,
          deliveredAt: null,
        },
      },
      { contactId: w.benId, optedOut: true, optedOutVia: "keyword", conversationId: w.benConv, message: null },
    ]);
    expect(
      await codeOf(w.avery.query(api.contacts.campaignStatus, { campaignId: w.campaignId, contactIds: [w.adaId] })),
    ).toBe("FORBIDDEN");
  });
});
