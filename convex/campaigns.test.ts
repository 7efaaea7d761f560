/** campaigns.*: creating, editing, the lifecycle through the API, launch effects, clone, and denials. */
import { afterEach, describe, expect, test, vi } from "vitest";
import { api, internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import type { CampaignStatus } from "./validators";
import {
  type Caller,
  campaignDoc,
  type CampaignTest,
  campaignTest,
  codeOf,
  insertContactList,
  insertPhoneNumber,
  messageOf,
} from "./setup.test";

const DAY = 86_400_000;
type World = CampaignTest;
const world = campaignTest;

const doc = campaignDoc;
const jobs = (w: World) => w.t.run(async (ctx) => await ctx.db.system.query("_scheduled_functions").collect());
const tagRows = (w: World, id: Id<"campaigns">) =>
  w.t.run(
    async (ctx) =>
      await ctx.db
        .query("campaignTags")
        .withIndex("by_campaignId", (q) => q.eq("campaignId", id))
        .collect(),
  );

/** A campaign of Admissions, ready to launch, brought to `status` through the public API. */
async function campaignIn(w: World, status: CampaignStatus, extra: Record<string, unknown> = {}) {
  const id = await w.sam.mutation(api.campaigns.create, { ...w.ready, ...extra });
  if (status === "scheduled")
    await w.sam.mutation(api.campaigns.schedule, { campaignId: id, scheduledAt: Date.now() + DAY, timeZone: "UTC" });
  if (status === "active" || status === "archived") await w.sam.mutation(api.campaigns.launch, { campaignId: id });
  if (status === "archived") await w.sam.mutation(api.campaigns.end, { campaignId: id });
  return id;
}

afterEach(() => {
  vi.useRealTimers();
});

describe("creating", () => {
  test("a new campaign is a draft with the product's defaults", async () => {
    const w = await world();
    const id = await w.sam.mutation(api.campaigns.create, { officeId: w.admissions, timeZone: "america/new_york" });
    const c = await doc(w, id);
    expect(c).toMatchObject({
      status: "draft",
      title: "",
      tags: [],
      message: "",
      operatedBy: "agent",
      vaFallback: "escalate",
      vaSetReply: "",
      autoArchiveDays: 7,
      timeZone: "America/New_York",
      inboxes: { userIds: [], officeIds: [w.admissions] },
      createdBy: w.samId,
    });
    expect(c.listId).toBeUndefined();
    expect(c.numberId).toBeUndefined();
  });

  test("settings given at creation are cleaned and stored, tags mirrored", async () => {
    const w = await world();
    const id = await w.sam.mutation(api.campaigns.create, {
      ...w.ready,
      title: "  Fall   open house ",
      tags: ["Fall 2026", "fall 2026", " FAFSA "],
      inboxes: { userIds: [w.samId, w.samId], officeIds: [] },
    });
    const c = await doc(w, id);
    expect(c).toMatchObject({ title: "Fall open house", tags: ["Fall 2026", "FAFSA"], listId: w.listId });
    expect(c.inboxes).toEqual({ userIds: [w.samId], officeIds: [] });
    expect((await tagRows(w, id)).map((r) => [r.tag, r.status, r.officeId]).sort()).toEqual([
      ["fafsa", "draft", w.admissions],
      ["fall 2026", "draft", w.admissions],
    ]);
  });

  test("values no form allows, and choices from another office, are refused", async () => {
    const w = await world();
    const create = (extra: Record<string, unknown>) =>
      w.sam.mutation(api.campaigns.create, { officeId: w.admissions, timeZone: "UTC", ...extra });
    const advisingList = await insertContactList(w.t, w.advising, w.averyId);
    const advisingNumber = await insertPhoneNumber(w.t, w.advising);
    expect(await messageOf(create({ timeZone: "Mars/Base" }))).toMatch(/isn't a time zone/);
    expect(await codeOf(create({ title: "x".repeat(121) }))).toBe("INVALID");
    expect(await codeOf(create({ tags: Array.from({ length: 11 }, (_, i) => `tag ${i}`) }))).toBe("INVALID");
    expect(await codeOf(create({ autoArchiveDays: 0 }))).toBe("INVALID");
    expect(await codeOf(create({ message: "m".repeat(1601) }))).toBe("INVALID");
    expect(await codeOf(create({ listId: advisingList }))).toBe("NOT_FOUND");
    expect(await codeOf(create({ numberId: advisingNumber }))).toBe("NOT_FOUND");
    expect(await codeOf(create({ inboxes: { userIds: [w.averyId], officeIds: [] } }))).toBe("INVALID");
    expect(await codeOf(create({ inboxes: { userIds: [], officeIds: [w.advising] } }))).toBe("INVALID");
  });
});

describe("the lifecycle through the API", () => {
  const ACTIONS = ["schedule", "reschedule", "unschedule", "launch", "discard", "end"] as const;
  const STATUSES: CampaignStatus[] = ["draft", "scheduled", "active", "archived"];
  const EXPECTED: Record<CampaignStatus, Partial<Record<(typeof ACTIONS)[number], CampaignStatus>>> = {
    draft: { schedule: "scheduled", launch: "active", discard: "archived" },
    scheduled: { reschedule: "scheduled", unschedule: "draft", launch: "active" },
    active: { end: "archived" },
    archived: {},
  };
  const run = (w: World, action: (typeof ACTIONS)[number], campaignId: Id<"campaigns">) =>
    action === "schedule" || action === "reschedule"
      ? w.sam.mutation(api.campaigns[action], { campaignId, scheduledAt: Date.now() + 2 * DAY, timeZone: "UTC" })
      : w.sam.mutation(api.campaigns[action], { campaignId });

  test.each(STATUSES.flatMap((status) => ACTIONS.map((action) => [status, action] as const)))(
    "%s → %s",
    async (status, action) => {
      const w = await world();
      const id = await campaignIn(w, status);
      const to = EXPECTED[status][action];
      const outcome = await messageOf(run(w, action, id));
      if (to === undefined) {
        expect(await codeOf(run(w, action, id))).toBe("WRONG_STATE");
        expect(outcome).toMatch(/^This campaign /);
        expect((await doc(w, id)).status).toBe(status);
      } else {
        expect(outcome).toBe("OK");
        expect((await doc(w, id)).status).toBe(to);
        expect((await tagRows(w, id)).every((r) => r.status === to)).toBe(true);
      }
    },
  );

  test("the refusals say what to do instead", async () => {
    const w = await world();
    const active = await campaignIn(w, "active");
    expect(await messageOf(w.sam.mutation(api.campaigns.discard, { campaignId: active }))).toBe(
      "This campaign is already active; end it instead.",
    );
    const draft = await campaignIn(w, "draft", { numberId: await insertPhoneNumber(w.t, w.admissions) });
    expect(await messageOf(w.sam.mutation(api.campaigns.end, { campaignId: draft }))).toBe(
      "This campaign hasn't launched; discard the draft instead.",
    );
  });

  test("discard archives a draft with reason discarded; end archives an active one with reason ended", async () => {
    const w = await world();
    const draft = await campaignIn(w, "draft");
    await w.sam.mutation(api.campaigns.discard, { campaignId: draft });
    expect(await doc(w, draft)).toMatchObject({ status: "archived", archiveReason: "discarded" });
    expect((await doc(w, draft)).launchedAt).toBeUndefined();
    const active = await campaignIn(w, "active", { numberId: await insertPhoneNumber(w.t, w.admissions) });
    await w.sam.mutation(api.campaigns.end, { campaignId: active });
    const ended = await doc(w, active);
    expect(ended).toMatchObject({ status: "archived", archiveReason: "ended" });
    expect(ended.archivedAt).toBeGreaterThanOrEqual(ended.launchedAt as number);
  });
});

describe("launching", () => {
  test("launch claims the number, locks the list, schedules the auto-archive and the engine's hook", async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 8, 1, 15) });
    const w = await world();
    const id = await campaignIn(w, "draft", { tags: ["Fall"] });
    await w.sam.mutation(api.campaigns.launch, { campaignId: id });
    const c = await doc(w, id);
    expect(c.status).toBe("active");
    // convex-test's clock moves a millisecond per transaction while fake time stands still.
    expect((c.launchedAt as number) - Date.UTC(2026, 8, 1, 15)).toBeLessThan(10);
    const number = await w.t.run(async (ctx) => await ctx.db.get("phoneNumbers", w.numberId));
    expect(number?.activeCampaignId).toBe(id);
    const list = await w.t.run(async (ctx) => await ctx.db.get("contactLists", w.listId));
    expect(list?.lockedByLaunch).toBe(true);
    const pending = (await jobs(w)).filter((j) => j.state.kind === "pending");
    expect(pending.map((j) => [j.name, j.scheduledTime])).toEqual(
      expect.arrayContaining([
        [expect.stringMatching(/campaigns.*:autoArchive$/), (c.launchedAt as number) + 7 * DAY],
        [expect.stringMatching(/campaigns.*:afterLaunch$/), expect.any(Number)],
      ]),
    );
    expect(c.autoArchiveJobId).toBe(pending.find((j) => j.name.endsWith("autoArchive"))?._id);
    expect((await tagRows(w, id)).map((r) => r.status)).toEqual(["active"]);
  });

  test("launch refuses an unready campaign with every reason; readiness lists them", async () => {
    const w = await world();
    const id = await w.sam.mutation(api.campaigns.create, { officeId: w.admissions, timeZone: "UTC" });
    expect((await w.sam.query(api.campaigns.readiness, { campaignId: id })).map((r) => r.field)).toEqual([
      "title",
      "list",
      "message",
      "number",
    ]);
    expect(await codeOf(w.sam.mutation(api.campaigns.launch, { campaignId: id }))).toBe("NOT_READY");
    expect(await messageOf(w.sam.mutation(api.campaigns.launch, { campaignId: id }))).toBe(
      "This campaign isn't ready to launch: Give the campaign a title. Choose a contact list. Write the message. Choose a phone number.",
    );
    expect(
      await codeOf(
        w.sam.mutation(api.campaigns.schedule, { campaignId: id, scheduledAt: Date.now() + DAY, timeZone: "UTC" }),
      ),
    ).toBe("NOT_READY");
    expect((await doc(w, id)).status).toBe("draft");
  });

  test("readiness follows the list and number as they change", async () => {
    const w = await world();
    const importing = await insertContactList(w.t, w.admissions, w.samId, {
      status: "importing",
      columns: ["Program"],
    });
    const empty = await insertContactList(w.t, w.admissions, w.samId, { contactCount: 0, columns: ["Program"] });
    const id = await campaignIn(w, "draft", { listId: importing });
    const reasons = async () => (await w.sam.query(api.campaigns.readiness, { campaignId: id })).map((r) => r.message);
    expect(await reasons()).toEqual(["The contact list is still importing. Wait for the import to finish."]);
    await w.sam.mutation(api.campaigns.update, { campaignId: id, listId: empty });
    expect(await reasons()).toEqual(["The contact list has no contacts. Choose a list with contacts."]);
    await w.sam.mutation(api.campaigns.update, { campaignId: id, listId: w.listId, message: "Hi {Advisor}" });
    expect(await reasons()).toEqual([
      "The message uses merge fields the contact list doesn't have: {Advisor}. Fix them or choose another list.",
    ]);
    await w.sam.mutation(api.campaigns.update, { campaignId: id, message: "Hi {program}" });
    expect(await reasons()).toEqual([]);
    await w.t.run(async (ctx) => await ctx.db.patch("phoneNumbers", w.numberId, { status: "released" }));
    expect((await reasons())[0]).toMatch(/released/);
  });

  test("a reusable number carries one active campaign at a time", async () => {
    const w = await world();
    const first = await campaignIn(w, "active", { title: "First wave" });
    const second = await campaignIn(w, "draft");
    const reasons = await w.sam.query(api.campaigns.readiness, { campaignId: second });
    expect(reasons).toEqual([{ field: "number", message: expect.stringContaining('active campaign "First wave"') }]);
    expect(await codeOf(w.sam.mutation(api.campaigns.launch, { campaignId: second }))).toBe("NOT_READY");
    await w.sam.mutation(api.campaigns.end, { campaignId: first });
    const number = await w.t.run(async (ctx) => await ctx.db.get("phoneNumbers", w.numberId));
    expect(number?.activeCampaignId).toBeUndefined();
    await w.sam.mutation(api.campaigns.launch, { campaignId: second });
    expect((await doc(w, second)).status).toBe("active");
  });

  test("archiving a campaign with a single-use number releases the number", async () => {
    vi.useFakeTimers();
    const w = await world();
    const singleUse = await insertPhoneNumber(w.t, w.admissions, { kind: "singleUse" });
    const id = await campaignIn(w, "draft", { numberId: singleUse });
    await w.t.run(async (ctx) => await ctx.db.patch("phoneNumbers", singleUse, { campaignId: id }));
    await w.sam.mutation(api.campaigns.discard, { campaignId: id });
    const release = (await jobs(w)).find((j) => j.name.includes("releaseSingleUse"));
    expect(release?.args).toEqual([{ numberId: singleUse }]);
  });
});

