/**
 * The campaigns the Campaigns page's browser tests look at, made through the backend as the demo
 * people would make them (ConvexHttpClient signed in): one of each state, all titled with one
 * run's `suffix` so tests can find theirs among everyone else's.
 *
 * - active:   "Spring Open House <suffix>" (Admissions, agent, its own single-use number, a list
 *             with a Program column; one contact is a landline at the Twilio simulator, so its
 *             text comes back undelivered)
 * - reusable: "Aid Deadline <suffix>" (Financial Aid, Virtual Assistant, on a reusable number
 *             provisioned for this run whose unsolicited settings are agents, Financial Aid's
 *             office inbox and Sam Rivera's inbox)
 * - notReady: "Draft Reminder <suffix>" (a draft with no list, message or number)
 * - ready:    "Ready Welcome <suffix>" (a draft ready to launch, single-use number)
 * - scheduled:"Fall Orientation <suffix>" (scheduled three days ahead, 9:00 in New York)
 * - archived: "Old Survey <suffix>" (a discarded draft)
 * - readOnly: "Advising Note <suffix>" (an Advising draft, made by the admin, for Lee to read)
 */
import type { ConvexHttpClient } from "convex/browser";
import { api } from "../../convex/_generated/api.js";
import type { Id } from "../../convex/_generated/dataModel.js";
import { normalizePhone } from "../../convex/model/shared/contactPhone.ts";
import { daytimeAreaCodes, makeList, type ListContact } from "../../scripts/api-client.ts";
import { backendAs, DEMO } from "./helpers.ts";

type OfficeId = Id<"offices">;
type Contact = ListContact;

/** A valid phone number in a daytime area code, random enough that no other test has it. */
export function daytimePhone(): string {
  // At night everywhere any code will do: the browser tests' organization has no quiet hours (setup.ts).
  const codes = daytimeAreaCodes(Date.now(), undefined, "617");
  for (;;) {
    const code = codes[Math.floor(Math.random() * codes.length)];
    const local = String(2_000_000 + Math.floor(Math.random() * 7_000_000));
    const result = normalizePhone(`+1${code}${local}`);
    if (result.ok) return result.phone;
  }
}

async function available(client: ConvexHttpClient, kind: "singleUse" | "reusable"): Promise<string[]> {
  const found: string[] = [];
  for (const areaCode of ["213", "305", "312", "404", "503", "602", "720", "919"]) {
    const numbers = await client.action(api.numbers.searchAvailable, { areaCode, kind });
    found.push(...numbers.map((n) => n.phoneNumber).sort(() => Math.random() - 0.5));
    if (found.length >= 20) break;
  }
  return found;
}

/** Buys a single-use number at the simulator for the campaign (the next one if another test got it first). */
async function singleUseNumber(client: ConvexHttpClient, campaignId: Id<"campaigns">): Promise<string> {
  for (const phoneNumber of await available(client, "singleUse")) {
    try {
      await client.action(api.numbers.provisionSingleUse, { campaignId, phoneNumber });
      return phoneNumber;
    } catch {
      // Taken meanwhile: try the next.
    }
  }
  throw new Error("No single-use number could be provisioned at the simulator");
}

async function reusableNumber(admin: ConvexHttpClient, officeId: OfficeId, userId: Id<"users">, suffix: string) {
  for (const phoneNumber of await available(admin, "reusable")) {
    try {
      const numberId = await admin.action(api.numbers.provisionReusable, {
        officeId,
        phoneNumber,
        name: `E2E line ${suffix}`,
        description: "Made by the campaigns browser tests.",
        unsolicited: { handledBy: "agent", inboxes: { userIds: [userId], officeIds: [officeId] } },
      });
      return { numberId, phoneNumber };
    } catch {
      // Taken meanwhile: try the next.
    }
  }
  throw new Error("No reusable number could be provisioned at the simulator");
}

/** Makes the simulator's carrier report the number as a landline (undelivered, 30006). */
async function landline(phone: string): Promise<void> {
  const response = await fetch(`${process.env.PARLEY_E2E_TWILIO_URL}/sim/rules`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ number: phone, kind: "landline" }),
  });
  if (!response.ok) throw new Error(`The simulator refused the rule: ${await response.text()}`);
}

export type CampaignFixtures = Awaited<ReturnType<typeof campaignFixtures>>;

