/** numbers.*: provisioning through Twilio (a fake account behind the SDK boundary), editing, releasing, denials. */
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api, internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import type { UnsolicitedSettings } from "./validators";
import {
  codeOf,
  fakeTwilio,
  insertOffice,
  insertUser,
  messageOf,
  newTest,
  signedInAs,
  twilioRestError,
  type T,
  insertCampaign,
} from "./setup.test";

vi.mock("./twilio/sdk", async () => (await import("./setup.test")).fakeTwilioSdk());

const SITE = "https://parley-test.convex.site";
const MAIN = "+16175550123";
const SECOND = "+16175550124";
const TOLL_FREE = "+18005550199";

beforeEach(() => {
  vi.stubEnv("CONVEX_SITE_URL", SITE);
  fakeTwilio.reset([MAIN, SECOND, TOLL_FREE]);
  return () => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  };
});

async function setup() {
  const t = newTest();
  const admissions = await insertOffice(t, "Admissions");
  const advising = await insertOffice(t, "Advising");
  const adminId = await insertUser(t, { name: "Avery Admin", role: "admin", officeIds: [admissions] });
  const samId = await insertUser(t, { name: "Sam Rivera", role: "standard", officeIds: [admissions] });
  const leeId = await insertUser(t, { name: "Lee Morgan", role: "limited", officeIds: [admissions] });
  const adaId = await insertUser(t, { name: "Ada Advisor", role: "standard", officeIds: [advising] });
  return {
    t,
    admissions,
    advising,
    adminId,
    samId,
    leeId,
    adaId,
    admin: await signedInAs(t, adminId),
    sam: await signedInAs(t, samId),
    lee: await signedInAs(t, leeId),
    ada: await signedInAs(t, adaId),
    adviceAdmin: await signedInAs(t, await insertUser(t, { role: "admin", officeIds: [advising] })),
  };
}

const toOffice = (officeId: Id<"offices">): UnsolicitedSettings => ({
  handledBy: "agent",
  inboxes: { userIds: [], officeIds: [officeId] },
});

function reusable(
  officeId: Id<"offices">,
  fields: { phoneNumber?: string; name?: string; messagesPerSecond?: number; unsolicited?: UnsolicitedSettings } = {},
) {
  return {
    officeId,
    phoneNumber: MAIN,
    name: " Main   line ",
    description: " Admissions' public number ",
    unsolicited: toOffice(officeId),
    ...fields,
  };
}

const numberDoc = (t: T, id: Id<"phoneNumbers">) => t.run(async (ctx) => await ctx.db.get("phoneNumbers", id));
const campaignDoc = (t: T, id: Id<"campaigns">) => t.run(async (ctx) => await ctx.db.get("campaigns", id));
const allNumbers = (t: T) => t.run(async (ctx) => await ctx.db.query("phoneNumbers").collect());

describe("numbers.searchAvailable", () => {
  test("lists SMS numbers for sale in an area code, with the default throughput of their type", async () => {
    const { admin } = await setup();
    expect(await admin.action(api.numbers.searchAvailable, { areaCode: "617", kind: "reusable" })).toEqual([
      { phoneNumber: MAIN, friendlyName: MAIN, locality: "Boston", region: "MA", type: "local", messagesPerSecond: 1 },
      {
        phoneNumber: SECOND,
        friendlyName: SECOND,
        locality: "Boston",
        region: "MA",
        type: "local",
        messagesPerSecond: 1,
      },
    ]);
    const tollFree = await admin.action(api.numbers.searchAvailable, { areaCode: " 800 ", kind: "reusable" });
    expect(tollFree).toMatchObject([{ phoneNumber: TOLL_FREE, type: "tollFree", messagesPerSecond: 3 }]);
  });

  test("reusable numbers are searched by admins; single-use by anyone who writes campaigns", async () => {
    const { t, admin, sam, lee } = await setup();
    expect(await codeOf(sam.action(api.numbers.searchAvailable, { areaCode: "617", kind: "reusable" }))).toBe(
      "FORBIDDEN",
    );
    expect(await sam.action(api.numbers.searchAvailable, { areaCode: "617", kind: "singleUse" })).toHaveLength(2);
    expect(await admin.action(api.numbers.searchAvailable, { areaCode: "617", kind: "singleUse" })).toHaveLength(2);
    expect(await codeOf(lee.action(api.numbers.searchAvailable, { areaCode: "617", kind: "singleUse" }))).toBe(
      "FORBIDDEN",
    );
    expect(await codeOf(t.action(api.numbers.searchAvailable, { areaCode: "617", kind: "singleUse" }))).toBe(
      "UNAUTHENTICATED",
    );
    expect(fakeTwilio.calls).toEqual(["search 617", "search 617"]);
  });

  test("an area code must be three digits; Twilio isn't asked otherwise", async () => {
    const { admin } = await setup();
    for (const areaCode of ["61", "abcd", "117"])
      expect(await messageOf(admin.action(api.numbers.searchAvailable, { areaCode, kind: "reusable" }))).toMatch(
        /3-digit US area code/,
      );
    expect(fakeTwilio.calls).toEqual([]);
  });

  test("Twilio's failures come back as sentences", async () => {
    const { admin } = await setup();
    fakeTwilio.failures.list.push(twilioRestError(401, 20003, "Authenticate"));
    expect(await messageOf(admin.action(api.numbers.searchAvailable, { areaCode: "617", kind: "reusable" }))).toBe(
      "Twilio rejected the credentials: check TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN.",
    );
  });
});

