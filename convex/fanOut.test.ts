/**
 * Texts too long once merged: lists keep each field's longest value (import, hand edits, clone),
 * readiness warns before launch, and the fan-out records a too-long text as failed instead of
 * handing it to Twilio (which would refuse it with 21617).
 */
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { fanOutBatch } from "./model/sending/fanOut";
import { campaignWorld, newTest, type T } from "./setup.test";

vi.mock("./twilio/sdk", async () => (await import("./setup.test")).fakeTwilioSdk());

beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2026, 3, 15, 16) });
});
afterEach(() => {
  vi.useRealTimers();
});

const phone = (i: number) => `+1415${String(2000000 + i).padStart(7, "0")}`;
const person = (i: number, fields: Record<string, string>) => ({
  ...{ row: i + 2, phone: phone(i), firstName: `Ana${i}`, lastName: "Diaz" },
  fields: { Program: "", Notes: "", ...fields },
});

const listDoc = (t: T, listId: Id<"contactLists">) => t.run(async (ctx) => await ctx.db.get("contactLists", listId));

describe("a list's longest values and readiness", () => {
  test("imports, hand edits and clones keep them; readiness names the field that can overflow", async () => {
    const t = newTest();
    const w = await campaignWorld(t);
    const listId = await w.sam.mutation(api.contactLists.create, {
      ...{ officeId: w.admissions, name: "Long notes", tags: [] },
      columns: ["Program", "Notes"],
    });
    const entries = [person(0, { Program: "Nursing", Notes: "short" }), person(1, { Notes: "n".repeat(900) })];
    await w.sam.mutation(api.contactLists.appendBatch, { listId, batchIndex: 0, entries });
    await w.sam.mutation(api.contactLists.finish, { listId });
    expect((await listDoc(t, listId))?.maxLengths).toEqual({ firstName: 4, lastName: 4, phone: 12, columns: [7, 900] });
    await w.sam.mutation(api.contactLists.addEntry, {
      ...{ listId, phone: "415 555 0199", firstName: "Maximiliano" },
      fields: { Notes: "m".repeat(1000) },
    });
    expect((await listDoc(t, listId))?.maxLengths).toEqual({
      ...{ firstName: 11, lastName: 4, phone: 12 },
      columns: [7, 1000],
    });

    const fits = await w.sam.mutation(api.campaigns.create, { ...w.ready, listId, message: "Hi {firstName}: {Notes}" });
    expect(await w.sam.query(api.campaigns.readiness, { campaignId: fits })).toEqual([]);
    const message = `Hi {firstName}, ${"a".repeat(600)} {Notes}`;
    const overflows = await w.sam.mutation(api.campaigns.create, { ...w.ready, listId, message });
    expect(await w.sam.query(api.campaigns.readiness, { campaignId: overflows })).toEqual([
      {
        field: "message",
        message:
          "With the longest values on the contact list — {Notes} (up to 1,000 characters), {firstName} (up to 11 characters) — " +
          "the text can reach 1,617 characters; texts can be at most 1,600. Shorten the message or those values on the list.",
      },
    ]);

    const cloneId = await w.sam.mutation(api.contactLists.clone, { listId, name: "Copy" });
    expect((await listDoc(t, cloneId))?.maxLengths).toEqual((await listDoc(t, listId))?.maxLengths);
  });

  test("a list made before lengths were kept reads as unknown: no warning", async () => {
    const t = newTest();
    const w = await campaignWorld(t);
    expect((await listDoc(t, w.listId))?.maxLengths).toBeUndefined();
    const campaignId = await w.sam.mutation(api.campaigns.create, { ...w.ready, message: "{Program} ".repeat(150) });
    expect(await w.sam.query(api.campaigns.readiness, { campaignId })).toEqual([]);
  });
});

describe("the fan-out", () => {
  test("a text over 1,600 characters once merged is recorded as failed with its length, not sent", async () => {
    const t = newTest();
    const w = await campaignWorld(t);
    await t.run(async (ctx) => {
      for (const [i, program] of ["Nursing", "p".repeat(1590)].entries()) {
        const contactId = await ctx.db.insert("contacts", { phone: phone(i), optedOut: false });
        await ctx.db.insert("listEntries", {
          ...{ listId: w.listId, contactId, phone: phone(i), firstName: "Jo", lastName: "Lee" },
          ...{ fields: { Program: program }, row: i + 2, searchText: "" },
        });
      }
    });
    const campaignId = await w.sam.mutation(api.campaigns.create, w.ready);
    await t.run(async (ctx) => await ctx.db.patch("campaigns", campaignId, { status: "active" }));
    const progress = await t.run(async (ctx) => await fanOutBatch(ctx, campaignId, null, Date.now()));
    expect(progress).toEqual({ created: 1, failed: 1, skipped: 0, done: true });

    const { messages, outbox } = await t.run(async (ctx) => ({
      messages: await ctx.db.query("messages").collect(),
      outbox: await ctx.db.query("outbox").collect(),
    }));
    const long = messages.find((m) => m.to === phone(1));
    expect(long).toMatchObject({
      status: "failed",
      author: "campaign",
      errorReason: "The text with this contact's merge fields is 1,631 characters; texts can be at most 1,600.",
    });
    expect(messages.find((m) => m.to === phone(0))?.status).toBe("pending");
    expect(outbox.map((row) => row.messageId)).toEqual([messages.find((m) => m.to === phone(0))?._id]);
    const conversation = await t.run(async (ctx) => await ctx.db.get("conversations", long!.conversationId));
    expect(conversation?.campaignMessageId).toBe(long?._id);

    const analytics = await w.sam.query(api.analytics.campaign, { campaignId });
    expect(analytics.sendStatus).toMatchObject({ total: 1, failed: 1, waiting: 1, succeeded: 0 });
  });
});
