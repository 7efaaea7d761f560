/**
 * What happens in the demo after the campaigns are launched (`demo-content.ts`): contacts text
 * back through the Twilio simulator, the demo agents answer and tag, a campaign is ended, others
 * are scheduled ahead, and a 1:1 text goes out from a reusable number. Public API only.
 */
import type { ConvexHttpClient } from "convex/browser";
import type { FunctionReturnType } from "convex/server";
import { api } from "../convex/_generated/api.js";
import type { Id } from "../convex/_generated/dataModel.js";
import { localDate, zonedInstant } from "../convex/model/shared/timeZones.ts";
import { availableNumbers, pollUntil, provisionSingleUse, textFromContact, type ListContact } from "./api-client.ts";

export type DemoPeople = {
  admin: ConvexHttpClient;
  sam: ConvexHttpClient;
  riley: ConvexHttpClient;
  offices: { admissions: Id<"offices">; aid: Id<"offices">; advising: Id<"offices"> };
  simulatorUrl: string;
};

export type Launched = { campaignId: Id<"campaigns">; number: string; contacts: ListContact[] };

type Analytics = FunctionReturnType<typeof api.analytics.campaign>;

/**
 * Contacts 0, 1, … text `bodies` to the campaign's number; returns once Parley stored them all
 * (responded counts texts that aren't keywords; STOP counts as an opt-out) and `settled` holds.
 */
export async function contactsText(
  who: DemoPeople,
  campaign: Launched,
  bodies: readonly string[],
  settled: (analytics: Analytics) => boolean = () => true,
): Promise<void> {
  for (const [i, body] of bodies.entries())
    await textFromContact(who.simulatorUrl, campaign.contacts[i].phone, campaign.number, body);
  const stops = bodies.filter((b) => b === "STOP").length;
  await pollUntil("the contacts' texts to reach Parley", async () => {
    const analytics = await who.admin.query(api.analytics.campaign, { campaignId: campaign.campaignId });
    const { responded, optedOut } = analytics.engagement;
    return responded >= bodies.length - stops && optedOut >= stops && settled(analytics) ? true : null;
  });
}

/** Conversation ids by the contact's phone, across the campaign's Activity sections. */
async function conversationsByPhone(as: ConvexHttpClient, campaignId: Id<"campaigns">) {
  const ids = new Map<string, Id<"conversations">>();
  for (const section of ["needsAttention", "agent", "va"] as const) {
    const paginationOpts = { numItems: 200, cursor: null };
    const page = await as.query(api.conversations.activity, { campaignId, section, paginationOpts });
    for (const row of page.page) ids.set(row.phone, row._id);
  }
  return ids;
}

const ADMISSIONS_REPLIES = [
  "Is there parking on campus for the open house?",
  "Can my parents come too?",
  "Do you offer scholarships for Computer Science majors?",
  "What time does it end? I have a game that afternoon",
  "STOP",
  "Yes! I'll be there with my mom",
  "Is there an overnight visit option for admitted students?",
];

/** Admissions: seven contacts answer; Riley and Sam reply to three and tag one; three questions stay waiting. */
export async function workAdmissions(who: DemoPeople, campaign: Launched): Promise<void> {
  await contactsText(who, campaign, ADMISSIONS_REPLIES);
  const ids = await conversationsByPhone(who.riley, campaign.campaignId);
  const id = (i: number) => ids.get(campaign.contacts[i].phone) as Id<"conversations">;
  await who.riley.mutation(api.conversations.sendReply, {
    conversationId: id(0),
    body: "Yes! Parking is free in Lot B, right next to the Welcome Center. See you Saturday!",
  });
  await who.sam.mutation(api.conversations.sendReply, {
    conversationId: id(1),
    body: "Of course, families are very welcome. There's a parents' session at 11 in Hale Hall.",
  });
  await who.riley.mutation(api.conversations.addTag, { conversationId: id(5), tag: "RSVP yes" });
  await who.riley.mutation(api.conversations.sendReply, {
    conversationId: id(5),
    body: "Wonderful! We've saved you two seats. Check in at the Welcome Center.",
  });
  await who.sam.mutation(api.conversations.addTag, { conversationId: id(2), tag: "Scholarships" });
}

/** Advising: one student answers, the admin replies, then ends the campaign (it moves to Archived). */
export async function endAdvisingCampaign(who: DemoPeople, campaign: Launched): Promise<void> {
  await contactsText(who, campaign, ["Can I come Thursday at 2?"]);
  const ids = await conversationsByPhone(who.admin, campaign.campaignId);
  await who.admin.mutation(api.conversations.sendReply, {
    conversationId: ids.get(campaign.contacts[0].phone) as Id<"conversations">,
    body: "Thursday at 2 works. See you in Hale Hall 210!",
  });
  await who.admin.mutation(api.campaigns.end, { campaignId: campaign.campaignId });
}

