/** Seed data and the writes behind `seed.demo` and `seed.createAdmin` (one place, so tests and docs agree). */
import type { Id } from "../../_generated/dataModel";
import type { MutationCtx } from "../../_generated/server";
import type { OperatedBy, Role } from "../../validators";
import { appError } from "../shared/errors";
import { searchTextOf } from "../assistant/knowledgeBase";
import { DEMO_KNOWLEDGE, DEMO_KNOWLEDGE_OFFICE } from "../assistant/seedKnowledge";
import { addUser, findUserByEmail, hasActiveAdmin, hasPassword } from "./users";
import { normalizeEmail } from "../shared/normalize";

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
 * Creates whatever of the demo organization is missing (organization row, offices, users, numbers) and
 * names the demo users who have no password yet. Running it again changes nothing.
 */
export async function insertDemoData(
  ctx: MutationCtx,
  now: number,
): Promise<{ created: boolean; needPasswords: string[] }> {
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
  created = (await insertDemoNumbers(ctx, officeIds, now)) || created;
  created = (await insertDemoKnowledge(ctx, officeIds, now)) || created;
  return { created, needPasswords };
}

/**
 * One reusable number per office, written directly (no Twilio): 555-01xx numbers are reserved for
 * fiction and the SIDs are made up. `npm start` registers them with the local Twilio simulator,
 * where they send; on real Twilio they can't, until replaced by provisioned ones.
 * 0191–0193 lie past the first page of numbers the Twilio simulator offers for sale in 617.
 */
export const DEMO_NUMBERS: readonly {
  office: DemoOffice;
  e164: string;
  name: string;
  handledBy: OperatedBy;
  personalInboxes: readonly string[];
}[] = [
  { office: "Admissions", e164: "+16175550191", name: "Admissions main line", handledBy: "va", personalInboxes: [] },
  {
    office: "Financial Aid",
    e164: "+16175550192",
    name: "Financial Aid main line",
    handledBy: "agent",
    personalInboxes: ["sam@parley.test"],
  },
  { office: "Advising", e164: "+16175550193", name: "Advising main line", handledBy: "agent", personalInboxes: [] },
];

/** Adds the demo numbers never added before (a released one stays released). Returns whether it added any. */
async function insertDemoNumbers(
  ctx: MutationCtx,
  officeIds: Map<string, Id<"offices">>,
  now: number,
): Promise<boolean> {
  let created = false;
  for (const [index, demo] of DEMO_NUMBERS.entries()) {
    const existing = await ctx.db
      .query("phoneNumbers")
      .withIndex("by_e164_and_status", (q) => q.eq("e164", demo.e164))
      .first();
    if (existing !== null) continue;
    const officeId = officeIds.get(demo.office) as Id<"offices">;
    const users = await Promise.all(demo.personalInboxes.map((email) => findUserByEmail(ctx, email)));
    await ctx.db.insert("phoneNumbers", {
      officeId,
      e164: demo.e164,
      kind: "reusable",
      name: demo.name,
      description:
        "Demo number: sends through the local Twilio simulator only. On real Twilio, provision a number on the Numbers page.",
      messagesPerSecond: 1,
      twilioSid: `PN5eed${"0".repeat(26)}${(index + 1).toString(16).padStart(2, "0")}`,
      status: "active",
      unsolicited: {
        handledBy: demo.handledBy,
        inboxes: { userIds: users.flatMap((u) => (u === null ? [] : [u._id])), officeIds: [officeId] },
      },
      provisionedAt: now,
    });
    created = true;
  }
  return created;
}

/** The demo knowledge base, into an office whose knowledge base is empty (entries deleted by hand stay deleted). */
async function insertDemoKnowledge(
  ctx: MutationCtx,
  officeIds: Map<string, Id<"offices">>,
  now: number,
): Promise<boolean> {
  const officeId = officeIds.get(DEMO_KNOWLEDGE_OFFICE) as Id<"offices">;
  const admin = await findUserByEmail(ctx, DEMO_USERS[0].email);
  const existing = await ctx.db
    .query("knowledgeEntries")
    .withIndex("by_officeId", (q) => q.eq("officeId", officeId))
    .first();
  if (existing !== null || admin === null) return false;
  for (const { id, ...fields } of DEMO_KNOWLEDGE) {
    const entry = { ...fields, officeId, externalId: id, updatedAt: now, updatedBy: admin._id };
    await ctx.db.insert("knowledgeEntries", { ...entry, searchText: searchTextOf(entry) });
  }
  return true;
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
