/** admin.*: managing users and offices, with every denial path. */
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api, internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { nextSendWindow, quietSettings } from "./model/sending/quietHours";
import {
  codeOf,
  insertOffice,
  insertUser,
  messageOf,
  messagingWorld,
  newTest,
  signedInAs,
  type Caller,
  type T,
} from "./setup.test";

async function setup() {
  const t = newTest();
  const admissions = await insertOffice(t, "Admissions");
  const advising = await insertOffice(t, "Advising");
  const adminId = await insertUser(t, {
    name: "Avery Admin",
    email: "admin@parley.test",
    role: "admin",
    officeIds: [],
  });
  const admin = await signedInAs(t, adminId);
  const standard = await signedInAs(t, await insertUser(t, { role: "standard", officeIds: [admissions] }));
  const limited = await signedInAs(t, await insertUser(t, { role: "limited", officeIds: [admissions] }));
  return { t, admin, adminId, standard, limited, admissions, advising };
}

const newUser = (officeIds: Id<"offices">[] = []) => ({
  name: "Riley Chen",
  email: "riley@parley.test",
  role: "standard" as const,
  officeIds,
  viewOtherOffices: false,
});

async function userCounts(t: T) {
  const offices = await t.run(async (ctx) => await ctx.db.query("offices").collect());
  return Object.fromEntries(offices.map((o) => [o.name, o.userCount]));
}

describe("who may administer", () => {
  test("anonymous callers get UNAUTHENTICATED, Standard and Limited users FORBIDDEN, on every admin function", async () => {
    const { t, standard, limited, admissions, adminId } = await setup();
    const calls = [
      (c: Caller) => c.query(api.admin.listUsers, {}),
      (c: Caller) => c.query(api.admin.listOffices, {}),
      (c: Caller) => c.mutation(api.admin.addUser, newUser()),
      (c: Caller) => c.mutation(api.admin.updateUser, { userId: adminId, name: "Hijacked" }),
      (c: Caller) => c.mutation(api.admin.createOffice, { name: "Registrar" }),
      (c: Caller) => c.mutation(api.admin.renameOffice, { officeId: admissions, name: "Hijacked" }),
      (c: Caller) => c.query(api.admin.organization, {}),
      (c: Caller) => c.mutation(api.admin.setHelpText, { text: "Hijacked" }),
      (c: Caller) => c.mutation(api.admin.setQuietHours, { start: "1", end: "2" }),
    ];
    for (const call of calls) {
      expect(await codeOf(call(t))).toBe("UNAUTHENTICATED");
      expect(await codeOf(call(standard))).toBe("FORBIDDEN");
      expect(await codeOf(call(limited))).toBe("FORBIDDEN");
    }
    expect(await messageOf(standard.mutation(api.admin.createOffice, { name: "X" }))).toMatch(/Standard.*manage users/);
  });

  test("a deactivated admin is refused", async () => {
    const { t } = await setup();
    const former = await signedInAs(t, await insertUser(t, { role: "admin", deactivated: true }));
    expect(await codeOf(former.query(api.admin.listUsers, {}))).toBe("FORBIDDEN");
  });
});

describe("admin.addUser", () => {
  test("adds a user with a normalized email, no password yet, counted in their offices", async () => {
    const { t, admin, admissions, advising } = await setup();
    const userId = await admin.mutation(api.admin.addUser, {
      ...newUser([admissions, advising, admissions]),
      name: "  Riley   Chen ",
      email: " Riley@Parley.TEST ",
    });
    const row = (await admin.query(api.admin.listUsers, {})).find((u) => u._id === userId);
    expect(row).toEqual({
      _id: userId,
      name: "Riley Chen",
      email: "riley@parley.test",
      role: "standard",
      officeIds: [admissions, advising],
      viewOtherOffices: false,
      deactivated: false,
      hasPassword: false,
    });
    expect(await userCounts(t)).toEqual({ Admissions: 1, Advising: 1 });
  });

  test("refuses a second user with the same email, however it is typed (CONFLICT)", async () => {
    const { admin } = await setup();
    await admin.mutation(api.admin.addUser, newUser());
    expect(await codeOf(admin.mutation(api.admin.addUser, { ...newUser(), email: "RILEY@parley.test" }))).toBe(
      "CONFLICT",
    );
  });

  test("refuses an invalid email or name (INVALID), saying what to fix", async () => {
    const { admin } = await setup();
    for (const email of ["", "riley", "riley@", "riley@parley", "ri ley@parley.test"])
      expect(await codeOf(admin.mutation(api.admin.addUser, { ...newUser(), email }))).toBe("INVALID");
    expect(await codeOf(admin.mutation(api.admin.addUser, { ...newUser(), name: "   " }))).toBe("INVALID");
    expect(await messageOf(admin.mutation(api.admin.addUser, { ...newUser(), name: "x".repeat(101) }))).toMatch(
      /100 characters/,
    );
    expect(await codeOf(admin.mutation(api.admin.addUser, { ...newUser(), name: "x".repeat(100) }))).toBe("OK");
  });

  test("refuses an office that does not exist (NOT_FOUND)", async () => {
    const { t, admin } = await setup();
    const gone = await insertOffice(t, "Gone");
    await t.run(async (ctx) => await ctx.db.delete("offices", gone));
    expect(await codeOf(admin.mutation(api.admin.addUser, newUser([gone])))).toBe("NOT_FOUND");
  });
});

