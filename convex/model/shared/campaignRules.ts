/**
 * What makes a campaign's settings valid and a campaign ready to launch (pure, shared with the
 * wizard). Two levels: `checkSettings` refuses on save what no form would let through (a title past
 * 120 characters, 11 tags, 200 auto-archive days); `readinessReasons` lists everything still
 * missing or no longer true before launch (no list, an importing list, a number in use, …).
 */
import type { Doc, Id } from "../../_generated/dataModel";
import type { CampaignStatus, ReadinessReason } from "../../validators";
import { appError } from "./errors";
import { unknownFields } from "./merge";
import { worstCaseLength, worstCaseProblem } from "./mergeLengths";
import { MESSAGE_MAX_CHARACTERS } from "./segments";
import { TAG_MAX } from "./tags";

export const TITLE_MAX = 120;
export const TAGS_MAX = 10;
export const AUTO_ARCHIVE_DAYS = { min: 1, max: 180, default: 7 } as const;
export const INBOX_USERS_MAX = 50;
/** How far ahead a launch can be scheduled. */
export const SCHEDULE_HORIZON_DAYS = 365;
export const DAY_MS = 86_400_000;

/** Title as stored: trimmed, inner spaces collapsed (may be empty in a draft). */
export function cleanTitle(title: string): string {
  return title.trim().replace(/\s+/g, " ");
}

/** How tags compare (and what the tag filter matches): trimmed, spaces collapsed, lowercase. */
export function tagKey(tag: string): string {
  return tag.trim().replace(/\s+/g, " ").toLowerCase();
}

/** Tags as stored: cleaned, repeats (ignoring case) dropped, first spelling kept. Throws INVALID. */
export function normalizeTags(tags: readonly string[]): string[] {
  const byKey = new Map<string, string>();
  for (const raw of tags) {
    const tag = raw.trim().replace(/\s+/g, " ");
    if (tag === "") continue;
    if (tag.length > TAG_MAX)
      throw appError("INVALID", `Shorten the tag "${tag.slice(0, 40)}" to ${TAG_MAX} characters or fewer.`);
    if (!byKey.has(tagKey(tag))) byKey.set(tagKey(tag), tag);
  }
  if (byKey.size > TAGS_MAX) throw appError("INVALID", `A campaign can have at most ${TAGS_MAX} tags.`);
  return [...byKey.values()];
}

const autoArchiveValid = (days: number) =>
  Number.isInteger(days) && days >= AUTO_ARCHIVE_DAYS.min && days <= AUTO_ARCHIVE_DAYS.max;
const AUTO_ARCHIVE_RULE = `Auto-archive after a whole number of days from ${AUTO_ARCHIVE_DAYS.min} to ${AUTO_ARCHIVE_DAYS.max}.`;

type Texts = { title?: string; message?: string; vaSetReply?: string; autoArchiveDays?: number };

/** Refuses (INVALID) the values no form allows; missing values are left to readiness. */
export function checkSettings({ title, message, vaSetReply, autoArchiveDays }: Texts): void {
  if (title !== undefined && cleanTitle(title).length > TITLE_MAX)
    throw appError("INVALID", `Shorten the title to ${TITLE_MAX} characters or fewer.`);
  if (message !== undefined && message.length > MESSAGE_MAX_CHARACTERS)
    throw appError(
      "INVALID",
      `Shorten the message to ${MESSAGE_MAX_CHARACTERS.toLocaleString("en-US")} characters or fewer.`,
    );
  if (vaSetReply !== undefined && vaSetReply.length > MESSAGE_MAX_CHARACTERS)
    throw appError(
      "INVALID",
      `Shorten the set reply to ${MESSAGE_MAX_CHARACTERS.toLocaleString("en-US")} characters or fewer.`,
    );
  if (autoArchiveDays !== undefined && !autoArchiveValid(autoArchiveDays)) throw appError("INVALID", AUTO_ARCHIVE_RULE);
}

/** What readiness needs to know beyond the campaign itself, looked up by `model/campaigns/readiness`. */
export type ReadinessFacts = {
  officeExists: boolean;
  /** null: none chosen; "missing": chosen but deleted. */
  list: null | "missing" | Pick<Doc<"contactLists">, "officeId" | "status" | "contactCount" | "columns" | "maxLengths">;
  /** null: none chosen; else why the number can't carry this campaign (null when it can). */
  number: null | { problem: string | null };
  /** Personal inboxes of people who left the office, were deactivated or deleted. */
  unusableInboxUsers: number;
  unusableInboxOffices: number;
};

