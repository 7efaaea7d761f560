/** What the Campaigns page reads: tabs (offices merged, search, tags, order), the calendar, the General tab. */
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { zonedInstant } from "./model/shared/timeZones";
import {
  type Caller,
  type CampaignTest,
  campaignTest,
  codeOf,
  insertContactList,
  insertPhoneNumber,
  insertUser,
  signedInAs,
} from "./setup.test";
import type { CampaignRow, CampaignStatus } from "./validators";

const MINUTE = 60_000;
type World = CampaignTest;
const world = campaignTest;

/** Every row of a tab, read page by page. */
async function allPages(caller: Caller, args: { status: CampaignStatus } & Record<string, unknown>, numItems = 2) {
  const rows = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 20; pages++) {
    const page: { page: CampaignRow[]; isDone: boolean; continueCursor: string } = await caller.query(
      api.campaigns.listByTab,
      { ...args, paginationOpts: { numItems, cursor } },
    );
    rows.push(...page.page);
    if (page.isDone) return rows;
    cursor = page.continueCursor;
  }
  throw new Error("too many pages");
}
const titles = (rows: { title: string }[]) => rows.map((r) => r.title);

beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2026, 2, 1, 12) });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Creates a draft a minute after the previous write, so "last updated" orders are distinct. */
async function draft(w: World, caller: Caller, fields: Record<string, unknown>) {
  vi.advanceTimersByTime(MINUTE);
  return await caller.mutation(api.campaigns.create, { ...w.ready, ...fields });
}

