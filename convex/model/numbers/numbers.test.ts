/** numbers.list / numbers.get, and the invariants the campaign lifecycle calls: one active campaign per number. */
import { describe, expect, test } from "vitest";
import { api } from "../../_generated/api";
import type { Doc, Id } from "../../_generated/dataModel";
import {
  codeOf,
  insertOffice,
  insertUser,
  messageOf,
  newTest,
  signedInAs,
  type T,
  insertCampaign,
} from "../../setup.test";
import { assertNumberUsable, claimForCampaign, numberProblem, releaseFromCampaign } from "./numbers";

type NumberFields = Partial<Omit<Doc<"phoneNumbers">, "_id" | "_creationTime">> & { officeId: Id<"offices"> };

let serial = 0;
async function insertNumber(t: T, fields: NumberFields): Promise<Id<"phoneNumbers">> {
  serial += 1;
  return await t.run(
    async (ctx) =>
      await ctx.db.insert("phoneNumbers", {
        e164: `+1617555${String(100 + serial).padStart(4, "0")}`,
        kind: "reusable",
        name: `Line ${serial}`,
        description: "",
        messagesPerSecond: 1,
        twilioSid: `PN${String(serial).padStart(32, "0")}`,
        status: "active",
        unsolicited: { handledBy: "agent", inboxes: { userIds: [], officeIds: [fields.officeId] } },
        provisionedAt: Date.now(),
        ...fields,
      }),
  );
}

async function setup() {
  const t = newTest();
  const admissions = await insertOffice(t, "Admissions");
  const advising = await insertOffice(t, "Advising");
  const samId = await insertUser(t, { name: "Sam Rivera", role: "standard", officeIds: [admissions] });
  return { t, admissions, advising, samId, sam: await signedInAs(t, samId) };
}

describe("numbers.list", () => {
  test("rows carry the office, the active campaign, and a single-use number's campaign", async () => {
    const { t, sam, samId, admissions } = await setup();
    const main = await insertNumber(t, { officeId: admissions, name: "Main line" });
    const launched = await insertCampaign(t, { officeId: admissions, createdBy: samId, title: "Open house" });
    await t.run(async (ctx) => {
      await ctx.db.patch("campaigns", launched, { status: "active", numberId: main });
      await claimForCampaign(ctx, main, launched);
    });
    const draft = await insertCampaign(t, { officeId: admissions, createdBy: samId, title: "Spring fair" });
    const single = await insertNumber(t, {
      officeId: admissions,
      kind: "singleUse",
      name: "Spring fair",
      e164: "+18005550100",
      campaignId: draft,
      unsolicited: undefined,
    });
    const rows = await sam.query(api.numbers.list, {});
    expect(
      rows.map((r) => [r._id, r.kind, r.type, r.activeCampaign?.title ?? null, r.campaign?.title ?? null]),
    ).toEqual([
      [main, "reusable", "local", "Open house", null],
      [single, "singleUse", "tollFree", null, "Spring fair"],
    ]);
    expect(rows[0]).toMatchObject({
      office: { _id: admissions, name: "Admissions" },
      name: "Main line",
      status: "active",
      releasedAt: null,
      unsolicited: { handledBy: "agent", inboxes: { userIds: [], officeIds: [admissions] } },
    });
    expect(rows[1].unsolicited).toBeNull();
  });

  test("filters by office and kind; released numbers only when asked, most recent first", async () => {
    const { t, sam, admissions } = await setup();
    const b = await insertNumber(t, { officeId: admissions, name: "B line" });
    const a = await insertNumber(t, { officeId: admissions, name: "A line" });
    const old = await insertNumber(t, { officeId: admissions, status: "released", releasedAt: 1_000 });
    const recent = await insertNumber(t, { officeId: admissions, status: "released", releasedAt: 2_000 });
    const single = await insertNumber(t, { officeId: admissions, kind: "singleUse" });
    const ids = async (args: Parameters<typeof sam.query<typeof api.numbers.list>>[1]) =>
      (await sam.query(api.numbers.list, args)).map((r) => r._id);
    expect(await ids({ officeId: admissions })).toEqual([a, b, single]);
    expect(await ids({ officeId: admissions, kind: "reusable", includeReleased: true })).toEqual([a, b, recent, old]);
    expect(await ids({ kind: "singleUse" })).toEqual([single]);
  });

  test("a user reads their offices' numbers; viewOtherOffices reads every office's; nobody else's", async () => {
    const { t, sam, admissions, advising } = await setup();
    const ours = await insertNumber(t, { officeId: admissions });
    const theirs = await insertNumber(t, { officeId: advising });
    expect((await sam.query(api.numbers.list, {})).map((r) => r._id)).toEqual([ours]);
    expect(await codeOf(sam.query(api.numbers.list, { officeId: advising }))).toBe("FORBIDDEN");
    expect(await codeOf(sam.query(api.numbers.get, { numberId: theirs }))).toBe("FORBIDDEN");
    const watcher = await signedInAs(
      t,
      await insertUser(t, { role: "limited", officeIds: [], viewOtherOffices: true }),
    );
    expect((await watcher.query(api.numbers.list, {})).map((r) => r._id).sort()).toEqual([ours, theirs].sort());
    expect(await codeOf(t.query(api.numbers.list, {}))).toBe("UNAUTHENTICATED");
  });
});