describe("editing", () => {
  test("a draft takes any setting; a form resending unchanged values is fine after launch", async () => {
    const w = await world();
    const id = await campaignIn(w, "draft");
    await w.sam.mutation(api.campaigns.update, { campaignId: id, message: "New text", timeZone: "Europe/Paris" });
    expect(await doc(w, id)).toMatchObject({ message: "New text", timeZone: "Europe/Paris" });
    await w.sam.mutation(api.campaigns.update, { campaignId: id, message: "Hi {firstName}" });
    await w.sam.mutation(api.campaigns.launch, { campaignId: id });
    await w.sam.mutation(api.campaigns.update, {
      campaignId: id,
      message: "Hi {firstName}",
      listId: w.listId,
      title: "Renamed",
    });
    expect((await doc(w, id)).title).toBe("Renamed");
  });

  test("after launch only title, tags, inboxes, operated by and the VA settings change", async () => {
    const w = await world();
    const id = await campaignIn(w, "active");
    const before = await doc(w, id);
    await w.sam.mutation(api.campaigns.update, {
      campaignId: id,
      title: "Open house (live)",
      tags: ["live"],
      inboxes: { userIds: [w.samId], officeIds: [w.admissions] },
      operatedBy: "va",
      vaFallback: "setReply",
      vaSetReply: "An advisor will text you back soon.",
    });
    const after = await doc(w, id);
    expect(after).toMatchObject({
      title: "Open house (live)",
      tags: ["live"],
      operatedBy: "va",
      vaFallback: "setReply",
    });
    expect(after.updatedAt).toBeGreaterThanOrEqual(before.updatedAt);
    const otherList = await insertContactList(w.t, w.admissions, w.samId, { columns: ["Program"] });
    const refused = {
      message: { message: "Different text" },
      "contact list": { listId: otherList },
      "phone number": { numberId: null },
      "time zone": { timeZone: "Europe/Paris" },
      office: { officeId: w.advising },
    };
    for (const [label, change] of Object.entries(refused)) {
      const call = w.riley.mutation(api.campaigns.update, { campaignId: id, ...change });
      expect(await messageOf(call)).toBe(
        `The ${label} can't change after launch: the campaign has already gone out with it. Clone the campaign to change it.`,
      );
    }
  });

  test("after launch the reply settings must stay valid", async () => {
    const w = await world();
    const id = await campaignIn(w, "active");
    const update = (change: Record<string, unknown>) =>
      w.sam.mutation(api.campaigns.update, { campaignId: id, ...change });
    expect(await messageOf(update({ title: "  " }))).toBe("That change isn't valid: Give the campaign a title.");
    expect(await codeOf(update({ operatedBy: "va", vaFallback: "setReply", vaSetReply: "" }))).toBe("NOT_READY");
    expect(await codeOf(update({ inboxes: { userIds: [], officeIds: [] } }))).toBe("NOT_READY");
    expect((await doc(w, id)).title).toBe("Fall open house");
  });

  test("changing auto-archive days after launch moves the auto-archive; a day already past is refused", async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 8, 1, 15) });
    const w = await world();
    const id = await campaignIn(w, "active");
    const first = (await doc(w, id)).autoArchiveJobId;
    await w.sam.mutation(api.campaigns.update, { campaignId: id, autoArchiveDays: 30 });
    const c = await doc(w, id);
    const all = await jobs(w);
    expect(all.find((j) => j._id === first)?.state.kind).toBe("canceled");
    const dueAt = (c.launchedAt as number) + 30 * DAY;
    expect(all.find((j) => j._id === c.autoArchiveJobId)).toMatchObject({
      state: { kind: "pending" },
      scheduledTime: dueAt,
      args: [{ campaignId: id, dueAt }],
    });
    vi.setSystemTime(Date.UTC(2026, 8, 4, 16));
    expect(await messageOf(w.sam.mutation(api.campaigns.update, { campaignId: id, autoArchiveDays: 2 }))).toBe(
      "This campaign launched 3 days ago: choose more than 3 days, or end it now.",
    );
  });

  test("a scheduled campaign takes edits that keep it ready; archived campaigns are read-only", async () => {
    const w = await world();
    const id = await campaignIn(w, "scheduled");
    await w.sam.mutation(api.campaigns.update, { campaignId: id, message: "Hi {firstName}, see you Friday." });
    expect(await messageOf(w.sam.mutation(api.campaigns.update, { campaignId: id, listId: null }))).toBe(
      "A scheduled campaign must stay ready to launch (unschedule it to edit freely): Choose a contact list.",
    );
    const archived = await campaignIn(w, "archived", { numberId: await insertPhoneNumber(w.t, w.admissions) });
    expect(await messageOf(w.sam.mutation(api.campaigns.update, { campaignId: archived, title: "x" }))).toMatch(
      /archived and can't be edited/,
    );
  });

  test("moving a draft to another office resets its list, number and inboxes", async () => {
    const w = await world();
    const id = await w.riley.mutation(api.campaigns.create, { ...w.ready, tags: ["fall"] });
    await w.riley.mutation(api.campaigns.update, { campaignId: id, officeId: w.advising });
    const c = await doc(w, id);
    expect(c).toMatchObject({ officeId: w.advising, inboxes: { userIds: [], officeIds: [w.advising] } });
    expect(c.listId).toBeUndefined();
    expect(c.numberId).toBeUndefined();
    expect((await tagRows(w, id)).map((r) => r.officeId)).toEqual([w.advising]);
    expect(await codeOf(w.sam.mutation(api.campaigns.update, { campaignId: id, title: "x" }))).toBe("FORBIDDEN");
    const own = await campaignIn(w, "draft");
    expect(await codeOf(w.sam.mutation(api.campaigns.update, { campaignId: own, officeId: w.advising }))).toBe(
      "FORBIDDEN",
    );
  });

  test("campaignTags follow every write: tags, status and updatedAt", async () => {
    const w = await world();
    const id = await campaignIn(w, "draft", { tags: ["a", "b"] });
    await w.sam.mutation(api.campaigns.update, { campaignId: id, tags: ["B", "c"] });
    const c = await doc(w, id);
    expect(c.tags).toEqual(["B", "c"]);
    const rows = await tagRows(w, id);
    expect(rows.map((r) => r.tag).sort()).toEqual(["b", "c"]);
    expect(rows.every((r) => r.updatedAt === c.updatedAt && r.status === "draft")).toBe(true);
    await w.sam.mutation(api.campaigns.discard, { campaignId: id });
    expect((await tagRows(w, id)).map((r) => r.status)).toEqual(["archived", "archived"]);
  });
});