export async function campaignFixtures() {
  const suffix = `z${Date.now().toString(36)}`;
  const [admin, sam] = [await backendAs(DEMO.admin), await backendAs(DEMO.sam)];
  const offices = (await sam.query(api.viewer.get, {}))?.offices ?? [];
  const office = (name: string) => offices.find((o) => o.name === name)?._id as OfficeId;
  const samId = (await admin.query(api.admin.listUsers, {})).find((u) => u.email === DEMO.sam)?._id as Id<"users">;
  const contacts: Contact[] = [
    { firstName: "Ada", lastName: "Lovelace", phone: daytimePhone(), fields: { Program: "Nursing" } },
    { firstName: "Ben", lastName: "Franklin", phone: daytimePhone(), fields: { Program: "Physics" } },
    { firstName: "Cy", lastName: "Landline", phone: daytimePhone(), fields: { Program: "History" } },
  ];
  await landline(contacts[2].phone);
  const listId = await makeList(sam, office("Admissions"), `Open house list ${suffix}`, ["Program"], contacts);
  const message = "Hi {firstName}, your {Program} open house is Friday at 5pm. Reply with questions!";
  const base = { officeId: office("Admissions"), timeZone: "America/New_York" };
  const draft = (title: string, extra: Record<string, unknown> = {}) =>
    sam.mutation(api.campaigns.create, { ...base, title: `${title} ${suffix}`, ...extra });

  const active = await draft("Spring Open House", { tags: ["Open House"], listId, message, operatedBy: "agent" });
  const activeNumber = await singleUseNumber(sam, active);
  await sam.mutation(api.campaigns.launch, { campaignId: active });

  const aidOffice = office("Financial Aid");
  const aidContact = { firstName: "Dee", lastName: "Aid", phone: daytimePhone(), fields: {} };
  const aidList = await makeList(sam, aidOffice, `Aid list ${suffix}`, [], [aidContact]);
  const line = await reusableNumber(admin, aidOffice, samId, suffix);
  const reusable = await sam.mutation(api.campaigns.create, {
    ...{ officeId: aidOffice, timeZone: "America/New_York", title: `Aid Deadline ${suffix}`, tags: ["Deadlines"] },
    ...{
      listId: aidList,
      message: "Hi {firstName}, aid forms are due Monday.",
      operatedBy: "va",
      numberId: line.numberId,
    },
  });
  await sam.mutation(api.campaigns.launch, { campaignId: reusable });

  const notReady = await draft("Draft Reminder", { tags: ["Reminders"] });
  const ready = await draft("Ready Welcome", { listId, message: "Welcome, {firstName}!" });
  await singleUseNumber(sam, ready);
  const scheduled = await draft("Fall Orientation", {
    listId,
    message: "Orientation is next week, {firstName}.",
    tags: ["Week one"],
  });
  await singleUseNumber(sam, scheduled);
  const scheduledAt = Date.now() + 3 * 86_400_000;
  await sam.mutation(api.campaigns.schedule, { campaignId: scheduled, scheduledAt, timeZone: "America/New_York" });
  const archived = await draft("Old Survey");
  await sam.mutation(api.campaigns.discard, { campaignId: archived });
  // Advising's, for Lee (Limited, Advising), who may read it but not change it.
  const advising = (await admin.query(api.viewer.get, {}))?.offices.find((o) => o.name === "Advising")?._id as OfficeId;
  const readOnly = await admin.mutation(api.campaigns.create, {
    ...{ officeId: advising, timeZone: "America/New_York", title: `Advising Note ${suffix}` },
  });

  return {
    suffix,
    contacts,
    ids: { active, reusable, notReady, ready, scheduled, archived, readOnly },
    numbers: { active: activeNumber, reusable: line.phoneNumber },
  };
}

/** A draft of Sam's (Admissions) on a list of `count` contacts, for the Contacts tab at length. */
export async function bigDraft(count: number, suffix: string): Promise<Id<"campaigns">> {
  const sam = await backendAs(DEMO.sam);
  const officeId = (await sam.query(api.viewer.get, {}))?.offices.find((o) => o.name === "Admissions")?._id as OfficeId;
  const start = 2_000_000 + Math.floor(Math.random() * 5_000_000);
  const contacts: Contact[] = [];
  for (let i = 0; contacts.length < count; i++) {
    const result = normalizePhone(`+1508${start + i}`);
    if (result.ok)
      contacts.push({ firstName: `First${contacts.length}`, lastName: "Long", phone: result.phone, fields: {} });
  }
  const listId = await sam.mutation(api.contactLists.create, {
    officeId,
    name: `Long list ${suffix}`,
    tags: [],
    columns: [],
  });
  for (let batch = 0; batch * 500 < count; batch++) {
    const entries = contacts.slice(batch * 500, batch * 500 + 500).map((c, i) => ({ row: batch * 500 + i + 2, ...c }));
    await sam.mutation(api.contactLists.appendBatch, { listId, batchIndex: batch, entries });
  }
  await sam.mutation(api.contactLists.finish, { listId });
  const title = `Long Draft ${suffix}`;
  return await sam.mutation(api.campaigns.create, {
    officeId,
    timeZone: "America/New_York",
    title,
    listId,
    message: "Hi",
  });
}
