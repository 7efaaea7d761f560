/**
 * Seeding, internal only:
 *   npx convex run seed:demo                      the demo organization (idempotent)
 *   npx convex run seed:createAdmin '{"name":…,"email":…,"password":…}'   first admin of a deployment
 */
import { createAccount } from "@convex-dev/auth/server";
import type { GenericActionCtx, GenericDataModel } from "convex/server";
import { v, type Infer } from "convex/values";
import { internal } from "./_generated/api";
import { internalAction, internalMutation, type ActionCtx } from "./_generated/server";
import { DEMO_PASSWORD, DEMO_USERS, insertDemoData, insertFirstAdmin } from "./model/organization/seed";
import { PASSWORD_PROVIDER } from "./model/organization/users";
import { requireValidPassword } from "./model/shared/normalize";
import { vRole } from "./validators";

/** Gives an admin-added user (no password yet) a password, through Convex Auth like a sign-up. */
async function setPassword(ctx: ActionCtx, email: string, password: string): Promise<void> {
  await createAccount<GenericDataModel>(ctx as unknown as GenericActionCtx<GenericDataModel>, {
    provider: PASSWORD_PROVIDER,
    account: { id: email, secret: password },
    profile: { email },
  });
}

const vDemoResult = v.object({
  created: v.boolean(),
  users: v.array(v.object({ email: v.string(), role: vRole, password: v.string() })),
});

export const demo = internalAction({
  args: {},
  returns: vDemoResult,
  handler: async (ctx): Promise<Infer<typeof vDemoResult>> => {
    const written: { created: boolean; needPasswords: string[] } = await ctx.runMutation(
      internal.seed.writeDemoData,
      {},
    );
    const { created, needPasswords } = written;
    for (const email of needPasswords) await setPassword(ctx, email, DEMO_PASSWORD);
    const changed = created || needPasswords.length > 0;
    console.log(changed ? "Seeded the demo organization." : "The demo organization is already there: nothing changed.");
    return { created: changed, users: DEMO_USERS.map(({ email, role }) => ({ email, role, password: DEMO_PASSWORD })) };
  },
});

export const writeDemoData = internalMutation({
  args: {},
  returns: v.object({ created: v.boolean(), needPasswords: v.array(v.string()) }),
  handler: async (ctx) => await insertDemoData(ctx, Date.now()),
});

export const createAdmin = internalAction({
  args: { name: v.string(), email: v.string(), password: v.string() },
  returns: v.null(),
  handler: async (ctx, { name, email, password }): Promise<null> => {
    requireValidPassword(password);
    const normalized: string = await ctx.runMutation(internal.seed.writeFirstAdmin, { name, email });
    await setPassword(ctx, normalized, password);
    console.log(`Created administrator ${normalized}.`);
    return null;
  },
});

export const writeFirstAdmin = internalMutation({
  args: { name: v.string(), email: v.string() },
  returns: v.string(),
  handler: async (ctx, args) => await insertFirstAdmin(ctx, args),
});
