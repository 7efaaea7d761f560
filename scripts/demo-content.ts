/**
 * The demo content `npm start` adds on its first run, so every page has something to show: three
 * contact lists, two active campaigns whose contacts text back (Admissions, agent-operated, with
 * questions waiting, an agent's replies, a tag, an opt-out and an undelivered text; Financial Aid,
 * operated by the Virtual Assistant), five scheduled campaigns over the next six weeks (two on one
 * day, in different zones), two drafts (one not ready), an ended campaign and a 1:1 conversation.
 *
 * Everything goes through the public API as the demo people would do it (signed in with their
 * demo passwords) and through the Twilio simulator's control API for the contacts, so texts and
 * replies travel the real send and webhook paths. Each wait is on a condition, with a timeout.
 */
import type { ConvexHttpClient } from "convex/browser";
import { api } from "../convex/_generated/api.js";
import type { Id } from "../convex/_generated/dataModel.js";
import {
  availableNumbers,
  makeList,
  officeIdOf,
  pauseQuietHours,
  pollUntil,
  provisionSingleUse,
  signInAs,
  simPost,
  type ListContact,
} from "./api-client.ts";
import {
  contactsText,
  endAdvisingCampaign,
  numberNamed,
  scheduleAhead,
  startOneToOne,
  workAdmissions,
  type DemoPeople,
  type Launched,
} from "./demo-activity.ts";
import { advisees, aidFollowUp, PhoneBook, prospects } from "./demo-people.ts";

export interface DemoContentOptions {
  convexUrl: string;
  simulatorUrl: string;
  /** The demo users' password (`seed:demo` gives it). */
  password: string;
}

export interface DemoContentSummary {
  lists: number;
  contacts: number;
  campaigns: { active: number; scheduled: number; draft: number; archived: number };
  ms: number;
}

/** Texts per second for the demo campaigns' numbers, in Parley and at the simulator, so sending takes seconds. */
const DEMO_RATE = 25;

/** Adds the demo content; run once, right after `seed:demo` created the demo organization. */
export async function seedDemoContent(options: DemoContentOptions): Promise<DemoContentSummary> {
  const started = Date.now();
  const who = await signInDemoPeople(options);
  const book = new PhoneBook(started);
  // At an hour when it is night everywhere the demo texts, quiet hours are paused while the demo's
  // texts go out (the demo shows a conversation, not a wait until 8:00), then put back.
  const quiet = book.daytime ? null : await pauseQuietHours(who.admin);
  try {
    return await seedWith(options, who, book, started);
  } finally {
    if (quiet !== null) await who.admin.mutation(api.admin.setQuietHours, quiet);
  }
}

async function seedWith(options: DemoContentOptions, who: DemoPeople, book: PhoneBook, started: number) {
  const contacts = { prospects: prospects(book), aid: aidFollowUp(book), advisees: advisees(book) };
  const lists = {
    prospects: await makeList(
      who.sam,
      who.offices.admissions,
      "Fall 2027 prospects",
      PROSPECT_COLUMNS,
      contacts.prospects,
    ),
    aid: await makeList(who.sam, who.offices.aid, "FAFSA follow-up", ["Aid Status"], contacts.aid),
    advisees: await makeList(who.admin, who.offices.advising, "Undeclared sophomores", ["Advisor"], contacts.advisees),
  };
  // One prospect's number is a landline: the Activity tab shows the red "undelivered" state.
  await simPost(options.simulatorUrl, "/sim/rules", { number: contacts.prospects[9].phone, kind: "landline" });
  const admissions = await launch(
    who,
    who.sam,
    ADMISSIONS_CAMPAIGN,
    who.offices.admissions,
    lists.prospects,
    contacts.prospects,
  );
  const aid = await launch(who, who.sam, AID_CAMPAIGN, who.offices.aid, lists.aid, contacts.aid);
  const advising = await launch(
    who,
    who.admin,
    ADVISING_CAMPAIGN,
    who.offices.advising,
    lists.advisees,
    contacts.advisees,
  );
  await Promise.all([admissions, aid, advising].map((c) => waitForSends(who.admin, c)));
  await Promise.all([
    workAdmissions(who, admissions),
    contactsText(who, aid, AID_QUESTIONS, (a) => a.responses.chatbot >= AID_QUESTIONS.length - 1),
    endAdvisingCampaign(who, advising),
  ]);
  const scheduled = await scheduleAhead(who, lists, started);
  await drafts(who, lists.prospects);
  await startOneToOne(who, contacts.aid[7]);
  const count = Object.values(contacts).reduce((n, list) => n + list.length, 0);
  const campaigns = { active: 2, scheduled, draft: 2, archived: 1 };
  return { lists: 3, contacts: count, campaigns, ms: Date.now() - started };
}

