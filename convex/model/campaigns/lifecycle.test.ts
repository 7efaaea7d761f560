import { expect, test } from "vitest";
import type { CampaignStatus } from "../../validators";
import { EDITABLE_AFTER_LAUNCH, requireEditable, type Setting } from "../shared/campaignRules";
import { REFUSALS, TRANSITIONS, canTransition, requireTransition, type CampaignAction } from "./lifecycle";

const STATUSES: CampaignStatus[] = ["draft", "scheduled", "active", "archived"];
const ACTIONS = Object.keys(TRANSITIONS) as CampaignAction[];

const failure = (fn: () => unknown) => {
  try {
    fn();
    return null;
  } catch (error) {
    return (error as { data: { code: string; message: string } }).data;
  }
};

/** The lifecycle of this folder's README.md, every (status, action) pair: the status it leads to, or null. */
const EXPECTED: Record<CampaignStatus, Record<CampaignAction, CampaignStatus | null>> = {
  draft: {
    schedule: "scheduled",
    reschedule: null,
    unschedule: null,
    launch: "active",
    discard: "archived",
    end: null,
    autoArchive: null,
  },
  scheduled: {
    schedule: null,
    reschedule: "scheduled",
    unschedule: "draft",
    launch: "active",
    discard: null,
    end: null,
    autoArchive: null,
  },
  active: {
    schedule: null,
    reschedule: null,
    unschedule: null,
    launch: null,
    discard: null,
    end: "archived",
    autoArchive: "archived",
  },
  archived: {
    schedule: null,
    reschedule: null,
    unschedule: null,
    launch: null,
    discard: null,
    end: null,
    autoArchive: null,
  },
};

test.each(STATUSES.flatMap((status) => ACTIONS.map((action) => [status, action] as const)))(
  "%s campaign, %s",
  (status, action) => {
    const to = EXPECTED[status][action];
    expect(canTransition(status, action)).toBe(to !== null);
    if (to !== null) return expect(requireTransition(status, action)).toBe(to);
    const refused = failure(() => requireTransition(status, action));
    expect(refused?.code).toBe("WRONG_STATE");
    expect(refused?.message).toBe(REFUSALS[action][status]);
    expect(refused?.message).toMatch(/^This campaign .*\.$|^Only an active campaign/);
  },
);

test("every refused move has its own sentence, and no allowed move has one", () => {
  for (const action of ACTIONS)
    for (const status of STATUSES) expect(REFUSALS[action][status] === undefined).toBe(canTransition(status, action));
  expect(REFUSALS.discard.active).toBe("This campaign is already active; end it instead.");
});

test("drafts and scheduled campaigns take any setting; after launch only reply handling and labels", () => {
  const all: Setting[] = ["officeId", "title", "tags", "listId", "message", "operatedBy", "vaFallback"];
  expect(failure(() => requireEditable("draft", all))).toBeNull();
  expect(failure(() => requireEditable("scheduled", all))).toBeNull();
  expect(failure(() => requireEditable("active", EDITABLE_AFTER_LAUNCH))).toBeNull();
  for (const locked of ["officeId", "listId", "message", "numberId", "timeZone"] as Setting[])
    expect(failure(() => requireEditable("active", ["title", locked]))).toMatchObject({
      code: "WRONG_STATE",
      message: expect.stringMatching(/can't change after launch.*Clone/),
    });
  expect(failure(() => requireEditable("active", ["message"]))?.message).toMatch(/^The message can't change/);
  expect(failure(() => requireEditable("archived", ["title"]))?.message).toMatch(/archived and can't be edited/);
  expect(failure(() => requireEditable("archived", []))).toBeNull();
});
