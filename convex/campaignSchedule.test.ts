/** Scheduled launches and auto-archive on the scheduler, across daylight-saving changes (fake timers). */
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api, internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { zonedInstant } from "./model/shared/timeZones";
import { campaignDoc, type CampaignTest, campaignTest, codeOf, messageOf } from "./setup.test";

const DAY = 86_400_000;
type World = CampaignTest;
const world = campaignTest;
const doc = campaignDoc;
const job = (w: World, id: Id<"_scheduled_functions"> | undefined) =>
  w.t.run(async (ctx) => (id === undefined ? null : await ctx.db.system.get("_scheduled_functions", id)));
/** convex-test's clock moves a millisecond per transaction while fake time stands still. */
const near = (actual: number | undefined, expected: number) => expect((actual ?? NaN) - expected).toBeLessThan(10);

/** A ready campaign scheduled a day from now, and its scheduled launch. */
async function scheduledTomorrow() {
  const w = await world();
  const id = await w.sam.mutation(api.campaigns.create, w.ready);
  await w.sam.mutation(api.campaigns.schedule, { campaignId: id, scheduledAt: Date.now() + DAY, timeZone: "UTC" });
  return { w, id, jobId: (await doc(w, id)).scheduledJobId };
}

beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2026, 2, 5, 12) });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("a launch scheduled in New York across a daylight-saving change", () => {
  // Scheduled from a few days before (timers can't wait past ~24.8 days in tests).
  test.each([
    ["the day after spring-forward (EDT, UTC-4)", "2026-03-09", Date.UTC(2026, 2, 9, 13), Date.UTC(2026, 2, 5, 12)],
    ["the day after fall-back (EST, UTC-5)", "2026-11-02", Date.UTC(2026, 10, 2, 14), Date.UTC(2026, 9, 29, 12)],
  ])("09:00 on %s fires at the right instant, then auto-archives 7 days later", async (_, date, instant, from) => {
    vi.setSystemTime(from);
    const w = await world();
    const id = await w.sam.mutation(api.campaigns.create, w.ready);
    const scheduledAt = zonedInstant(date, "09:00", "America/New_York");
    expect(scheduledAt).toBe(instant);
    await w.sam.mutation(api.campaigns.schedule, { campaignId: id, scheduledAt, timeZone: "America/New_York" });
    const scheduled = await doc(w, id);
    expect(scheduled).toMatchObject({ status: "scheduled", scheduledAt: instant, timeZone: "America/New_York" });
    expect(await job(w, scheduled.scheduledJobId)).toMatchObject({
      state: { kind: "pending" },
      scheduledTime: instant,
    });

    vi.advanceTimersByTime(instant - Date.now() - 60_000);
    await w.t.finishInProgressScheduledFunctions();
    expect((await doc(w, id)).status).toBe("scheduled");

    await w.t.finishAllScheduledFunctions(vi.runAllTimers);
    const done = await doc(w, id);
    near(done.launchedAt, instant);
    expect(done).toMatchObject({ status: "archived", archiveReason: "autoArchived" });
    near(done.archivedAt, (done.launchedAt as number) + 7 * DAY);
    expect(await job(w, scheduled.scheduledJobId)).toMatchObject({ state: { kind: "success" } });
  });
});