export type ReadinessCampaign = Pick<
  Doc<"campaigns">,
  "officeId" | "title" | "message" | "operatedBy" | "vaFallback" | "vaSetReply" | "inboxes" | "autoArchiveDays"
>;

function listReasons(list: ReadinessFacts["list"], officeId: Id<"offices">): string[] {
  if (list === null) return ["Choose a contact list."];
  if (list === "missing") return ["The chosen contact list was deleted. Choose another list."];
  if (list.officeId !== officeId)
    return ["The contact list belongs to another office. Choose one of this office's lists."];
  if (list.status === "importing") return ["The contact list is still importing. Wait for the import to finish."];
  if (list.contactCount === 0) return ["The contact list has no contacts. Choose a list with contacts."];
  return [];
}

function messageReasons(message: string, list: ReadinessFacts["list"]): string[] {
  if (message.trim() === "") return ["Write the message."];
  if (message.length > MESSAGE_MAX_CHARACTERS)
    return [
      `Shorten the message to ${MESSAGE_MAX_CHARACTERS.toLocaleString("en-US")} characters or fewer (it has ${message.length.toLocaleString("en-US")}).`,
    ];
  // Without a list the columns aren't known yet: the list's own reason says what to do first.
  if (list === null || list === "missing") return [];
  const unknown = unknownFields(message, list.columns);
  if (unknown.length === 0) {
    const tooLong = worstCaseProblem(worstCaseLength(message, list.columns, list.maxLengths));
    return tooLong === null ? [] : [tooLong];
  }
  const names = unknown.map((f) => `{${f}}`).join(", ");
  return [`The message uses merge fields the contact list doesn't have: ${names}. Fix them or choose another list.`];
}

function numberReasons(number: ReadinessFacts["number"]): string[] {
  if (number === null) return ["Choose a phone number."];
  return number.problem === null ? [] : [number.problem];
}

function inboxReasons(c: ReadinessCampaign, facts: ReadinessFacts): string[] {
  const chosen = c.inboxes.userIds.length + c.inboxes.officeIds.length;
  if (chosen === 0) return ["Choose at least one inbox to receive replies."];
  const unusable = facts.unusableInboxUsers + facts.unusableInboxOffices;
  if (unusable > 0)
    return [
      `${unusable === 1 ? "One inbox" : `${unusable} inboxes`} can't receive this campaign's replies any more (no longer in this office). Update the inboxes.`,
    ];
  return [];
}

/** Everything that stops the campaign from launching, in the wizard's order; empty when ready. */
export function readinessReasons(c: ReadinessCampaign, facts: ReadinessFacts): ReadinessReason[] {
  const title = cleanTitle(c.title);
  const reasons: ReadinessReason[] = [];
  const add = (field: ReadinessReason["field"], messages: string[]) =>
    messages.forEach((message) => reasons.push({ field, message }));
  add(
    "title",
    title === ""
      ? ["Give the campaign a title."]
      : title.length > TITLE_MAX
        ? [`Shorten the title to ${TITLE_MAX} characters or fewer.`]
        : [],
  );
  add("office", facts.officeExists ? [] : ["The campaign's office no longer exists."]);
  add("list", listReasons(facts.list, c.officeId));
  add("message", messageReasons(c.message, facts.list));
  add("number", numberReasons(facts.number));
  const needsSetReply = c.operatedBy === "va" && c.vaFallback === "setReply";
  add(
    "vaSetReply",
    needsSetReply && c.vaSetReply.trim() === ""
      ? ["Write the set reply the Virtual Assistant sends when it can't answer."]
      : [],
  );
  add(
    "vaSetReply",
    c.vaSetReply.length > MESSAGE_MAX_CHARACTERS ? ["Shorten the set reply to 1,600 characters or fewer."] : [],
  );
  add("inboxes", inboxReasons(c, facts));
  add("autoArchiveDays", autoArchiveValid(c.autoArchiveDays) ? [] : [AUTO_ARCHIVE_RULE]);
  return reasons;
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