describe("cloning", () => {
  test.each(["draft", "scheduled", "active", "archived"] as const)(
    "a %s campaign clones into a new draft",
    async (status) => {
      vi.useFakeTimers({ now: Date.UTC(2026, 8, 1, 15) });
      const w = await world();
      const id = await campaignIn(w, status, { tags: ["Fall"], autoArchiveDays: 14, operatedBy: "va" });
      vi.setSystemTime(Date.UTC(2026, 8, 2, 15));
      const copyId = await w.sam.mutation(api.campaigns.clone, { campaignId: id });
      const [source, copy] = [await doc(w, id), await doc(w, copyId)];
      expect(copy).toMatchObject({
        status: "draft",
        title: "Copy of Fall open house",
        clonedFrom: id,
        createdBy: w.samId,
        updatedAt: Date.UTC(2026, 8, 2, 15),
      });
      for (const key of [
        "officeId",
        "tags",
        "listId",
        "message",
        "operatedBy",
        "vaFallback",
        "vaSetReply",
        "numberId",
      ] as const)
        expect(copy[key]).toEqual(source[key]);
      expect([copy.inboxes, copy.autoArchiveDays, copy.timeZone]).toEqual([source.inboxes, 14, source.timeZone]);
      for (const key of [
        "scheduledAt",
        "scheduledJobId",
        "launchedAt",
        "autoArchiveJobId",
        "archivedAt",
        "archiveReason",
      ] as const)
        expect(copy[key]).toBeUndefined();
      expect((await tagRows(w, copyId)).map((r) => [r.tag, r.status])).toEqual([["fall", "draft"]]);
    },
  );

  test("a clone leaves a single-use number with its campaign and keeps titles within 120 characters", async () => {
    const w = await world();
    const singleUse = await insertPhoneNumber(w.t, w.admissions, { kind: "singleUse" });
    const id = await campaignIn(w, "draft", { numberId: singleUse, title: "t".repeat(120) });
    const copy = await doc(w, await w.sam.mutation(api.campaigns.clone, { campaignId: id }));
    expect(copy.numberId).toBeUndefined();
    expect(copy.title).toBe(`Copy of ${"t".repeat(112)}`);
  });
});

