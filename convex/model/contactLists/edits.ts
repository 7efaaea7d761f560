/** Changing a list by hand: adding and removing one contact. */
import type { Id } from "../../_generated/dataModel";
import type { MutationCtx } from "../../_generated/server";
import type { Viewer } from "../organization/auth";
import { getAllowedCountries } from "../organization/allowedCountries";
import { findContact, findEntry, insertEntry } from "./import";
import { requireEditable, writableList } from "./lists";
import { PHONE_REASONS, formatPhone, normalizePhone } from "../shared/contactPhone";
import { appError } from "../shared/errors";
import { widenMaxLengths } from "../shared/mergeLengths";

const NAME_MAX = 100;
const VALUE_MAX = 1000;

/** What to tell a person whose typed phone can't be used. */
function phoneProblem(raw: string, reason: string): string {
  const typed = raw.trim();
  if (reason === PHONE_REASONS.missing) return "Enter a phone number.";
  if (reason === PHONE_REASONS.invalid)
    return `"${typed}" isn't a valid phone number. Enter it with its area code, like (415) 555-2671.`;
  if (reason === PHONE_REASONS.extension) return "Enter the number without an extension: texts can't reach one.";
  return `"${typed}" is ${reason}. Enter a number from one of those countries.`;
}

function cleanText(value: string | undefined, max: number, what: string): string {
  const text = (value ?? "").trim();
  if (text.length > max) throw appError("INVALID", `Shorten the ${what} to ${max} characters or fewer.`);
  return text;
}

export type NewEntry = {
  listId: Id<"contactLists">;
  phone: string;
  firstName?: string;
  lastName?: string;
  fields?: Record<string, string>;
};

/** Adds one contact to a ready list; the phone goes through the import's normalization. Row 0 marks "added by hand". */
export async function addEntry(
  ctx: MutationCtx,
  viewer: Viewer,
  args: NewEntry,
  now: number,
): Promise<Id<"listEntries">> {
  const list = await writableList(ctx, viewer, args.listId);
  requireEditable(list);
  const phone = normalizePhone(args.phone, await getAllowedCountries(ctx));
  if (!phone.ok) throw appError("INVALID", phoneProblem(args.phone, phone.reason));
  const given = args.fields ?? {};
  const unknown = Object.keys(given).find((name) => !list.columns.includes(name));
  if (unknown !== undefined) throw appError("INVALID", `"${unknown}" isn't a column of "${list.name}".`);
  const existing = await findEntry(ctx, list._id, phone.phone);
  if (existing !== null) {
    const who = `${existing.firstName} ${existing.lastName}`.trim();
    throw appError("CONFLICT", `${formatPhone(phone.phone)} is already on this list${who ? ` (${who})` : ""}.`);
  }
  const entry = {
    row: 0,
    phone: phone.phone,
    firstName: cleanText(args.firstName, NAME_MAX, "first name"),
    lastName: cleanText(args.lastName, NAME_MAX, "last name"),
    fields: Object.fromEntries(list.columns.map((c) => [c, cleanText(given[c], VALUE_MAX, `value of ${c}`)])),
  };
  const entryId = await insertEntry(ctx, list._id, entry, await findContact(ctx, phone.phone));
  const maxLengths = widenMaxLengths(list.maxLengths, list.columns, [entry]);
  await ctx.db.patch("contactLists", list._id, {
    ...{ contactCount: list.contactCount + 1, maxLengths },
    updatedAt: now,
  });
  return entryId;
}

/** Takes one contact off a list (the organization's contact record, and its opt-out, stay). */
export async function removeEntry(
  ctx: MutationCtx,
  viewer: Viewer,
  entryId: Id<"listEntries">,
  now: number,
): Promise<void> {
  const entry = await ctx.db.get("listEntries", entryId);
  if (entry === null) throw appError("NOT_FOUND", "That contact isn't on the list any more. Refresh the page.");
  const list = await writableList(ctx, viewer, entry.listId);
  requireEditable(list);
  await ctx.db.delete("listEntries", entryId);
  await ctx.db.patch("contactLists", list._id, {
    contactCount: Math.max(0, list.contactCount - 1),
    updatedAt: now,
  });
}
