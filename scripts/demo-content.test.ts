/**
 * `npm start`'s demo content, seeded into a fresh local backend and Twilio simulator (no app), and
 * read back through the public API as the demo people would see it on each page.
 */
import type { ConvexHttpClient } from "convex/browser";
import { afterAll, beforeAll, expect, test } from "vitest";
import { api } from "../convex/_generated/api.js";
import { localDate } from "../convex/model/shared/timeZones.ts";
import { tempDataDir } from "../local/convex/testing.ts";
import { officeIdOf, pollUntil, signInAs } from "./api-client.ts";
import type { DemoContentSummary } from "./demo-content.ts";
import { startServices, type Services } from "./stack.ts";

let services: Services;
let summary: DemoContentSummary;
let sam: ConvexHttpClient;
const dataDir = tempDataDir();
const options = { dataDir, appUrl: "http://127.0.0.1:5999", backendPort: 0, sitePort: 0, simulatorPort: 0 };

beforeAll(async () => {
  services = await startServices({ ...options, demoContent: true });
  if (services.demoContent === null) throw new Error("The demo content failed: see the warning above");
  summary = services.demoContent;
  sam = await signInAs(services.backend.url, "sam@parley.test", services.demoUsers[0].password);
}, 300_000);

afterAll(async () => await services?.stop());

const page = { numItems: 50, cursor: null };

async function titles(status: "active" | "scheduled" | "draft" | "archived") {
  const rows = await sam.query(api.campaigns.listByTab, { status, paginationOpts: page });
  return rows.page.map((row) => row.title).sort();
}

async function campaignId(title: string) {
  const rows = await sam.query(api.campaigns.listByTab, { status: "active", paginationOpts: page });
  const found = rows.page.find((row) => row.title === title);
  if (!found) throw new Error(`No active campaign ${title}`);
  return found._id;
}

test("seeding takes seconds, not minutes", () => {
  expect(summary.ms).toBeLessThan(30_000);
  expect(summary.campaigns).toEqual({ active: 2, scheduled: 5, draft: 2, archived: 1 });
});

test("the Campaigns page has something in every tab", async () => {
  expect(await titles("active")).toEqual(["FAFSA priority deadline reminder", "Fall Open House invitations"]);
  expect(await titles("scheduled")).toHaveLength(4); // Sam's offices: the Advising one is the admin's
  expect(await titles("draft")).toEqual(["Admitted students: welcome to Northfield", "Scholarship webinar invite"]);
  const admin = await signInAs(services.backend.url, "admin@parley.test", services.demoUsers[0].password);
  const archived = await admin.query(api.campaigns.listByTab, { status: "archived", paginationOpts: page });
  expect(archived.page.map((row) => [row.title, row.archiveReason])).toEqual([["Fall advising check-in", "ended"]]);
});

test("the not-ready draft says why Launch is greyed out", async () => {
  const rows = await sam.query(api.campaigns.listByTab, { status: "draft", paginationOpts: page });
  const reasons = async (title: string) =>
    await sam.query(api.campaigns.readiness, { campaignId: rows.page.find((r) => r.title === title)!._id });
  expect((await reasons("Scholarship webinar invite")).map((r) => r.field)).toEqual(
    expect.arrayContaining(["list", "message", "number"]),
  );
  expect(await reasons("Admitted students: welcome to Northfield")).toEqual([]);
});

test("the Admissions campaign has questions waiting, agent replies, a tag, an opt-out and a failed text", async () => {
  const id = await campaignId("Fall Open House invitations");
  expect((await sam.query(api.conversations.sectionCounts, { campaignId: id })).needsAttention).toBe(3);
  expect(await sam.query(api.conversations.tags, { campaignId: id })).toEqual(["rsvp yes", "scholarships"]);
  const analytics = await sam.query(api.analytics.campaign, { campaignId: id });
  expect(analytics.sendStatus).toMatchObject({ total: 60, succeeded: 59, failed: 1 });
  expect(analytics.engagement).toMatchObject({ messaged: 59, responded: 6, optedOut: 1 });
  expect(analytics.responses.agent).toBe(3);
});

test("the Virtual Assistant answered the Financial Aid questions it knows and left one for an agent", async () => {
  const id = await campaignId("FAFSA priority deadline reminder");
  const analytics = await sam.query(api.analytics.campaign, { campaignId: id });
  expect(analytics.sendStatus.succeeded).toBe(40);
  expect(analytics.engagement.responded).toBe(5);
  expect(analytics.responses.chatbot).toBeGreaterThanOrEqual(4);
  expect((await sam.query(api.conversations.sectionCounts, { campaignId: id })).needsAttention).toBe(1);
});

test("the Scheduled calendar shows the campaigns, two of them on one day", async () => {
  const counts: number[] = [];
  const today = localDate(Date.now(), "America/New_York");
  for (let ahead = 0; ahead < 3; ahead++) {
    const [y, m] = today.split("-").map(Number);
    const first = new Date(Date.UTC(y, m - 1 + ahead, 1));
    const month = await sam.query(api.campaigns.calendarMonth, {
      year: first.getUTCFullYear(),
      month: first.getUTCMonth() + 1,
      timeZone: "America/New_York",
    });
    counts.push(...month.days.map((day) => day.count));
  }
  expect(counts.reduce((a, b) => a + b, 0)).toBe(5); // Sam also sees other offices' scheduled campaigns
  expect(Math.max(...counts)).toBe(2);
});

test("the contact lists have their contacts and columns", async () => {
  const admissions = await sam.query(api.contactLists.list, {
    officeId: await officeIdOf(sam, "Admissions"),
    paginationOpts: page,
  });
  expect(admissions.page.map((l) => [l.name, l.contactCount, l.columns])).toEqual([
    ["Fall 2027 prospects", 60, ["Program", "High School"]],
  ]);
  const aid = await sam.query(api.contactLists.list, {
    officeId: await officeIdOf(sam, "Financial Aid"),
    paginationOpts: page,
  });
  expect(aid.page.map((l) => [l.name, l.contactCount])).toEqual([["FAFSA follow-up", 40]]);
});

test("Sam's Inbox has the 1:1 answer and the questions waiting; the Dashboard shows engagement", async () => {
  const inbox = await pollUntil("Sam's inbox", async () => {
    const rows = await sam.query(api.inbox.needsAttention, { paginationOpts: page });
    return rows.page.length >= 5 ? rows.page : null;
  });
  expect(inbox.some((row) => row.campaign === null)).toBe(true);
  const dashboard = await sam.query(api.analytics.dashboard, { since: Date.now() - 3_600_000 });
  expect(dashboard.map((row) => row.title).sort()).toEqual([
    "FAFSA priority deadline reminder",
    "Fall Open House invitations",
  ]);
  expect(dashboard.every((row) => row.responded > 0 && row.messaged > 0)).toBe(true);
});

test("a restart on the same data adds nothing: the demo content comes only with a new organization", async () => {
  await services.stop();
  services = await startServices({ ...options, demoContent: true });
  expect(services.demoContent).toBeNull();
  sam = await signInAs(services.backend.url, "sam@parley.test", services.demoUsers[0].password);
  expect(await titles("active")).toHaveLength(2);
  expect(await titles("draft")).toHaveLength(2);
});