describe("admin.listUsers", () => {
  test("lists everyone sorted by name, with whether they have set a password", async () => {
    const { t, admin, adminId } = await setup();
    await t.run(async (ctx) => {
      await ctx.db.insert("authAccounts", {
        userId: adminId,
        provider: "password",
        providerAccountId: "admin@parley.test",
      });
    });
    const rows = await admin.query(api.admin.listUsers, {});
    expect(rows.map((r) => r.name)).toEqual([...rows.map((r) => r.name)].sort((a, b) => a.localeCompare(b)));
    expect(rows.find((r) => r._id === adminId)).toMatchObject({ hasPassword: true, role: "admin" });
    expect(rows.filter((r) => r.hasPassword)).toHaveLength(1);
  });
});

describe("admin.updateUser", () => {
  test("changes name, role, offices and view-other-offices, keeping office counts right", async () => {
    const { t, admin, admissions, advising } = await setup();
    const userId = await admin.mutation(api.admin.addUser, newUser([admissions]));
    expect(
      await admin.mutation(api.admin.updateUser, {
        userId,
        name: "Riley C.",
        role: "limited",
        officeIds: [advising],
        viewOtherOffices: true,
      }),
    ).toBeNull();
    const row = (await admin.query(api.admin.listUsers, {})).find((u) => u._id === userId);
    expect(row).toMatchObject({ name: "Riley C.", role: "limited", officeIds: [advising], viewOtherOffices: true });
    expect(await userCounts(t)).toEqual({ Admissions: 0, Advising: 1 });
  });

  test("deactivating takes the user out of office counts and signs them out; reactivating counts them again", async () => {
    const { t, admin, admissions } = await setup();
    const userId = await admin.mutation(api.admin.addUser, newUser([admissions]));
    const riley = await signedInAs(t, userId);
    await t.run(async (ctx) => {
      const sessionId = (await ctx.db
        .query("authSessions")
        .withIndex("userId", (q) => q.eq("userId", userId))
        .first())!._id;
      await ctx.db.insert("authRefreshTokens", { sessionId, expirationTime: Date.now() + 1000 });
    });
    await admin.mutation(api.admin.updateUser, { userId, deactivated: true });
    expect(await userCounts(t)).toEqual({ Admissions: 0, Advising: 0 });
    expect(await riley.query(api.viewer.get, {})).toBeNull();
    expect(await codeOf(riley.query(api.offices.list, {}))).toBe("FORBIDDEN");
    const left = await t.run(async (ctx) => ({
      sessions: (await ctx.db.query("authSessions").collect()).filter((s) => s.userId === userId),
      tokens: await ctx.db.query("authRefreshTokens").collect(),
    }));
    expect(left).toEqual({ sessions: [], tokens: [] });

    await admin.mutation(api.admin.updateUser, { userId, deactivated: false });
    expect(await userCounts(t)).toEqual({ Admissions: 1, Advising: 0 });
    expect(await riley.query(api.viewer.get, {})).toMatchObject({ _id: userId });
  });

  test("refuses to demote or deactivate the last active admin (LAST_ADMIN)", async () => {
    const { t, admin, adminId } = await setup();
    await insertUser(t, { role: "admin", deactivated: true }); // a deactivated admin does not count
    expect(await codeOf(admin.mutation(api.admin.updateUser, { userId: adminId, role: "standard" }))).toBe(
      "LAST_ADMIN",
    );
    expect(await codeOf(admin.mutation(api.admin.updateUser, { userId: adminId, deactivated: true }))).toBe(
      "LAST_ADMIN",
    );
    expect(await messageOf(admin.mutation(api.admin.updateUser, { userId: adminId, role: "limited" }))).toMatch(
      /only active administrator/,
    );
    expect(await admin.mutation(api.admin.updateUser, { userId: adminId, name: "Still Admin" })).toBeNull();
    expect((await admin.query(api.viewer.get, {}))?.role).toBe("admin");
  });

  test("allows demoting an admin when another active admin remains", async () => {
    const { t, admin, adminId } = await setup();
    const otherId = await insertUser(t, { role: "admin" });
    await admin.mutation(api.admin.updateUser, { userId: otherId, role: "standard" });
    await admin.mutation(api.admin.updateUser, { userId: otherId, role: "admin" });
    await admin.mutation(api.admin.updateUser, { userId: adminId, role: "standard" });
    expect((await admin.query(api.viewer.get, {}))?.role).toBe("standard");
    expect(await codeOf(admin.query(api.admin.listUsers, {}))).toBe("FORBIDDEN");
  });

  test("refuses an unknown user or office (NOT_FOUND) and an invalid name (INVALID)", async () => {
    const { t, admin, admissions } = await setup();
    const userId = await admin.mutation(api.admin.addUser, newUser([admissions]));
    const gone = await insertOffice(t, "Gone");
    await t.run(async (ctx) => await ctx.db.delete("offices", gone));
    expect(await codeOf(admin.mutation(api.admin.updateUser, { userId, officeIds: [admissions, gone] }))).toBe(
      "NOT_FOUND",
    );
    expect(await codeOf(admin.mutation(api.admin.updateUser, { userId, name: "" }))).toBe("INVALID");
    await t.run(async (ctx) => await ctx.db.delete("users", userId));
    expect(await codeOf(admin.mutation(api.admin.updateUser, { userId, name: "Back" }))).toBe("NOT_FOUND");
  });
});