describe("numbers.get", () => {
  test("names the inboxes of the unsolicited settings, flagging deactivated people", async () => {
    const { t, sam, samId, admissions, advising } = await setup();
    const gone = await insertUser(t, { name: "Former Staff", officeIds: [admissions], deactivated: true });
    const numberId = await insertNumber(t, {
      officeId: admissions,
      unsolicited: { handledBy: "va", inboxes: { userIds: [samId, gone], officeIds: [advising] } },
    });
    expect((await sam.query(api.numbers.get, { numberId }))?.unsolicitedInboxes).toEqual({
      users: [
        { _id: samId, name: "Sam Rivera", deactivated: false },
        { _id: gone, name: "Former Staff", deactivated: true },
      ],
      offices: [{ _id: advising, name: "Advising" }],
    });
    await t.run(async (ctx) => await ctx.db.delete("phoneNumbers", numberId));
    expect(await sam.query(api.numbers.get, { numberId })).toBeNull();
  });
});

describe("one active campaign per number", () => {
  test("claiming for a second campaign is refused, naming the first; releasing frees the number", async () => {
    const { t, samId, admissions } = await setup();
    const numberId = await insertNumber(t, { officeId: admissions, e164: "+16175550101" });
    const first = await insertCampaign(t, { officeId: admissions, createdBy: samId, title: "Open house" });
    const second = await insertCampaign(t, { officeId: admissions, createdBy: samId, title: "Spring fair" });
    await t.run(async (ctx) => {
      await claimForCampaign(ctx, numberId, first);
      await ctx.db.patch("campaigns", first, { status: "active", numberId });
      await claimForCampaign(ctx, numberId, first);
    });
    const claimSecond = t.run(async (ctx) => await claimForCampaign(ctx, numberId, second));
    expect(await messageOf(claimSecond)).toBe(
      '(617) 555-0101 is in use by the active campaign "Open house". End it first or pick another number.',
    );
    await t.run(async (ctx) => await releaseFromCampaign(ctx, numberId, second));
    expect((await t.run(async (ctx) => await ctx.db.get("phoneNumbers", numberId)))?.activeCampaignId).toBe(first);
    await t.run(async (ctx) => {
      await releaseFromCampaign(ctx, numberId, first);
      await ctx.db.patch("campaigns", first, { status: "archived" });
      await claimForCampaign(ctx, numberId, second);
    });
    expect((await t.run(async (ctx) => await ctx.db.get("phoneNumbers", numberId)))?.activeCampaignId).toBe(second);
  });

  test("an active campaign pointing at the number counts even if it never claimed it; a stale claim doesn't", async () => {
    const { t, samId, admissions } = await setup();
    const numberId = await insertNumber(t, { officeId: admissions });
    const ended = await insertCampaign(t, { officeId: admissions, createdBy: samId, status: "archived", numberId });
    await t.run(async (ctx) => await ctx.db.patch("phoneNumbers", numberId, { activeCampaignId: ended }));
    const draft = await insertCampaign(t, { officeId: admissions, createdBy: samId });
    expect(await t.run(async (ctx) => await numberProblem(ctx, numberId, admissions, draft))).toBeNull();
    await insertCampaign(t, { officeId: admissions, createdBy: samId, status: "active", title: "Unclaimed", numberId });
    expect(await t.run(async (ctx) => await numberProblem(ctx, numberId, admissions, draft))).toMatchObject({
      code: "IN_USE",
      message: expect.stringContaining('"Unclaimed"'),
    });
  });

  test("a number is unusable when released, of another office, or another campaign's single-use number", async () => {
    const { t, samId, admissions, advising } = await setup();
    const campaignId = await insertCampaign(t, { officeId: admissions, createdBy: samId });
    const other = await insertCampaign(t, { officeId: admissions, createdBy: samId });
    const released = await insertNumber(t, { officeId: admissions, status: "released" });
    const elsewhere = await insertNumber(t, { officeId: advising });
    const othersOwn = await insertNumber(t, { officeId: admissions, kind: "singleUse", campaignId: other });
    const ownSingle = await insertNumber(t, { officeId: admissions, kind: "singleUse", campaignId });
    const usable = (numberId: Id<"phoneNumbers">) =>
      t.run(async (ctx) => (await assertNumberUsable(ctx, numberId, admissions, campaignId))._id);
    expect(await messageOf(usable(released))).toMatch(/was released back to Twilio/);
    expect(await messageOf(usable(elsewhere))).toMatch(/belongs to another office/);
    expect(await messageOf(usable(othersOwn))).toMatch(/single-use number of another campaign/);
    expect(await usable(ownSingle)).toBe(ownSingle);
    await t.run(async (ctx) => await ctx.db.delete("phoneNumbers", elsewhere));
    expect(await codeOf(usable(elsewhere))).toBe("NOT_FOUND");
  });
});
