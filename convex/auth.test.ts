/** Sign-up sets the password of an admin-added user; nobody else gets an account or a session. */
import { beforeEach, describe, expect, test, vi } from "vitest";
import { api } from "./_generated/api";
import { authEnvironment, codeOf, insertOffice, insertUser, messageOf, newTest, type T } from "./setup.test";

const PASSWORD = "correct-horse";

beforeEach(async () => {
  for (const [name, value] of Object.entries(await authEnvironment())) vi.stubEnv(name, value);
  return () => vi.unstubAllEnvs();
});

function signUp(t: T, email: string, password = PASSWORD) {
  return t.action(api.auth.signIn, { provider: "password", params: { email, password, flow: "signUp" } });
}
function signIn(t: T, email: string, password = PASSWORD) {
  return t.action(api.auth.signIn, { provider: "password", params: { email, password, flow: "signIn" } });
}
async function accounts(t: T) {
  return await t.run(async (ctx) => await ctx.db.query("authAccounts").collect());
}

describe("sign-up", () => {
  test("an admin-added user sets a password, gets tokens, and can sign in with it", async () => {
    const t = newTest();
    const office = await insertOffice(t, "Admissions");
    const userId = await insertUser(t, { email: "sam@parley.test", officeIds: [office] });

    const { tokens } = await signUp(t, "sam@parley.test");
    expect(tokens?.token).toBeTruthy();
    expect(await accounts(t)).toMatchObject([{ userId, provider: "password", providerAccountId: "sam@parley.test" }]);
    expect(await t.run(async (ctx) => (await ctx.db.query("users").collect()).length)).toBe(1);

    const again = await signIn(t, "sam@parley.test");
    expect(again.tokens?.token).toBeTruthy();
  });

  test("the email is matched however it is typed", async () => {
    const t = newTest();
    const userId = await insertUser(t, { email: "sam@parley.test" });
    await signUp(t, "  Sam@Parley.TEST ");
    expect(await accounts(t)).toMatchObject([{ userId, providerAccountId: "sam@parley.test" }]);
    expect((await signIn(t, "SAM@parley.test")).tokens).toBeTruthy();
  });

  test("an email no admin added is refused, and nothing is created", async () => {
    const t = newTest();
    expect(await codeOf(signUp(t, "stranger@example.org"))).toBe("FORBIDDEN");
    expect(await messageOf(signUp(t, "stranger@example.org"))).toMatch(/Ask an administrator to add you/);
    expect(await accounts(t)).toEqual([]);
    expect(await t.run(async (ctx) => await ctx.db.query("users").collect())).toEqual([]);
  });

  test("a user who already set a password cannot set it again by signing up", async () => {
    const t = newTest();
    await insertUser(t, { email: "sam@parley.test" });
    await signUp(t, "sam@parley.test");
    await expect(signUp(t, "sam@parley.test", "another-password")).rejects.toThrow();
    expect((await signIn(t, "sam@parley.test")).tokens).toBeTruthy();
    expect(await codeOf(signIn(t, "sam@parley.test", "another-password"))).not.toBe("OK");
  });

  test("passwords shorter than 8 characters are refused", async () => {
    const t = newTest();
    await insertUser(t, { email: "sam@parley.test" });
    expect(await codeOf(signUp(t, "sam@parley.test", "short"))).toBe("INVALID");
    expect(await messageOf(signUp(t, "sam@parley.test", "1234567"))).toMatch(/at least 8 characters/);
    expect(await accounts(t)).toEqual([]);
  });

  test("an invalid email is refused with INVALID", async () => {
    const t = newTest();
    expect(await codeOf(signUp(t, "not-an-email"))).toBe("INVALID");
  });

  test("a deactivated user cannot set a password", async () => {
    const t = newTest();
    await insertUser(t, { email: "gone@parley.test", deactivated: true });
    expect(await codeOf(signUp(t, "gone@parley.test"))).toBe("FORBIDDEN");
    expect(await accounts(t)).toEqual([]);
  });
});

describe("sign-in", () => {
  test("a wrong password gets no tokens", async () => {
    const t = newTest();
    await insertUser(t, { email: "sam@parley.test" });
    await signUp(t, "sam@parley.test");
    expect(await codeOf(signIn(t, "sam@parley.test", "wrong-password"))).not.toBe("OK");
  });

  test("a deactivated user cannot sign in, and gets no session", async () => {
    const t = newTest();
    const userId = await insertUser(t, { email: "sam@parley.test" });
    await signUp(t, "sam@parley.test");
    await t.run(async (ctx) => {
      for (const s of await ctx.db.query("authSessions").collect()) await ctx.db.delete("authSessions", s._id);
      await ctx.db.patch("users", userId, { deactivated: true });
    });
    expect(await codeOf(signIn(t, "sam@parley.test"))).toBe("FORBIDDEN");
    expect(await messageOf(signIn(t, "sam@parley.test"))).toMatch(/deactivated/);
    expect(await t.run(async (ctx) => await ctx.db.query("authSessions").collect())).toEqual([]);
  });

  test("the token signs the user in: viewer.get answers with their profile", async () => {
    const t = newTest();
    const office = await insertOffice(t, "Advising");
    const userId = await insertUser(t, { name: "Lee", email: "lee@parley.test", role: "limited", officeIds: [office] });
    await signUp(t, "lee@parley.test");
    const session = await t.run(async (ctx) => await ctx.db.query("authSessions").first());
    const viewer = await t.withIdentity({ subject: `${userId}|${session?._id}` }).query(api.viewer.get, {});
    expect(viewer).toMatchObject({ _id: userId, email: "lee@parley.test", role: "limited" });
  });

  test("signing out ends the session", async () => {
    const t = newTest();
    const userId = await insertUser(t, { email: "sam@parley.test" });
    await signUp(t, "sam@parley.test");
    const session = await t.run(async (ctx) => await ctx.db.query("authSessions").first());
    await t.withIdentity({ subject: `${userId}|${session?._id}` }).action(api.auth.signOut, {});
    expect(await t.run(async (ctx) => await ctx.db.query("authSessions").collect())).toEqual([]);
  });
});
