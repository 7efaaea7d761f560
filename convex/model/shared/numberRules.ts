/**
 * Rules for phone numbers that need no database: what a valid area code, number, name and
 * throughput are, which numbers are toll-free, and the shape of unsolicited-message settings.
 * Pure, shared with the UI (the numbers page validates with the same words).
 */
import type { NumberType, SearchableType, UnsolicitedSettings } from "../../validators";
import { appError } from "./errors";
import { cleanName } from "./normalize";

/** US toll-free area codes (NANP). Every other US number is a local (long code) number. */
export const TOLL_FREE_AREA_CODES: readonly string[] = ["800", "833", "844", "855", "866", "877", "888"];

/**
 * Twilio's default throughput per number type (PRODUCT.md, Twilio facts): long code ~1/s,
 * toll-free 3/s, short code 100/s (segments per second; the pacing reads the number's stored rate).
 */
export const DEFAULT_MESSAGES_PER_SECOND: Record<NumberType, number> = { local: 1, tollFree: 3, shortCode: 100 };

/** A US short code as Twilio writes it in From/To: 5 or 6 digits, no "+". */
const SHORT_CODE = /^\d{5,6}$/;
export const MESSAGES_PER_SECOND_MAX = 1000;
export const NUMBER_NAME_MAX = 60;
export const DESCRIPTION_MAX = 500;
/** Personal inboxes, and office inboxes, one number's unsolicited settings may name. */
export const INBOXES_MAX = 50;
/** Numbers one search shows. */
export const SEARCH_LIMIT = 20;
/** Twilio caps a number's FriendlyName at 64 characters. */
const FRIENDLY_NAME_MAX = 64;

const AREA_CODE = /^[2-9]\d{2}$/;
const US_E164 = /^\+1[2-9]\d{9}$/;

/** A 3-digit US area code (first digit 2–9), trimmed. Throws INVALID. */
export function checkAreaCode(raw: string): string {
  const areaCode = raw.trim();
  if (!AREA_CODE.test(areaCode))
    throw appError("INVALID", "Enter a 3-digit US area code, such as 617 (or 800 for toll-free).");
  return areaCode;
}

/** A US number in E.164 form (+1 and ten digits), as Twilio lists it. Throws INVALID. */
export function checkE164(raw: string): string {
  const e164 = raw.trim();
  if (!US_E164.test(e164)) throw appError("INVALID", `"${e164}" isn't a US phone number in the form +16175550123.`);
  return e164;
}

export function areaCodeType(areaCode: string): SearchableType {
  return TOLL_FREE_AREA_CODES.includes(areaCode) ? "tollFree" : "local";
}

/** Short code (5–6 digits), else local or toll-free from the number itself (+1 and its area code). */
export function numberType(e164: string): NumberType {
  if (SHORT_CODE.test(e164)) return "shortCode";
  return areaCodeType(e164.slice(2, 5));
}

/** A whole number of messages per second from 1 to 1000. Throws INVALID. */
export function checkMessagesPerSecond(value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > MESSAGES_PER_SECOND_MAX)
    throw appError("INVALID", `Messages per second must be a whole number from 1 to ${MESSAGES_PER_SECOND_MAX}.`);
  return value;
}

/** The given throughput, checked, or the default for the number's type. */
export function messagesPerSecondFor(e164: string, value: number | undefined): number {
  return value === undefined ? DEFAULT_MESSAGES_PER_SECOND[numberType(e164)] : checkMessagesPerSecond(value);
}

export function cleanNumberName(raw: string): string {
  return cleanName(raw, NUMBER_NAME_MAX, "name for the number");
}

/** Trimmed; may be empty. Throws INVALID past DESCRIPTION_MAX characters. */
export function cleanDescription(raw: string): string {
  const description = raw.trim();
  if (description.length > DESCRIPTION_MAX)
    throw appError(
      "INVALID",
      `Shorten the description to ${DESCRIPTION_MAX} characters or fewer (it has ${description.length}).`,
    );
  return description;
}

/**
 * Repeated ids dropped; at least one inbox, since unsolicited messages the VA can't answer and
 * every message agents handle must land somewhere. Throws INVALID. Ids are checked against the
 * database by `requireUnsolicited` in `model/numbers/writes.ts`.
 */
export function cleanUnsolicited(settings: UnsolicitedSettings): UnsolicitedSettings {
  const userIds = [...new Set(settings.inboxes.userIds)];
  const officeIds = [...new Set(settings.inboxes.officeIds)];
  if (userIds.length + officeIds.length === 0)
    throw appError("INVALID", "Choose at least one inbox (a person or an office) to receive unsolicited messages.");
  if (userIds.length > INBOXES_MAX || officeIds.length > INBOXES_MAX)
    throw appError("INVALID", `Choose at most ${INBOXES_MAX} people and ${INBOXES_MAX} offices.`);
  return { handledBy: settings.handledBy, inboxes: { userIds, officeIds } };
}

/** "(617) 555-0101" for a US number; anything else as given. */
export function displayNumber(e164: string): string {
  const match = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return match ? `(${match[1]}) ${match[2]}-${match[3]}` : e164;
}

/** The label Twilio's console shows for the number: the parts joined, cut to Twilio's 64 characters. */
export function friendlyName(parts: string[]): string {
  const name = parts.filter((part) => part !== "").join(" · ");
  return name.length <= FRIENDLY_NAME_MAX ? name : `${name.slice(0, FRIENDLY_NAME_MAX - 1)}…`;
}
