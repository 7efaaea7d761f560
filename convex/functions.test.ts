/** The builders in functions.ts, exercised through a test-only module of functions built with them. */
import { makeFunctionReference } from "convex/server";
import { v } from "convex/values";
import { describe, expect, test } from "vitest";
import { adminMutation, adminQuery, optionalViewerQuery, viewerAction, viewerMutation, viewerQuery } from "./functions";
import { codeOf, insertUser, newTest, signedInAs } from "./setup.test";

const whoAmI = { args: {}, returns: v.string(), handler: async (ctx: { viewer: { _id: string } }) => ctx.viewer._id };
const probe = {
  viewerQuery: viewerQuery(whoAmI),
  viewerMutation: viewerMutation(whoAmI),
  viewerAction: viewerAction(whoAmI),
  adminQuery: adminQuery(whoAmI),
  adminMutation: adminMutation(whoAmI),
  optional: optionalViewerQuery({
    args: {},
    returns: v.union(v.string(), v.null()),
    handler: async (ctx) => ctx.viewer?._id ?? null,
  }),
};
const ref = {
  viewerQuery: makeFunctionReference<"query">("probe:viewerQuery"),
  viewerMutation: makeFunctionReference<"mutation">("probe:viewerMutation"),
  viewerAction: makeFunctionReference<"action">("probe:viewerAction"),
  adminQuery: makeFunctionReference<"query">("probe:adminQuery"),
  adminMutation: makeFunctionReference<"mutation">("probe:adminMutation"),
  optional: makeFunctionReference<"query">("probe:optional"),
};

async function setup() {
  const t = newTest({ "./probe.ts": async () => probe });
  const as = async (fields: Parameters<typeof insertUser>[1]) => {
    const id = await insertUser(t, fields);
    return { id, t: await signedInAs(t, id) };
  };
  return { t, as };
}

describe("viewer builders", () => {
  test("put the signed-in user on ctx", async () => {
    const { as } = await setup();
    const { id, t } = await as({ role: "limited" });
    expect(await t.query(ref.viewerQuery, {})).toBe(id);
    expect(await t.mutation(ref.viewerMutation, {})).toBe(id);
    expect(await t.action(ref.viewerAction, {})).toBe(id);
  });

  test("refuse anonymous callers with UNAUTHENTICATED", async () => {
    const { t } = await setup();
    expect(await codeOf(t.query(ref.viewerQuery, {}))).toBe("UNAUTHENTICATED");
    expect(await codeOf(t.mutation(ref.viewerMutation, {}))).toBe("UNAUTHENTICATED");
    expect(await codeOf(t.action(ref.viewerAction, {}))).toBe("UNAUTHENTICATED");
  });

  test("refuse deactivated users and users without a role with FORBIDDEN", async () => {
    const { as } = await setup();
    for (const fields of [{ deactivated: true }, { role: undefined }]) {
      const { t } = await as(fields);
      expect(await codeOf(t.query(ref.viewerQuery, {}))).toBe("FORBIDDEN");
      expect(await codeOf(t.mutation(ref.viewerMutation, {}))).toBe("FORBIDDEN");
      expect(await codeOf(t.action(ref.viewerAction, {}))).toBe("FORBIDDEN");
    }
  });

  test("treat a token whose user was deleted as signed out", async () => {
    const { t: root, as } = await setup();
    const { id, t } = await as({});
    await root.run(async (ctx) => await ctx.db.delete("users", id));
    expect(await codeOf(t.query(ref.viewerQuery, {}))).toBe("UNAUTHENTICATED");
    expect(await codeOf(t.action(ref.viewerAction, {}))).toBe("UNAUTHENTICATED");
  });
});

describe("admin builders", () => {
  test("let admins through and refuse Standard and Limited users", async () => {
    const { t: anonymous, as } = await setup();
    const admin = await as({ role: "admin" });
    expect(await admin.t.query(ref.adminQuery, {})).toBe(admin.id);
    expect(await admin.t.mutation(ref.adminMutation, {})).toBe(admin.id);
    for (const role of ["standard", "limited"] as const) {
      const { t } = await as({ role, viewOtherOffices: true });
      expect(await codeOf(t.query(ref.adminQuery, {}))).toBe("FORBIDDEN");
      expect(await codeOf(t.mutation(ref.adminMutation, {}))).toBe("FORBIDDEN");
    }
    expect(await codeOf(anonymous.query(ref.adminQuery, {}))).toBe("UNAUTHENTICATED");
  });
});

describe("optionalViewerQuery", () => {
  test("gives null to anonymous, deactivated and role-less callers instead of throwing", async () => {
    const { t, as } = await setup();
    expect(await t.query(ref.optional, {})).toBeNull();
    expect(await (await as({ deactivated: true })).t.query(ref.optional, {})).toBeNull();
    expect(await (await as({ role: undefined })).t.query(ref.optional, {})).toBeNull();
    const active = await as({});
    expect(await active.t.query(ref.optional, {})).toBe(active.id);
  });
});
