/** Seed data and the writes behind `seed.demo` and `seed.createAdmin` (one place, so tests and docs agree). */
import type { Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import type { Role } from "../validators";
import { appError } from "./errors";
import { addUser, findUserByEmail, hasActiveAdmin, hasPassword } from "./users";
import { normalizeEmail } from "./validation";

export const DEMO_PASSWORD = "parley-demo-2026";

export const DEMO_ORGANIZATION = {
  name: "Northfield University",
  helpText:
    "Northfield University: texts from our Admissions, Financial Aid and Advising offices. " +
    "Call (555) 010-2000 or email help@northfield.example for help. Reply STOP to opt out.",
};

export const DEMO_OFFICES = ["Admissions", "Financial Aid", "Advising"] as const;
export type DemoOffice = (typeof DEMO_OFFICES)[number];

export type DemoUser = { name: string; email: string; role: Role; offices: readonly DemoOffice[] };

export const DEMO_USERS: readonly DemoUser[] = [
  { name: "Avery Admin", email: "admin@parley.test", role: "admin", offices: DEMO_OFFICES },
  { name: "Sam Rivera", email: "sam@parley.test", role: "standard", offices: ["Admissions", "Financial Aid"] },
  { name: "Riley Chen", email: "riley@parley.test", role: "standard", offices: ["Admissions"] },
  { name: "Lee Morgan", email: "lee@parley.test", role: "limited", offices: ["Advising"] },
];

/**
 * Creates whatever of the demo organization is missing (organization row, offices, users) and
 * names the demo users who have no password yet. Running it again changes nothing.
 */
export async function insertDemoData(ctx: MutationCtx): Promise<{ created: boolean; needPasswords: string[] }> {
  let created = false;
  if ((await ctx.db.query("organization").first()) === null) {
    await ctx.db.insert("organization", DEMO_ORGANIZATION);
    created = true;
  }
  const officeIds = new Map<string, Id<"offices">>();
  for (const name of DEMO_OFFICES) {
    const office = await ctx.db
      .query("offices")
      .withIndex("by_name", (q) => q.eq("name", name))
      .first();
    officeIds.set(name, office?._id ?? (await ctx.db.insert("offices", { name, userCount: 0 })));
    created ||= office === null;
  }
  const needPasswords: string[] = [];
  for (const user of DEMO_USERS) {
    const existing = await findUserByEmail(ctx, user.email);
    const offices = user.offices.map((name) => officeIds.get(name) as Id<"offices">);
    const userId = existing?._id ?? (await addUser(ctx, { ...user, officeIds: offices, viewOtherOffices: false }));
    created ||= existing === null;
    if (!(await hasPassword(ctx, userId))) needPasswords.push(user.email);
  }
  return { created, needPasswords };
}

/** The first admin of a new deployment. Refuses (CONFLICT) once an active admin exists. */
export async function insertFirstAdmin(ctx: MutationCtx, input: { name: string; email: string }): Promise<string> {
  const email = normalizeEmail(input.email);
  const existing = await findUserByEmail(ctx, email);
  // A previous run that added the admin but did not get to set the password: finish it.
  if (existing?.role === "admin" && !(await hasPassword(ctx, existing._id))) return email;
  if (await hasActiveAdmin(ctx))
    throw appError(
      "CONFLICT",
      "This deployment already has an administrator. Ask them to add you from the Users page.",
    );
  await addUser(ctx, { name: input.name, email, role: "admin", officeIds: [], viewOtherOffices: false });
  return email;
}