describe("numbers.provisionReusable", () => {
  test("buys the number with Parley's webhooks and records it for the office", async () => {
    const { t, admin, admissions } = await setup();
    const id = await admin.action(api.numbers.provisionReusable, reusable(admissions));
    const [owned] = [...fakeTwilio.owned.values()];
    expect(owned).toEqual({
      sid: expect.stringMatching(/^PN[0-9a-f]{32}$/),
      phoneNumber: MAIN,
      friendlyName: "Parley · Admissions · Main line",
      smsUrl: `${SITE}/twilio/inbound`,
      statusCallback: `${SITE}/twilio/status`,
    });
    expect(await numberDoc(t, id)).toMatchObject({
      officeId: admissions,
      e164: MAIN,
      kind: "reusable",
      name: "Main line",
      description: "Admissions' public number",
      messagesPerSecond: 1,
      twilioSid: owned.sid,
      status: "active",
      unsolicited: toOffice(admissions),
      provisionedAt: expect.any(Number),
    });
  });

  test("toll-free numbers default to 3 messages per second; an explicit throughput is kept", async () => {
    const { t, admin, admissions } = await setup();
    const tollFree = await admin.action(
      api.numbers.provisionReusable,
      reusable(admissions, { phoneNumber: TOLL_FREE }),
    );
    expect((await numberDoc(t, tollFree))?.messagesPerSecond).toBe(3);
    const fast = await admin.action(api.numbers.provisionReusable, reusable(admissions, { messagesPerSecond: 40 }));
    expect((await numberDoc(t, fast))?.messagesPerSecond).toBe(40);
  });

  test("only an admin of the office may provision; nobody else reaches Twilio", async () => {
    const { t, sam, lee, ada, adviceAdmin, admissions } = await setup();
    for (const caller of [sam, lee, ada, adviceAdmin])
      expect(await codeOf(caller.action(api.numbers.provisionReusable, reusable(admissions)))).toBe("FORBIDDEN");
    expect(await codeOf(t.action(api.numbers.provisionReusable, reusable(admissions)))).toBe("UNAUTHENTICATED");
    expect(fakeTwilio.calls).toEqual([]);
    expect(await allNumbers(t)).toEqual([]);
  });

  test("settings are checked before anything is bought", async () => {
    const { t, admin, admissions, advising, samId, adaId } = await setup();
    const refused = async (fields: Parameters<typeof reusable>[1]) =>
      await messageOf(admin.action(api.numbers.provisionReusable, reusable(admissions, fields)));
    expect(await refused({ messagesPerSecond: 0 })).toMatch(/whole number from 1 to 1000/);
    expect(await refused({ messagesPerSecond: 1001 })).toMatch(/whole number from 1 to 1000/);
    expect(await refused({ messagesPerSecond: 2.5 })).toMatch(/whole number from 1 to 1000/);
    expect(await refused({ name: "  " })).toMatch(/Enter a name for the number/);
    expect(await refused({ phoneNumber: "617-555-0123" })).toMatch(/isn't a US phone number/);
    expect(await refused({ unsolicited: { handledBy: "va", inboxes: { userIds: [], officeIds: [] } } })).toMatch(
      /at least one inbox/,
    );
    expect(await refused({ unsolicited: { handledBy: "agent", inboxes: { userIds: [adaId], officeIds: [] } } })).toBe(
      "Ada Advisor isn't a member of Admissions; only its members can receive this number's messages.",
    );
    await t.run(async (ctx) => await ctx.db.patch("users", samId, { deactivated: true }));
    expect(
      await refused({ unsolicited: { handledBy: "agent", inboxes: { userIds: [samId], officeIds: [] } } }),
    ).toMatch(/Sam Rivera is deactivated/);
    await t.run(async (ctx) => await ctx.db.delete("offices", advising));
    expect(
      await codeOf(
        admin.action(api.numbers.provisionReusable, reusable(admissions, { unsolicited: toOffice(advising) })),
      ),
    ).toBe("NOT_FOUND");
    expect(fakeTwilio.calls).toEqual([]);
  });

  test("a number Parley already holds is refused before Twilio is asked", async () => {
    const { admin, admissions } = await setup();
    await admin.action(api.numbers.provisionReusable, reusable(admissions));
    fakeTwilio.calls = [];
    expect(await messageOf(admin.action(api.numbers.provisionReusable, reusable(admissions)))).toBe(
      "(617) 555-0123 is already one of Parley's numbers.",
    );
    expect(fakeTwilio.calls).toEqual([]);
  });

  test("a number sold meanwhile is reported as unavailable", async () => {
    const { t, admin, admissions } = await setup();
    fakeTwilio.forSale.delete(MAIN);
    const call = admin.action(api.numbers.provisionReusable, reusable(admissions));
    expect(await messageOf(call)).toBe(
      "(617) 555-0123 isn't available from Twilio any more. Search again and pick another number.",
    );
    expect(await allNumbers(t)).toEqual([]);
  });

  test("Twilio's 429 is retried, and the number is bought once", async () => {
    const { admin, admissions } = await setup();
    fakeTwilio.failures.create.push(twilioRestError(429, 20429), twilioRestError(429, 20429));
    await admin.action(api.numbers.provisionReusable, reusable(admissions));
    expect(fakeTwilio.calls).toEqual([`create ${MAIN}`, `create ${MAIN}`, `create ${MAIN}`]);
    expect(fakeTwilio.owned.size).toBe(1);
  });

  test("a number Twilio sold but Parley couldn't record is released again (compensation)", async () => {
    const { t, admin, admissions, samId } = await setup();
    const toSam = { handledBy: "agent" as const, inboxes: { userIds: [samId], officeIds: [] } };
    fakeTwilio.duringCreate = async () => {
      await t.run(async (ctx) => await ctx.db.patch("users", samId, { deactivated: true }));
    };
    const call = admin.action(api.numbers.provisionReusable, reusable(admissions, { unsolicited: toSam }));
    expect(await messageOf(call)).toBe(
      "Sam Rivera is deactivated and can't receive messages. Choose someone else. (617) 555-0123 was released back to Twilio, so it isn't kept or billed.",
    );
    expect(fakeTwilio.owned.size).toBe(0);
    expect(fakeTwilio.calls).toEqual([`create ${MAIN}`, expect.stringMatching(/^remove PN/)]);
    expect(await allNumbers(t)).toEqual([]);
  });

  test("when the compensating release fails too, the error names the SID to release by hand", async () => {
    const { t, admin, admissions, samId } = await setup();
    const toSam = { handledBy: "agent" as const, inboxes: { userIds: [samId], officeIds: [] } };
    fakeTwilio.duringCreate = async () => {
      await t.run(async (ctx) => await ctx.db.patch("users", samId, { deactivated: true }));
    };
    fakeTwilio.failures.remove.push(twilioRestError(503));
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const message = await messageOf(
      admin.action(api.numbers.provisionReusable, reusable(admissions, { unsolicited: toSam })),
    );
    const [sid] = [...fakeTwilio.owned.keys()];
    expect(message).toContain("Sam Rivera is deactivated");
    expect(message).toContain("releasing it failed too (Twilio is having trouble (HTTP 503)");
    expect(message).toContain(`release ${sid} in the Twilio console`);
    expect(logged).toHaveBeenCalledWith(expect.stringContaining(sid), expect.anything(), expect.anything());
    expect(await codeOf(admin.action(api.numbers.provisionReusable, reusable(admissions)))).toBe("NUMBER_UNAVAILABLE");
  });
});

describe("numbers.provisionSingleUse", () => {
  test("a campaign creator provisions a number for a draft; it becomes the campaign's number", async () => {
    const { t, sam, samId, admissions } = await setup();
    const campaignId = await insertCampaign(t, { officeId: admissions, createdBy: samId });
    const numberId = await sam.action(api.numbers.provisionSingleUse, { campaignId, phoneNumber: MAIN });
    expect(await numberDoc(t, numberId)).toMatchObject({
      officeId: admissions,
      e164: MAIN,
      kind: "singleUse",
      name: "Fall welcome",
      messagesPerSecond: 1,
      status: "active",
      campaignId,
    });
    expect((await numberDoc(t, numberId))?.unsolicited).toBeUndefined();
    expect((await campaignDoc(t, campaignId))?.numberId).toBe(numberId);
    expect([...fakeTwilio.owned.values()][0].friendlyName).toBe("Parley · Fall welcome");
  });

  test("provisioning again replaces the draft's single-use number and releases the old one", async () => {
    const { t, sam, samId, admissions } = await setup();
    const campaignId = await insertCampaign(t, { officeId: admissions, createdBy: samId, status: "scheduled" });
    const first = await sam.action(api.numbers.provisionSingleUse, { campaignId, phoneNumber: MAIN });
    const second = await sam.action(api.numbers.provisionSingleUse, { campaignId, phoneNumber: SECOND });
    expect((await campaignDoc(t, campaignId))?.numberId).toBe(second);
    expect(await numberDoc(t, first)).toMatchObject({ status: "released", releasedAt: expect.any(Number) });
    expect([...fakeTwilio.owned.values()].map((n) => n.phoneNumber)).toEqual([SECOND]);
  });

  test("a reusable number the draft had is left alone", async () => {
    const { t, admin, sam, samId, admissions } = await setup();
    const reusableId = await admin.action(api.numbers.provisionReusable, reusable(admissions));
    const campaignId = await insertCampaign(t, { officeId: admissions, createdBy: samId, numberId: reusableId });
    await sam.action(api.numbers.provisionSingleUse, { campaignId, phoneNumber: SECOND });
    expect((await numberDoc(t, reusableId))?.status).toBe("active");
  });

  test("only drafts and scheduled campaigns of the caller's offices; never for Limited users", async () => {
    const { t, sam, lee, ada, samId, admissions } = await setup();
    const draft = await insertCampaign(t, { officeId: admissions, createdBy: samId });
    expect(await codeOf(lee.action(api.numbers.provisionSingleUse, { campaignId: draft, phoneNumber: MAIN }))).toBe(
      "FORBIDDEN",
    );
    expect(await codeOf(ada.action(api.numbers.provisionSingleUse, { campaignId: draft, phoneNumber: MAIN }))).toBe(
      "FORBIDDEN",
    );
    expect(await codeOf(t.action(api.numbers.provisionSingleUse, { campaignId: draft, phoneNumber: MAIN }))).toBe(
      "UNAUTHENTICATED",
    );
    for (const status of ["active", "archived"] as const) {
      const campaignId = await insertCampaign(t, { officeId: admissions, createdBy: samId, status, title: "Spring" });
      expect(await messageOf(sam.action(api.numbers.provisionSingleUse, { campaignId, phoneNumber: MAIN }))).toBe(
        `"Spring" is ${status}: only a draft or scheduled campaign can get a new phone number.`,
      );
    }
    await t.run(async (ctx) => await ctx.db.delete("campaigns", draft));
    expect(await codeOf(sam.action(api.numbers.provisionSingleUse, { campaignId: draft, phoneNumber: MAIN }))).toBe(
      "NOT_FOUND",
    );
    expect(fakeTwilio.calls).toEqual([]);
  });

  test("a campaign launched while Twilio provisioned gets no number, and the number is released", async () => {
    const { t, sam, samId, admissions } = await setup();
    const campaignId = await insertCampaign(t, { officeId: admissions, createdBy: samId });
    fakeTwilio.duringCreate = async () => {
      await t.run(async (ctx) => await ctx.db.patch("campaigns", campaignId, { status: "active" }));
    };
    const call = sam.action(api.numbers.provisionSingleUse, { campaignId, phoneNumber: MAIN });
    expect(await codeOf(call)).toBe("WRONG_STATE");
    expect(fakeTwilio.owned.size).toBe(0);
    expect(await allNumbers(t)).toEqual([]);
    expect((await campaignDoc(t, campaignId))?.numberId).toBeUndefined();
  });
});

describe("numbers.update and numbers.setUnsolicited", () => {
  test("an admin renames, describes and re-paces a number", async () => {
    const { t, admin, admissions } = await setup();
    const numberId = await admin.action(api.numbers.provisionReusable, reusable(admissions));
    await admin.mutation(api.numbers.update, { numberId, name: "Front desk", description: "", messagesPerSecond: 5 });
    expect(await numberDoc(t, numberId)).toMatchObject({ name: "Front desk", description: "", messagesPerSecond: 5 });
    await admin.mutation(api.numbers.update, { numberId, description: "Walk-in questions" });
    expect(await numberDoc(t, numberId)).toMatchObject({ name: "Front desk", description: "Walk-in questions" });
    expect(await messageOf(admin.mutation(api.numbers.update, { numberId, messagesPerSecond: 5000 }))).toMatch(
      /1 to 1000/,
    );
  });

  test("an admin routes unsolicited messages to members and offices; every id is checked", async () => {
    const { t, admin, admissions, advising, samId, leeId, adaId } = await setup();
    const numberId = await admin.action(api.numbers.provisionReusable, reusable(admissions));
    const settings = { handledBy: "va" as const, inboxes: { userIds: [samId, leeId, samId], officeIds: [advising] } };
    await admin.mutation(api.numbers.setUnsolicited, { numberId, unsolicited: settings });
    expect((await numberDoc(t, numberId))?.unsolicited).toEqual({
      handledBy: "va",
      inboxes: { userIds: [samId, leeId], officeIds: [advising] },
    });
    const refused = async (unsolicited: UnsolicitedSettings) =>
      await messageOf(admin.mutation(api.numbers.setUnsolicited, { numberId, unsolicited }));
    expect(await refused({ handledBy: "agent", inboxes: { userIds: [adaId], officeIds: [] } })).toMatch(
      /Ada Advisor isn't a member of Admissions/,
    );
    await t.run(async (ctx) => await ctx.db.delete("users", adaId));
    expect(await refused({ handledBy: "agent", inboxes: { userIds: [adaId], officeIds: [] } })).toMatch(
      /doesn't exist any more/,
    );
    expect(await refused({ handledBy: "agent", inboxes: { userIds: [], officeIds: [] } })).toMatch(
      /at least one inbox/,
    );
    expect((await numberDoc(t, numberId))?.unsolicited?.handledBy).toBe("va");
  });

  test("single-use and released numbers have no settings to change", async () => {
    const { t, admin, adminId, admissions } = await setup();
    const campaignId = await insertCampaign(t, { officeId: admissions, createdBy: adminId });
    const singleUse = await admin.action(api.numbers.provisionSingleUse, { campaignId, phoneNumber: MAIN });
    expect(
      await messageOf(
        admin.mutation(api.numbers.setUnsolicited, { numberId: singleUse, unsolicited: toOffice(admissions) }),
      ),
    ).toMatch(/single-use number: its campaign's settings decide/);
    const numberId = await admin.action(api.numbers.provisionReusable, reusable(admissions, { phoneNumber: SECOND }));
    await admin.action(api.numbers.release, { numberId });
    expect(await messageOf(admin.mutation(api.numbers.update, { numberId, name: "Again" }))).toMatch(/was released/);
  });

  test("only admins of the number's office", async () => {
    const { t, admin, sam, lee, adviceAdmin, admissions } = await setup();
    const numberId = await admin.action(api.numbers.provisionReusable, reusable(admissions));
    for (const caller of [sam, lee, adviceAdmin]) {
      expect(await codeOf(caller.mutation(api.numbers.update, { numberId, name: "Mine" }))).toBe("FORBIDDEN");
      expect(
        await codeOf(caller.mutation(api.numbers.setUnsolicited, { numberId, unsolicited: toOffice(admissions) })),
      ).toBe("FORBIDDEN");
    }
    expect(await codeOf(t.mutation(api.numbers.update, { numberId, name: "Mine" }))).toBe("UNAUTHENTICATED");
    expect(
      await messageOf(sam.mutation(api.numbers.setUnsolicited, { numberId, unsolicited: toOffice(admissions) })),
    ).toMatch(/Standard.*unsolicited-message settings/);
    expect((await numberDoc(t, numberId))?.name).toBe("Main line");
  });
});

describe("numbers.release", () => {
  test("an admin releases a reusable number: Twilio gives it back and the row says released", async () => {
    const { t, admin, admissions } = await setup();
    const numberId = await admin.action(api.numbers.provisionReusable, reusable(admissions));
    expect(await admin.action(api.numbers.release, { numberId })).toBeNull();
    expect(await numberDoc(t, numberId)).toMatchObject({ status: "released", releasedAt: expect.any(Number) });
    expect(fakeTwilio.owned.size).toBe(0);
    fakeTwilio.calls = [];
    await admin.action(api.numbers.release, { numberId });
    expect(fakeTwilio.calls).toEqual([]);
  });

  test("refused while a campaign is active on the number or scheduled to use it, naming the campaign", async () => {
    const { t, admin, adminId, admissions } = await setup();
    const numberId = await admin.action(api.numbers.provisionReusable, reusable(admissions));
    const scheduled = await insertCampaign(t, {
      officeId: admissions,
      createdBy: adminId,
      status: "scheduled",
      title: "Open house",
      numberId,
    });
    expect(await messageOf(admin.action(api.numbers.release, { numberId }))).toBe(
      'The scheduled campaign "Open house" will send from (617) 555-0123. Give it another number or return it to draft first.',
    );
    await t.run(async (ctx) => await ctx.db.patch("campaigns", scheduled, { status: "active" }));
    const call = admin.action(api.numbers.release, { numberId });
    expect(await codeOf(call)).toBe("IN_USE");
    expect(await messageOf(admin.action(api.numbers.release, { numberId }))).toBe(
      '(617) 555-0123 is in use by the active campaign "Open house". End that campaign before releasing the number.',
    );
    expect((await numberDoc(t, numberId))?.status).toBe("active");
    expect(fakeTwilio.owned.size).toBe(1);
  });

  test("when Twilio refuses, the number stays active", async () => {
    const { t, admin, admissions } = await setup();
    const numberId = await admin.action(api.numbers.provisionReusable, reusable(admissions));
    fakeTwilio.failures.remove.push(twilioRestError(500));
    expect(await codeOf(admin.action(api.numbers.release, { numberId }))).toBe("TWILIO");
    expect(await numberDoc(t, numberId)).toMatchObject({ status: "active" });
    expect((await numberDoc(t, numberId))?.releasedAt).toBeUndefined();
  });

  test("a number Twilio no longer has (released in its console) is simply marked released", async () => {
    const { t, admin, admissions } = await setup();
    const numberId = await admin.action(api.numbers.provisionReusable, reusable(admissions));
    fakeTwilio.owned.clear();
    await admin.action(api.numbers.release, { numberId });
    expect((await numberDoc(t, numberId))?.status).toBe("released");
  });

  test("reusable numbers: admins of the office; single-use numbers: campaign writers of the office", async () => {
    const { t, admin, sam, lee, ada, adviceAdmin, samId, admissions } = await setup();
    const reusableId = await admin.action(api.numbers.provisionReusable, reusable(admissions));
    const campaignId = await insertCampaign(t, { officeId: admissions, createdBy: samId });
    const singleUse = await sam.action(api.numbers.provisionSingleUse, { campaignId, phoneNumber: SECOND });
    for (const caller of [sam, lee, adviceAdmin])
      expect(await codeOf(caller.action(api.numbers.release, { numberId: reusableId }))).toBe("FORBIDDEN");
    for (const caller of [lee, ada])
      expect(await codeOf(caller.action(api.numbers.release, { numberId: singleUse }))).toBe("FORBIDDEN");
    expect(await codeOf(t.action(api.numbers.release, { numberId: singleUse }))).toBe("UNAUTHENTICATED");
    expect(fakeTwilio.owned.size).toBe(2);
    await sam.action(api.numbers.release, { numberId: singleUse });
    expect((await numberDoc(t, singleUse))?.status).toBe("released");
  });
});

describe("internal.numbers.releaseSingleUse (the campaign lifecycle's call when a campaign is archived)", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  test("releases the archived campaign's number", async () => {
    const { t, sam, samId, admissions } = await setup();
    const campaignId = await insertCampaign(t, { officeId: admissions, createdBy: samId });
    const numberId = await sam.action(api.numbers.provisionSingleUse, { campaignId, phoneNumber: MAIN });
    await t.run(async (ctx) => await ctx.db.patch("campaigns", campaignId, { status: "active" }));
    expect(await codeOf(t.action(internal.numbers.releaseSingleUse, { numberId }))).toBe("IN_USE");
    await t.run(async (ctx) => await ctx.db.patch("campaigns", campaignId, { status: "archived" }));
    await t.action(internal.numbers.releaseSingleUse, { numberId });
    expect(await numberDoc(t, numberId)).toMatchObject({ status: "released", releasedAt: expect.any(Number) });
    expect(fakeTwilio.owned.size).toBe(0);
  });

  test("a Twilio outage is retried later, until the number is released", async () => {
    vi.useFakeTimers();
    const { t, sam, samId, admissions } = await setup();
    const campaignId = await insertCampaign(t, { officeId: admissions, createdBy: samId });
    const numberId = await sam.action(api.numbers.provisionSingleUse, { campaignId, phoneNumber: MAIN });
    await t.run(async (ctx) => await ctx.db.patch("campaigns", campaignId, { status: "archived" }));
    fakeTwilio.failures.remove.push(twilioRestError(503), twilioRestError(503));
    const warned = vi.spyOn(console, "warn").mockImplementation(() => {});
    await t.action(internal.numbers.releaseSingleUse, { numberId });
    expect((await numberDoc(t, numberId))?.status).toBe("active");
    const jobs = await t.run(async (ctx) => await ctx.db.system.query("_scheduled_functions").collect());
    expect(jobs.map((j) => [j.name, j.args[0]])).toEqual([["numbers:releaseSingleUse", { numberId, attempt: 1 }]]);
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    expect((await numberDoc(t, numberId))?.status).toBe("released");
    expect(fakeTwilio.calls.filter((c) => c.startsWith("remove"))).toHaveLength(3);
    expect(warned.mock.calls.map(([line]) => line)).toEqual([
      `Releasing single-use number ${numberId} failed; trying again in 1 min.`,
      `Releasing single-use number ${numberId} failed; trying again in 10 min.`,
    ]);
  });

  test("after the last retry it gives up, logs, and leaves the number for an admin to release", async () => {
    vi.useFakeTimers();
    const { t, sam, samId, admissions } = await setup();
    const campaignId = await insertCampaign(t, { officeId: admissions, createdBy: samId, status: "draft" });
    const numberId = await sam.action(api.numbers.provisionSingleUse, { campaignId, phoneNumber: MAIN });
    await t.run(async (ctx) => await ctx.db.patch("campaigns", campaignId, { status: "archived" }));
    fakeTwilio.failures.remove.push(...Array.from({ length: 6 }, () => twilioRestError(503)));
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const gaveUp = vi.spyOn(console, "error").mockImplementation(() => {});
    await t.action(internal.numbers.releaseSingleUse, { numberId });
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    expect(fakeTwilio.calls.filter((c) => c.startsWith("remove"))).toHaveLength(6);
    expect(gaveUp).toHaveBeenCalledWith(
      expect.stringMatching(/^Gave up releasing single-use number/),
      expect.anything(),
    );
    expect((await numberDoc(t, numberId))?.status).toBe("active");
  });

  test("refuses a reusable number (a bug in the caller)", async () => {
    const { t, admin, admissions } = await setup();
    const numberId = await admin.action(api.numbers.provisionReusable, reusable(admissions));
    expect(await codeOf(t.action(internal.numbers.releaseSingleUse, { numberId }))).toMatch(/not a singleUse number/);
    expect((await numberDoc(t, numberId))?.status).toBe("active");
  });
});