describe("who may do what", () => {
  test("a Limited user reads their office's campaigns and changes none", async () => {
    const w = await world();
    const id = await campaignIn(w, "draft");
    expect((await w.lee.query(api.campaigns.get, { campaignId: id })).canWrite).toBe(false);
    expect(await w.lee.query(api.campaigns.readiness, { campaignId: id })).toEqual([]);
    const writes: ((c: Caller) => Promise<unknown>)[] = [
      (c) => c.mutation(api.campaigns.create, { officeId: w.admissions, timeZone: "UTC" }),
      (c) => c.mutation(api.campaigns.update, { campaignId: id, title: "x" }),
      (c) => c.mutation(api.campaigns.clone, { campaignId: id }),
      (c) => c.mutation(api.campaigns.launch, { campaignId: id }),
      (c) => c.mutation(api.campaigns.schedule, { campaignId: id, scheduledAt: Date.now() + DAY, timeZone: "UTC" }),
      (c) => c.mutation(api.campaigns.reschedule, { campaignId: id, scheduledAt: Date.now() + DAY, timeZone: "UTC" }),
      (c) => c.mutation(api.campaigns.unschedule, { campaignId: id }),
      (c) => c.mutation(api.campaigns.discard, { campaignId: id }),
      (c) => c.mutation(api.campaigns.end, { campaignId: id }),
    ];
    for (const write of writes) {
      expect(await codeOf(write(w.lee))).toBe("FORBIDDEN");
      expect(await codeOf(write(w.avery))).toBe("FORBIDDEN");
      expect(await codeOf(write(w.t))).toBe("UNAUTHENTICATED");
    }
    expect(await messageOf(writes[3](w.lee))).toMatch(/Limited.*can't create, edit, schedule, launch/);
    expect((await doc(w, id)).status).toBe("draft");
  });

  test("another office's campaign can't be read", async () => {
    const w = await world();
    const id = await campaignIn(w, "draft");
    expect(await codeOf(w.avery.query(api.campaigns.get, { campaignId: id }))).toBe("FORBIDDEN");
    expect(await codeOf(w.avery.query(api.campaigns.readiness, { campaignId: id }))).toBe("FORBIDDEN");
    expect(await codeOf(w.t.query(api.campaigns.get, { campaignId: id }))).toBe("UNAUTHENTICATED");
  });

  test("the engine's hooks are no-ops for now", async () => {
    const w = await world();
    const id = await campaignIn(w, "active");
    await w.t.mutation(internal.campaigns.afterLaunch, { campaignId: id });
    await w.t.mutation(internal.campaigns.afterEnd, { campaignId: id, reason: "ended" });
    expect((await doc(w, id)).status).toBe("active");
  });
});