const PROSPECT_COLUMNS = ["Program", "High School"];

async function signInDemoPeople(options: DemoContentOptions): Promise<DemoPeople> {
  const as = (email: string) => signInAs(options.convexUrl, email, options.password);
  const [admin, sam, riley] = await Promise.all([
    as("admin@parley.test"),
    as("sam@parley.test"),
    as("riley@parley.test"),
  ]);
  const offices = {
    admissions: await officeIdOf(admin, "Admissions"),
    aid: await officeIdOf(admin, "Financial Aid"),
    advising: await officeIdOf(admin, "Advising"),
  };
  return { admin, sam, riley, offices, simulatorUrl: options.simulatorUrl };
}

const ADMISSIONS_CAMPAIGN = {
  title: "Fall Open House invitations",
  tags: ["Open House"],
  message:
    "Hi {firstName}! Northfield's Fall Open House is Saturday at 10am. Meet our {Program} faculty and " +
    "tour campus. Reply with any questions!",
  operatedBy: "agent" as const,
};

const AID_CAMPAIGN = {
  title: "FAFSA priority deadline reminder",
  tags: ["FAFSA", "Deadlines"],
  message:
    "Hi {firstName}, Northfield Financial Aid here. Our priority FAFSA deadline is March 1. Text us any " +
    "question about your aid and our assistant will answer.",
  operatedBy: "va" as const,
  vaFallback: "escalate" as const,
};

const ADVISING_CAMPAIGN = {
  title: "Fall advising check-in",
  tags: ["Check-in"],
  message: "Hi {firstName}, your advisor {Advisor} has open hours this week. Reply to book a time!",
  operatedBy: "agent" as const,
};

/** Four the knowledge base answers; the last one it can't, so it waits for an agent (Needs attention). */
const AID_QUESTIONS = [
  "When is the FAFSA deadline?",
  "what school code do I put on my fafsa",
  "I was selected for verification, what do I need to send?",
  "When will I get my award letter?",
  "Can I pay my tuition with my grandma's credit card?",
];

type CampaignSettings = typeof ADMISSIONS_CAMPAIGN | typeof AID_CAMPAIGN | typeof ADVISING_CAMPAIGN;

/**
 * Creates the campaign as `as`, buys it a single-use number at the simulator, lets the admin raise
 * the number's throughput to DEMO_RATE (as the Numbers page does; the simulator's carrier too),
 * and launches it.
 */
async function launch(
  who: DemoPeople,
  as: ConvexHttpClient,
  settings: CampaignSettings,
  officeId: Id<"offices">,
  listId: Id<"contactLists">,
  contacts: ListContact[],
): Promise<Launched> {
  const campaignId = await as.mutation(api.campaigns.create, {
    ...{ ...settings, officeId, listId, timeZone: "America/New_York" },
  });
  const candidates = await availableNumbers(as, "singleUse", ["617", "857"]);
  const { numberId, phoneNumber } = await provisionSingleUse(as, campaignId, candidates);
  await who.admin.mutation(api.numbers.update, { numberId, messagesPerSecond: DEMO_RATE });
  await simPost(who.simulatorUrl, "/sim/throughput", { number: phoneNumber, segmentsPerSecond: DEMO_RATE });
  await as.mutation(api.campaigns.launch, { campaignId });
  return { campaignId, number: phoneNumber, contacts };
}

/** Until every text of the campaign reached its final status (delivered, or undelivered/failed). */
async function waitForSends(as: ConvexHttpClient, campaign: Launched): Promise<void> {
  await pollUntil(
    "the campaign's texts to be delivered",
    async () => {
      const { sendStatus } = await as.query(api.analytics.campaign, { campaignId: campaign.campaignId });
      return sendStatus.succeeded + sendStatus.failed >= campaign.contacts.length ? true : null;
    },
    20_000,
  );
}

/** Two drafts: one ready to launch (Riley's), one that is only a title so far, so Launch shows its reasons. */
async function drafts(who: DemoPeople, listId: Id<"contactLists">): Promise<void> {
  await who.riley.mutation(api.campaigns.create, {
    officeId: who.offices.admissions,
    timeZone: "America/New_York",
    title: "Admitted students: welcome to Northfield",
    tags: ["Yield"],
    listId,
    message: "Congratulations, {firstName}! Welcome to Northfield's {Program} program. Reply with any questions.",
    operatedBy: "agent",
    numberId: await numberNamed(who.riley, "Admissions main line"),
  });
  await who.sam.mutation(api.campaigns.create, {
    officeId: who.offices.admissions,
    timeZone: "America/New_York",
    title: "Scholarship webinar invite",
    tags: ["Scholarships"],
  });
}