describe("tabs", () => {
  test("each tab lists its campaigns, last updated first, with every column", async () => {
    const w = await world();
    const older = await draft(w, w.sam, { title: "Older draft", tags: ["Fall"] });
    await draft(w, w.sam, { title: "Newer draft", listId: null, numberId: null });
    const live = await draft(w, w.sam, { title: "Live", operatedBy: "va" });
    await w.sam.mutation(api.campaigns.launch, { campaignId: live });
    const later = await draft(w, w.sam, { title: "Later", numberId: await insertPhoneNumber(w.t, w.admissions) });
    await w.sam.mutation(api.campaigns.schedule, {
      campaignId: later,
      scheduledAt: Date.now() + 86_400_000,
      timeZone: "UTC",
    });
    const drafts = await allPages(w.sam, { status: "draft" });
    expect(titles(drafts)).toEqual(["Newer draft", "Older draft"]);
    expect(drafts[1]).toMatchObject({
      _id: older,
      status: "draft",
      office: { _id: w.admissions, name: "Admissions" },
      number: { _id: w.numberId, e164: expect.stringMatching(/^\+1617555/), kind: "reusable" },
      list: { _id: w.listId, name: "Fall applicants" },
      operatedBy: "agent",
      tags: ["Fall"],
      timeZone: "America/New_York",
      needsAttention: 0,
    });
    expect(drafts[0]).toMatchObject({ number: null, list: null });
    const [active] = await allPages(w.sam, { status: "active" });
    expect(active).toMatchObject({ title: "Live", operatedBy: "va", launchedAt: expect.any(Number) });
    const [scheduled] = await allPages(w.sam, { status: "scheduled" });
    expect(scheduled).toMatchObject({ title: "Later", scheduledAt: expect.any(Number), timeZone: "UTC" });
    expect(await allPages(w.sam, { status: "archived" })).toEqual([]);
  });

  test("a viewer of several offices gets both merged by last update, page by page, or one office", async () => {
    const w = await world();
    const order = ["A1", "B1", "A2", "A3", "B2", "B3", "A4"];
    for (const title of order)
      await draft(
        w,
        w.riley,
        title.startsWith("A") ? { title } : { title, officeId: w.advising, listId: null, numberId: null },
      );
    const newestFirst = [...order].reverse();
    expect(titles(await allPages(w.riley, { status: "draft" }))).toEqual(newestFirst);
    expect(titles(await allPages(w.riley, { status: "draft" }, 3))).toEqual(newestFirst);
    expect(titles(await allPages(w.riley, { status: "draft", officeId: w.advising }))).toEqual(["B3", "B2", "B1"]);
    expect(titles(await allPages(w.sam, { status: "draft" }))).toEqual(["A4", "A3", "A2", "A1"]);
    expect(
      await codeOf(
        w.sam.query(api.campaigns.listByTab, {
          status: "draft",
          officeId: w.advising,
          paginationOpts: { numItems: 5, cursor: null },
        }),
      ),
    ).toBe("FORBIDDEN");
    const auditor = await signedInAs(
      w.t,
      await insertUser(w.t, { role: "limited", officeIds: [], viewOtherOffices: true }),
    );
    expect(titles(await allPages(auditor, { status: "draft" }))).toEqual(newestFirst);
    const nobody = await signedInAs(w.t, await insertUser(w.t, { role: "standard", officeIds: [] }));
    expect(await allPages(nobody, { status: "draft" })).toEqual([]);
  });

  test("the Scheduled tab's table can be ordered by launch time, soonest first", async () => {
    const w = await world();
    const at = (days: number) => Date.now() + days * 86_400_000;
    for (const [title, days] of [
      ["In 3 days", 3],
      ["Tomorrow", 1],
      ["In 2 days", 2],
    ] as const) {
      const id = await draft(w, w.sam, { title });
      await w.sam.mutation(api.campaigns.schedule, { campaignId: id, scheduledAt: at(days), timeZone: "UTC" });
    }
    expect(titles(await allPages(w.sam, { status: "scheduled", order: "scheduledAt" }))).toEqual([
      "Tomorrow",
      "In 2 days",
      "In 3 days",
    ]);
    expect(titles(await allPages(w.sam, { status: "scheduled" }))).toEqual(["In 2 days", "Tomorrow", "In 3 days"]);
  });

  test("search finds titles on the tab, in the viewer's offices only", async () => {
    const w = await world();
    await draft(w, w.sam, { title: "Fall open house" });
    await draft(w, w.sam, { title: "Spring orientation" });
    await draft(w, w.riley, { title: "Open advising hours", officeId: w.advising, listId: null, numberId: null });
    expect(titles(await allPages(w.sam, { status: "draft", search: "open" }, 10))).toEqual(["Fall open house"]);
    expect(titles(await allPages(w.riley, { status: "draft", search: "open" }, 10)).sort()).toEqual([
      "Fall open house",
      "Open advising hours",
    ]);
    expect(titles(await allPages(w.avery, { status: "draft", search: "open" }, 10))).toEqual(["Open advising hours"]);
    expect(await allPages(w.sam, { status: "archived", search: "open" }, 10)).toEqual([]);
    expect(titles(await allPages(w.sam, { status: "draft", search: "  " }, 10))).toHaveLength(2);
  });

  test("the tag filter matches ignoring case, follows retagging, and combines with search", async () => {
    const w = await world();
    const first = await draft(w, w.sam, { title: "Open house", tags: ["Fall 2026", "FAFSA"] });
    await draft(w, w.sam, { title: "Deadline", tags: ["fall 2026"] });
    await draft(w, w.sam, { title: "Untagged" });
    expect(titles(await allPages(w.sam, { status: "draft", tag: "FALL  2026" }))).toEqual(["Deadline", "Open house"]);
    expect(titles(await allPages(w.sam, { status: "draft", tag: "fafsa" }))).toEqual(["Open house"]);
    vi.advanceTimersByTime(MINUTE);
    await w.sam.mutation(api.campaigns.update, { campaignId: first, tags: ["Spring"] });
    expect(titles(await allPages(w.sam, { status: "draft", tag: "fall 2026" }))).toEqual(["Deadline"]);
    expect(titles(await allPages(w.sam, { status: "draft", tag: "spring", search: "house" }, 10))).toEqual([
      "Open house",
    ]);
    expect(titles(await allPages(w.sam, { status: "draft", tag: "fall 2026", search: "house" }, 10))).toEqual([]);
    expect(await w.sam.query(api.campaigns.tags, { status: "draft" })).toEqual(["fall 2026", "Spring"]);
    await w.sam.mutation(api.campaigns.discard, { campaignId: first });
    expect(await allPages(w.sam, { status: "draft", tag: "spring" })).toEqual([]);
    expect(titles(await allPages(w.sam, { status: "archived", tag: "spring" }))).toEqual(["Open house"]);
  });
});

