/**
 * The campaign lifecycle as data (drawn in convex/README.md): which action moves a campaign from
 * which status to which, the sentence for every refused move, and which settings may change in
 * each status. Pure, so the UI can grey out actions with the same rules and the same words.
 */
import type { CampaignStatus } from "../../validators";
import { appError } from "../shared/errors";

export type CampaignAction = "schedule" | "reschedule" | "unschedule" | "launch" | "discard" | "end" | "autoArchive";

/** Every allowed move. Anything not listed is refused with `REFUSALS`. */
export const TRANSITIONS: Record<CampaignAction, { from: readonly CampaignStatus[]; to: CampaignStatus }> = {
  schedule: { from: ["draft"], to: "scheduled" },
  reschedule: { from: ["scheduled"], to: "scheduled" },
  unschedule: { from: ["scheduled"], to: "draft" },
  launch: { from: ["draft", "scheduled"], to: "active" },
  discard: { from: ["draft"], to: "archived" },
  end: { from: ["active"], to: "archived" },
  autoArchive: { from: ["active"], to: "archived" },
};

const ARCHIVED = "This campaign is archived; clone it to reuse it.";

/** Why an action is refused in a status: one sentence saying what to do instead. */
export const REFUSALS: Record<CampaignAction, Partial<Record<CampaignStatus, string>>> = {
  schedule: {
    scheduled: "This campaign is already scheduled; reschedule it instead.",
    active: "This campaign is already active; it can't be scheduled again. Clone it to send it again.",
    archived: ARCHIVED,
  },
  reschedule: {
    draft: "This campaign isn't scheduled; schedule it instead.",
    active: "This campaign has already started; it can't be rescheduled.",
    archived: ARCHIVED,
  },
  unschedule: {
    draft: "This campaign is already a draft.",
    active: "This campaign has already started; end it instead.",
    archived: ARCHIVED,
  },
  launch: {
    active: "This campaign is already active.",
    archived: "This campaign is archived; clone it to launch it again.",
  },
  discard: {
    scheduled: "This campaign is scheduled; return it to draft before discarding it.",
    active: "This campaign is already active; end it instead.",
    archived: "This campaign is already archived.",
  },
  end: {
    draft: "This campaign hasn't launched; discard the draft instead.",
    scheduled: "This campaign hasn't started; return it to draft or discard it instead.",
    archived: "This campaign is already archived.",
  },
  autoArchive: {
    draft: "Only an active campaign is archived automatically.",
    scheduled: "Only an active campaign is archived automatically.",
    archived: "This campaign is already archived.",
  },
};

export function canTransition(status: CampaignStatus, action: CampaignAction): boolean {
  return TRANSITIONS[action].from.includes(status);
}

/** The status the action leads to; throws WRONG_STATE with the refusal's sentence otherwise. */
export function requireTransition(status: CampaignStatus, action: CampaignAction): CampaignStatus {
  if (canTransition(status, action)) return TRANSITIONS[action].to;
  throw appError("WRONG_STATE", REFUSALS[action][status] ?? `A ${status} campaign can't ${action}.`);
}

/** Settings and what they are called in messages. */
export const SETTING_LABELS = {
  officeId: "office",
  title: "title",
  tags: "tags",
  listId: "contact list",
  message: "message",
  operatedBy: "operated by",
  vaFallback: "Virtual Assistant fallback",
  vaSetReply: "set reply",
  numberId: "phone number",
  inboxes: "inboxes",
  autoArchiveDays: "auto-archive days",
  timeZone: "time zone",
} as const;
export type Setting = keyof typeof SETTING_LABELS;

/** After launch, only how replies are handled and how the campaign is labelled may change. */
export const EDITABLE_AFTER_LAUNCH: readonly Setting[] = [
  "title",
  "tags",
  "inboxes",
  "operatedBy",
  "vaFallback",
  "vaSetReply",
  "autoArchiveDays",
];

/** Throws WRONG_STATE naming the first setting that may not change in this status. */
export function requireEditable(status: CampaignStatus, settings: readonly Setting[]): void {
  if (settings.length === 0) return;
  if (status === "archived")
    throw appError("WRONG_STATE", "This campaign is archived and can't be edited; clone it to reuse it.");
  if (status !== "active") return;
  const locked = settings.find((s) => !EDITABLE_AFTER_LAUNCH.includes(s));
  if (locked !== undefined)
    throw appError(
      "WRONG_STATE",
      `The ${SETTING_LABELS[locked]} can't change after launch: the campaign has already gone out with it. Clone the campaign to change it.`,
    );
}