/** The id of a reusable number by its name (the demo main lines). */
export async function numberNamed(as: ConvexHttpClient, name: string): Promise<Id<"phoneNumbers">> {
  const found = (await as.query(api.numbers.list, {})).find((n) => n.name === name);
  if (!found) throw new Error(`No number named ${name}`);
  return found._id;
}

type Lists = { prospects: Id<"contactLists">; aid: Id<"contactLists">; advisees: Id<"contactLists"> };

type Office = keyof DemoPeople["offices"];
type Person = "admin" | "sam" | "riley";
type Scheduled = { office: Office; by: Person; title: string; message: string; on: [number, string, string] };

/**
 * `on`: [days ahead, time, zone]. One is days away (the calendar opens on this month); two share
 * day 10 (New York and Los Angeles), the second on its own single-use number (`ownNumber`), since
 * the Admissions main line will be busy with the first.
 */
const SCHEDULE: (Scheduled & { ownNumber?: true })[] = [
  {
    office: "admissions",
    by: "sam",
    title: "Accepted Students Day invite",
    message: "Congratulations, {firstName}! Accepted Students Day is next Saturday: reply YES to save your spot.",
    on: [10, "10:00", "America/New_York"],
  },
  {
    office: "admissions",
    by: "riley",
    title: "West Coast campus tour reminder",
    message: "Hi {firstName}, our admissions team visits the West Coast next week. Reply with your city to meet us.",
    on: [10, "13:00", "America/Los_Angeles"],
    ownNumber: true,
  },
  {
    office: "aid",
    by: "sam",
    title: "Verification documents due",
    message: "Hi {firstName}, your verification documents are due Friday. Upload them in the student portal.",
    on: [3, "09:00", "America/Chicago"],
  },
  {
    office: "advising",
    by: "admin",
    title: "Spring advising appointments",
    message: "Hi {firstName}, spring advising appointments are open. Reply to book one with {Advisor}.",
    on: [25, "11:00", "America/Denver"],
  },
  {
    office: "admissions",
    by: "riley",
    title: "Enrollment deposit reminder",
    message: "Hi {firstName}, a reminder that enrollment deposits for {Program} are due May 1.",
    on: [38, "09:30", "America/New_York"],
  },
];

const MAIN_LINES = {
  admissions: "Admissions main line",
  aid: "Financial Aid main line",
  advising: "Advising main line",
};
const LIST_OF = { admissions: "prospects", aid: "aid", advising: "advisees" } as const;

/** The scheduled campaigns, on the offices' main lines (scheduled campaigns may share a number) but one. */
export async function scheduleAhead(who: DemoPeople, lists: Lists, now: number): Promise<number> {
  const [y, m, d] = localDate(now, "America/New_York").split("-").map(Number);
  for (const { office, by, title, message, on, ownNumber } of SCHEDULE) {
    const [days, time, timeZone] = on;
    const as = who[by];
    const campaignId = await as.mutation(api.campaigns.create, {
      ...{ officeId: who.offices[office], timeZone, title, message, listId: lists[LIST_OF[office]] },
      ...(ownNumber ? {} : { numberId: await numberNamed(as, MAIN_LINES[office]) }),
    });
    if (ownNumber) await provisionSingleUse(as, campaignId, await availableNumbers(as, "singleUse", ["213"]));
    const date = new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
    const scheduledAt = zonedInstant(date, time, timeZone);
    await as.mutation(api.campaigns.schedule, { campaignId, scheduledAt, timeZone });
  }
  return SCHEDULE.length;
}

/** Sam texts a student 1:1 from the Financial Aid main line; the student answers (Sam's Inbox shows it). */
export async function startOneToOne(who: DemoPeople, contact: ListContact): Promise<void> {
  const numberId = await numberNamed(who.sam, MAIN_LINES.aid);
  const body = `Hi ${contact.firstName}, this is Sam from Financial Aid. Your verification documents arrived: you're all set!`;
  const { conversationId } = await who.sam.mutation(api.conversations.startOneToOne, {
    numberId,
    phone: contact.phone,
    body,
  });
  const line = (await who.sam.query(api.numbers.get, { numberId }))?.e164 as string;
  await textFromContact(who.simulatorUrl, contact.phone, line, "Thank you so much! Do I need to do anything else?");
  await pollUntil("the 1:1 answer to reach Parley", async () => {
    const paginationOpts = { numItems: 10, cursor: null };
    const { page } = await who.sam.query(api.conversations.thread, { conversationId, paginationOpts });
    return page.some((m) => m.direction === "inbound") ? true : null;
  });
}
