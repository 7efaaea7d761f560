/** seed.demo (idempotent) and seed.createAdmin (bootstrapping a deployment). */
import { beforeEach, describe, expect, test, vi } from "vitest";
import { api, internal } from "./_generated/api";
import type { Doc } from "./_generated/dataModel";
import { DEMO_PASSWORD } from "./model/organization/seed";
import { authEnvironment, codeOf, insertUser, newTest, type T } from "./setup.test";

beforeEach(async () => {
  for (const [name, value] of Object.entries(await authEnvironment())) vi.stubEnv(name, value);
  return () => vi.unstubAllEnvs();
});

const TABLES = ["users", "offices", "organization", "authAccounts", "phoneNumbers"] as const;
async function snapshot(t: T) {
  return await t.run(async (ctx) => {
    const all: Record<string, unknown[]> = {};
    for (const table of TABLES) all[table] = await ctx.db.query(table).collect();
    return all;
  });
}

function signIn(t: T, email: string, password: string) {
  return t.action(api.auth.signIn, { provider: "password", params: { email, password, flow: "signIn" } });
}

describe("seed.demo", () => {
  test("creates Northfield University, its three offices and four users who can sign in", async () => {
    const t = newTest();
    const result = await t.action(internal.seed.demo, {});
    expect(result).toEqual({
      created: true,
      users: [
        { email: "admin@parley.test", role: "admin", password: DEMO_PASSWORD },
        { email: "sam@parley.test", role: "standard", password: DEMO_PASSWORD },
        { email: "riley@parley.test", role: "standard", password: DEMO_PASSWORD },
        { email: "lee@parley.test", role: "limited", password: DEMO_PASSWORD },
      ],
    });
    const data = await snapshot(t);
    expect(data.organization).toMatchObject([
      { name: "Northfield University", helpText: expect.stringContaining("STOP") },
    ]);
    const offices = Object.fromEntries(
      (data.offices as { _id: string; name: string; userCount: number }[]).map((o) => [o._id, o]),
    );
    const memberships = Object.fromEntries(
      (data.users as { email: string; officeIds: string[] }[]).map((u) => [
        u.email,
        u.officeIds.map((id) => offices[id].name).sort(),
      ]),
    );
    expect(memberships).toEqual({
      "admin@parley.test": ["Admissions", "Advising", "Financial Aid"],
      "sam@parley.test": ["Admissions", "Financial Aid"],
      "riley@parley.test": ["Admissions"],
      "lee@parley.test": ["Advising"],
    });
    expect(
      Object.values(offices)
        .map((o) => [o.name, o.userCount])
        .sort(),
    ).toEqual([
      ["Admissions", 3],
      ["Advising", 2],
      ["Financial Aid", 2],
    ]);
    for (const { email, password } of result.users) expect((await signIn(t, email, password)).tokens).toBeTruthy();
  });

  test("gives each office a demo reusable number (555-01xx, never from Twilio) with unsolicited settings", async () => {
    const t = newTest();
    await t.action(internal.seed.demo, {});
    const { offices, users, phoneNumbers } = (await snapshot(t)) as unknown as {
      offices: Doc<"offices">[];
      users: Doc<"users">[];
      phoneNumbers: Doc<"phoneNumbers">[];
    };
    const officeName = (id: string) => offices.find((o) => o._id === id)?.name;
    const sam = users.find((u) => u.email === "sam@parley.test")?._id;
    expect(
      phoneNumbers.map((n) => [
        officeName(n.officeId),
        n.e164,
        n.kind,
        n.status,
        n.messagesPerSecond,
        n.unsolicited?.handledBy,
      ]),
    ).toEqual([
      ["Admissions", "+16175550191", "reusable", "active", 1, "va"],
      ["Financial Aid", "+16175550192", "reusable", "active", 1, "agent"],
      ["Advising", "+16175550193", "reusable", "active", 1, "agent"],
    ]);
    for (const n of phoneNumbers) {
      expect(n.twilioSid).toMatch(/^PN[0-9a-f]{32}$/);
      expect(n.unsolicited?.inboxes.officeIds).toEqual([n.officeId]);
    }
    expect(phoneNumbers[1].unsolicited?.inboxes.userIds).toEqual([sam]);
  });

  test("a second run changes nothing and says so", async () => {
    const t = newTest();
    await t.action(internal.seed.demo, {});
    const before = await snapshot(t);
    expect((await t.action(internal.seed.demo, {})).created).toBe(false);
    expect(await snapshot(t)).toEqual(before);
  });

  test("completes a half-done seed: a demo user without a password gets one", async () => {
    const t = newTest();
    await insertUser(t, { name: "Lee Morgan", email: "lee@parley.test", role: "limited" });
    expect((await t.action(internal.seed.demo, {})).created).toBe(true);
    expect((await signIn(t, "lee@parley.test", DEMO_PASSWORD)).tokens).toBeTruthy();
    expect((await snapshot(t)).users).toHaveLength(4);
  });
});

describe("seed.createAdmin", () => {
  test("creates the first admin, who can sign in and administer", async () => {
    const t = newTest();
    expect(
      await t.action(internal.seed.createAdmin, {
        name: "Pat Owner",
        email: " Pat@Example.org",
        password: "first-admin-pw",
      }),
    ).toBeNull();
    const { tokens } = await signIn(t, "pat@example.org", "first-admin-pw");
    expect(tokens).toBeTruthy();
    expect((await snapshot(t)).users).toMatchObject([
      { name: "Pat Owner", email: "pat@example.org", role: "admin", officeIds: [] },
    ]);
  });

  test("refuses once an active admin exists (CONFLICT), and refuses a short password (INVALID)", async () => {
    const t = newTest();
    await t.action(internal.seed.createAdmin, { name: "Pat", email: "pat@example.org", password: "first-admin-pw" });
    expect(
      await codeOf(
        t.action(internal.seed.createAdmin, { name: "Eve", email: "eve@example.org", password: "second-admin" }),
      ),
    ).toBe("CONFLICT");
    expect(
      await codeOf(t.action(internal.seed.createAdmin, { name: "Eve", email: "eve@example.org", password: "short" })),
    ).toBe("INVALID");
    expect((await snapshot(t)).users).toHaveLength(1);
  });

  test("finishes a run that added the admin but did not set the password", async () => {
    const t = newTest();
    await insertUser(t, { name: "Pat", email: "pat@example.org", role: "admin" });
    await t.action(internal.seed.createAdmin, { name: "Pat", email: "pat@example.org", password: "first-admin-pw" });
    expect((await signIn(t, "pat@example.org", "first-admin-pw")).tokens).toBeTruthy();
  });
});