describe("offices", () => {
  test("createOffice trims the name and lists it with its user count", async () => {
    const { admin } = await setup();
    const officeId = await admin.mutation(api.admin.createOffice, { name: "  Registrar " });
    expect((await admin.query(api.admin.listOffices, {})).find((o) => o._id === officeId)).toEqual({
      _id: officeId,
      name: "Registrar",
      userCount: 0,
    });
  });

  test("listOffices lists every office sorted by name with active users counted", async () => {
    const { admin, admissions } = await setup();
    await admin.mutation(api.admin.addUser, newUser([admissions]));
    await admin.mutation(api.admin.createOffice, { name: "Zoology" });
    await admin.mutation(api.admin.createOffice, { name: "career services" });
    expect((await admin.query(api.admin.listOffices, {})).map((o) => [o.name, o.userCount])).toEqual([
      ["Admissions", 1],
      ["Advising", 0],
      ["career services", 0],
      ["Zoology", 0],
    ]);
  });

  test("office names are unique ignoring case (CONFLICT) and 1 to 80 characters (INVALID)", async () => {
    const { admin } = await setup();
    expect(await codeOf(admin.mutation(api.admin.createOffice, { name: "ADMISSIONS" }))).toBe("CONFLICT");
    expect(await codeOf(admin.mutation(api.admin.createOffice, { name: " " }))).toBe("INVALID");
    expect(await codeOf(admin.mutation(api.admin.createOffice, { name: "x".repeat(81) }))).toBe("INVALID");
    expect(await codeOf(admin.mutation(api.admin.createOffice, { name: "x".repeat(80) }))).toBe("OK");
  });

  test("renameOffice renames, may change only the case, and refuses a clash, a bad name or an unknown office", async () => {
    const { t, admin, admissions } = await setup();
    expect(
      await admin.mutation(api.admin.renameOffice, { officeId: admissions, name: "Undergraduate Admissions" }),
    ).toBeNull();
    expect(
      await admin.mutation(api.admin.renameOffice, { officeId: admissions, name: "undergraduate admissions" }),
    ).toBeNull();
    expect((await admin.query(api.admin.listOffices, {})).map((o) => o.name)).toContain("undergraduate admissions");
    expect(await codeOf(admin.mutation(api.admin.renameOffice, { officeId: admissions, name: "advising" }))).toBe(
      "CONFLICT",
    );
    expect(await codeOf(admin.mutation(api.admin.renameOffice, { officeId: admissions, name: "" }))).toBe("INVALID");
    const gone = await insertOffice(t, "Gone");
    await t.run(async (ctx) => await ctx.db.delete("offices", gone));
    expect(await codeOf(admin.mutation(api.admin.renameOffice, { officeId: gone, name: "Back" }))).toBe("NOT_FOUND");
  });
});