describe("the calendar", () => {
  async function calendarWorld() {
    const w = await world();
    const schedule = async (
      caller: Caller,
      title: string,
      scheduledAt: number,
      fields: Record<string, unknown> = {},
    ) => {
      const id = await draft(w, caller, { title, ...fields });
      await caller.mutation(api.campaigns.schedule, { campaignId: id, scheduledAt, timeZone: "America/New_York" });
      return id;
    };
    const ny = (date: string, time: string) => zonedInstant(date, time, "America/New_York");
    await schedule(w.sam, "Evening before", ny("2026-03-08", "21:00"));
    await schedule(w.sam, "Morning after", ny("2026-03-09", "09:00"));
    await schedule(w.sam, "Month end", ny("2026-03-31", "22:00"));
    const advisingNumber = await insertPhoneNumber(w.t, w.advising);
    const advisingList = await insertContactList(w.t, w.advising, w.averyId, {
      name: "Advisees",
      columns: ["Program"],
    });
    const checkIn = await schedule(w.avery, "Advising check-in", Date.UTC(2026, 2, 20, 16), {
      officeId: w.advising,
      numberId: advisingNumber,
      listId: advisingList,
    });
    return { ...w, checkIn };
  }
  const month = (c: Caller, timeZone: string, m = 3, officeId?: Id<"offices">) =>
    c.query(api.campaigns.calendarMonth, { year: 2026, month: m, timeZone, ...(officeId ? { officeId } : {}) });
  const byDay = (days: { date: string; campaigns: { title: string }[] }[]) =>
    Object.fromEntries(days.map((d) => [d.date, titles(d.campaigns)]));

  test("each campaign lands on its local day in the calendar's zone, across the DST change", async () => {
    const w = await calendarWorld();
    const newYork = await month(w.sam, "America/New_York");
    expect(byDay(newYork.days)).toEqual({
      "2026-03-08": ["Evening before"],
      "2026-03-09": ["Morning after"],
      "2026-03-20": ["Advising check-in"],
      "2026-03-31": ["Month end"],
    });
    expect(newYork).toMatchObject({ timeZone: "America/New_York", total: 4, truncated: false });
    expect([newYork.start, newYork.end]).toEqual([Date.UTC(2026, 2, 1, 5), Date.UTC(2026, 3, 1, 4)]);
    const tokyo = await month(w.sam, "Asia/Tokyo");
    expect(byDay(tokyo.days)).toEqual({
      "2026-03-09": ["Evening before", "Morning after"],
      "2026-03-21": ["Advising check-in"],
    });
    expect(tokyo.days[0].count).toBe(2);
    expect(byDay((await month(w.sam, "UTC", 4)).days)).toEqual({ "2026-04-01": ["Month end"] });
  });

  test("Standard users see other offices' scheduled campaigns (not openable); Limited users only their own", async () => {
    const w = await calendarWorld();
    const day = (await month(w.sam, "UTC")).days.find((d) => d.date === "2026-03-20");
    expect(day?.campaigns[0]).toMatchObject({
      _id: w.checkIn,
      office: { name: "Advising" },
      number: { kind: "reusable" },
      list: { name: "Advisees" },
      readable: false,
    });
    expect((await month(w.lee, "UTC")).days.flatMap((d) => titles(d.campaigns))).not.toContain("Advising check-in");
    expect((await month(w.lee, "UTC")).total).toBe(2);
    expect(byDay((await month(w.sam, "UTC", 3, w.advising)).days)).toEqual({ "2026-03-20": ["Advising check-in"] });
    expect(await codeOf(month(w.lee, "UTC", 3, w.advising))).toBe("FORBIDDEN");
    expect((await month(w.avery, "UTC", 3, w.admissions)).total).toBe(2);
  });

  test("an unknown zone reads as UTC, and a month outside 1–12 is refused", async () => {
    const w = await calendarWorld();
    expect((await month(w.sam, "Nowhere/Town")).timeZone).toBe("UTC");
    expect(await codeOf(month(w.sam, "UTC", 13))).toBe("INVALID");
  });
});

describe("the General tab", () => {
  test("get shows every setting with names resolved", async () => {
    const w = await world();
    const id = await draft(w, w.sam, {
      tags: ["Fall"],
      inboxes: { userIds: [w.samId, w.rileyId], officeIds: [w.admissions] },
      operatedBy: "va",
      vaFallback: "setReply",
      vaSetReply: "An advisor will reply soon.",
    });
    const copy = await w.sam.mutation(api.campaigns.clone, { campaignId: id });
    const detail = await w.sam.query(api.campaigns.get, { campaignId: copy });
    expect(detail).toMatchObject({
      title: "Copy of Fall open house",
      status: "draft",
      office: { _id: w.admissions, name: "Admissions" },
      list: { _id: w.listId, name: "Fall applicants", status: "ready", contactCount: 120, columns: ["Program"] },
      number: { _id: w.numberId, kind: "reusable", status: "active" },
      inboxes: {
        users: [
          { _id: w.samId, name: "Sam Rivera" },
          { _id: w.rileyId, name: "Riley Chen" },
        ],
        offices: [{ _id: w.admissions, name: "Admissions" }],
      },
      operatedBy: "va",
      vaFallback: "setReply",
      vaSetReply: "An advisor will reply soon.",
      autoArchiveDays: 7,
      timeZone: "America/New_York",
      createdBy: { _id: w.samId, name: "Sam Rivera" },
      clonedFrom: { _id: id, title: "Fall open house" },
      needsAttention: 0,
      canWrite: true,
    });
    await w.sam.mutation(api.campaigns.launch, { campaignId: copy });
    const live = await w.sam.query(api.campaigns.get, { campaignId: copy });
    expect(live.autoArchiveAt).toBe((live.launchedAt as number) + 7 * 86_400_000);
  });
});