describe("scheduling", () => {
  test("the time must be ahead, within a year, in a real zone", async () => {
    const w = await world();
    const id = await w.sam.mutation(api.campaigns.create, w.ready);
    const schedule = (scheduledAt: number, timeZone = "UTC") =>
      w.sam.mutation(api.campaigns.schedule, { campaignId: id, scheduledAt, timeZone });
    expect(await messageOf(schedule(Date.now() - 1))).toBe("Choose a launch time in the future.");
    expect(await messageOf(schedule(Date.now() + 366 * DAY))).toBe("Choose a launch time within the next 365 days.");
    expect(await codeOf(schedule(Date.now() + DAY, "Eastern"))).toBe("INVALID");
    expect((await doc(w, id)).status).toBe("draft");
  });

  test("rescheduling moves the launch (and its zone); the old job no longer fires", async () => {
    const w = await world();
    const id = await w.sam.mutation(api.campaigns.create, w.ready);
    const first = zonedInstant("2026-03-10", "09:00", "America/New_York");
    await w.sam.mutation(api.campaigns.schedule, { campaignId: id, scheduledAt: first, timeZone: "America/New_York" });
    const oldJob = (await doc(w, id)).scheduledJobId;
    const second = zonedInstant("2026-03-12", "10:00", "Europe/London");
    await w.sam.mutation(api.campaigns.reschedule, { campaignId: id, scheduledAt: second, timeZone: "Europe/London" });
    expect(await doc(w, id)).toMatchObject({ scheduledAt: second, timeZone: "Europe/London" });
    expect((await job(w, oldJob))?.state.kind).toBe("canceled");
    await w.t.mutation(internal.campaigns.launchScheduled, { campaignId: id, scheduledAt: first });
    expect((await doc(w, id)).status).toBe("scheduled");
    vi.advanceTimersByTime(second - Date.now());
    await w.t.finishInProgressScheduledFunctions();
    const launched = await doc(w, id);
    expect(launched.status).toBe("active");
    near(launched.launchedAt, second);
  });

  test("unscheduling returns the campaign to draft and cancels the launch", async () => {
    const { w, id, jobId } = await scheduledTomorrow();
    await w.sam.mutation(api.campaigns.unschedule, { campaignId: id });
    await w.t.finishAllScheduledFunctions(vi.runAllTimers);
    const c = await doc(w, id);
    expect(c.status).toBe("draft");
    expect(c.scheduledAt).toBeUndefined();
    expect((await job(w, jobId))?.state.kind).toBe("canceled");
  });

  test("launching a scheduled campaign now cancels its scheduled launch", async () => {
    const { w, id, jobId } = await scheduledTomorrow();
    await w.sam.mutation(api.campaigns.launch, { campaignId: id });
    expect((await job(w, jobId))?.state.kind).toBe("canceled");
    expect((await doc(w, id)).scheduledJobId).toBeUndefined();
  });

  test("a campaign no longer ready at its time goes back to draft with the reasons, until scheduled again", async () => {
    const w = await world();
    const id = await w.sam.mutation(api.campaigns.create, w.ready);
    const scheduledAt = Date.now() + DAY;
    await w.sam.mutation(api.campaigns.schedule, { campaignId: id, scheduledAt, timeZone: "UTC" });
    await w.t.run(async (ctx) => await ctx.db.patch("contactLists", w.listId, { contactCount: 0 }));
    await w.t.finishAllScheduledFunctions(vi.runAllTimers);
    const c = await doc(w, id);
    expect(c.status).toBe("draft");
    expect(c.scheduledAt).toBeUndefined();
    expect(c.launchFailure).toEqual({
      scheduledAt,
      failedAt: expect.any(Number),
      reasons: ["The contact list has no contacts. Choose a list with contacts."],
    });
    const row = (
      await w.sam.query(api.campaigns.listByTab, { status: "draft", paginationOpts: { numItems: 10, cursor: null } })
    ).page[0];
    expect(row.launchFailure?.reasons).toHaveLength(1);
    expect((await w.sam.query(api.campaigns.get, { campaignId: id })).launchFailure?.scheduledAt).toBe(scheduledAt);
    await w.t.run(async (ctx) => await ctx.db.patch("contactLists", w.listId, { contactCount: 10 }));
    await w.sam.mutation(api.campaigns.schedule, { campaignId: id, scheduledAt: Date.now() + DAY, timeZone: "UTC" });
    expect((await doc(w, id)).launchFailure).toBeUndefined();
  });
});

describe("auto-archive", () => {
  test("ending early cancels the auto-archive", async () => {
    const w = await world();
    const id = await w.sam.mutation(api.campaigns.create, w.ready);
    await w.sam.mutation(api.campaigns.launch, { campaignId: id });
    const jobId = (await doc(w, id)).autoArchiveJobId;
    await w.sam.mutation(api.campaigns.end, { campaignId: id });
    await w.t.finishAllScheduledFunctions(vi.runAllTimers);
    expect(await doc(w, id)).toMatchObject({ status: "archived", archiveReason: "ended" });
    expect((await job(w, jobId))?.state.kind).toBe("canceled");
  });

  test("a longer auto-archive set after launch is the one that fires", async () => {
    const w = await world();
    const id = await w.sam.mutation(api.campaigns.create, w.ready);
    await w.sam.mutation(api.campaigns.launch, { campaignId: id });
    await w.sam.mutation(api.campaigns.update, { campaignId: id, autoArchiveDays: 10 });
    await w.t.finishAllScheduledFunctions(vi.runAllTimers);
    const c = await doc(w, id);
    expect(c).toMatchObject({ status: "archived", archiveReason: "autoArchived" });
    near(c.archivedAt, (c.launchedAt as number) + 10 * DAY);
  });

  test("a stale or early auto-archive job does nothing", async () => {
    const w = await world();
    const id = await w.sam.mutation(api.campaigns.create, w.ready);
    await w.sam.mutation(api.campaigns.launch, { campaignId: id });
    const dueAt = ((await doc(w, id)).launchedAt as number) + 7 * DAY;
    await w.t.mutation(internal.campaigns.autoArchive, { campaignId: id, dueAt: dueAt - DAY });
    await w.t.mutation(internal.campaigns.autoArchive, { campaignId: id, dueAt });
    expect((await doc(w, id)).status).toBe("active");
  });
});