describe("organization settings", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: Date.UTC(2026, 8, 1, 15) });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  test("reads the HELP text and quiet hours, defaults filled in; null before the seed", async () => {
    const { t, admin } = await setup();
    expect(await admin.query(api.admin.organization, {})).toBeNull();
    expect(await codeOf(admin.mutation(api.admin.setHelpText, { text: "Help" }))).toBe("NOT_FOUND");
    await t.run(async (ctx) => await ctx.db.insert("organization", { name: "Northfield", helpText: "Call us." }));
    expect(await admin.query(api.admin.organization, {})).toEqual({
      ...{ name: "Northfield", helpText: "Call us." },
      ...{ quietHours: { start: "21:00", end: "08:00" }, timeZone: "America/New_York" },
    });
  });

  test("a new HELP text is what the next contact who texts HELP gets", async () => {
    const t = newTest();
    const w = await messagingWorld(t);
    const e164 = (await t.run(async (ctx) => await ctx.db.get("phoneNumbers", w.numberId)))!.e164;
    expect(
      await w.alex.mutation(api.admin.setHelpText, { text: "  Parley U: call 555-0100. Reply STOP to opt out. " }),
    ).toBe("Parley U: call 555-0100. Reply STOP to opt out.");
    await t.mutation(internal.twilio.inbound.receive, {
      params: { MessageSid: `SM${"7".repeat(32)}`, From: w.ada.phone, To: e164, Body: "HELP" },
    });
    const replies = await t.run(async (ctx) => await ctx.db.query("messages").collect());
    expect(replies.filter((m) => m.author === "system").map((m) => m.body)).toEqual([
      "Parley U: call 555-0100. Reply STOP to opt out.",
    ]);
  });

  test("HELP text is 1 to 320 characters (INVALID otherwise, naming the length)", async () => {
    const t = newTest();
    const w = await messagingWorld(t);
    expect(await messageOf(w.alex.mutation(api.admin.setHelpText, { text: "   " }))).toBe(
      "Write the text contacts get when they reply HELP.",
    );
    expect(await messageOf(w.alex.mutation(api.admin.setHelpText, { text: "x".repeat(321) }))).toBe(
      "Shorten the help text to 320 characters or fewer (it has 321).",
    );
    expect(await codeOf(w.alex.mutation(api.admin.setHelpText, { text: "x".repeat(320) }))).toBe("OK");
  });

  test("quiet hours take whole hours or HH:MM, are stored as HH:MM and hold campaign texts by them", async () => {
    const t = newTest();
    const w = await messagingWorld(t);
    expect(await w.alex.mutation(api.admin.setQuietHours, { start: "20", end: "9:30" })).toEqual({
      start: "20:00",
      end: "09:30",
    });
    const org = await t.run(async (ctx) => await ctx.db.query("organization").first());
    expect(org?.quietHours).toEqual({ start: "20:00", end: "09:30" });
    // 20:30 in Boston (EDT) is now quiet: a campaign text to a 617 number waits for 09:30 the next day.
    const evening = Date.UTC(2026, 8, 2, 0, 30);
    expect(nextSendWindow(evening, "+16175550101", quietSettings(org))).toBe(Date.UTC(2026, 8, 2, 13, 30));
    expect((await w.alex.query(api.admin.organization, {}))?.quietHours).toEqual({ start: "20:00", end: "09:30" });
  });

  test("quiet hours refuse anything but a time of day (INVALID, saying which end)", async () => {
    const t = newTest();
    const w = await messagingWorld(t);
    for (const [start, end] of [
      ["24", "08:00"],
      ["21:00", "8:75"],
      ["9pm", "08:00"],
      ["", "08:00"],
      ["21:00", "08:00:00"],
    ])
      expect(await codeOf(w.alex.mutation(api.admin.setQuietHours, { start, end }))).toBe("INVALID");
    expect(await messageOf(w.alex.mutation(api.admin.setQuietHours, { start: "9pm", end: "8" }))).toBe(
      '"9pm" isn\'t a time of day for when quiet hours start. Enter a whole hour from 0 to 23 or a time like 21:00.',
    );
    expect(await messageOf(w.alex.mutation(api.admin.setQuietHours, { start: "21", end: "25" }))).toMatch(
      /"25" isn't a time of day for when quiet hours end/,
    );
    const org = await t.run(async (ctx) => await ctx.db.query("organization").first());
    expect(org?.quietHours).toBeUndefined();
  });
});
