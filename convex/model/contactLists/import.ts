/**
 * Importing a list in batches: `appendBatch` stores one batch of accepted rows, idempotently by
 * batch index (a batch already stored is a no-op, so an interrupted upload simply resends),
 * `addRejections` stores the rejected-rows report (idempotent by row), `finish` makes the list
 * ready.
 *
 * A batch reads everything it needs before it writes anything: one index lookup per row in the
 * list (duplicates across batches) and one in `contacts` (one record per phone), then the
 * inserts. With at most 1,000 rows a batch stays under Convex's per-transaction limits: ≤ 2,003
 * index ranges read of 4,096, ≤ 2,001 documents written of 8,192 (see README.md here).
 */
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { ImportEntry, ImportProgress, RejectedRowValue } from "../../validators";
import type { Viewer } from "../organization/auth";
import { getAllowedCountries } from "../organization/allowedCountries";
import { MAX_ROW_CHARACTERS, mergeInto, ROW_TOO_LONG_REASON, type AcceptedEntry } from "../shared/contactImport";
import { entrySearchText, normalizePhone } from "../shared/contactPhone";
import { appError } from "../shared/errors";
import { widenMaxLengths } from "../shared/mergeLengths";
import { writableList } from "./lists";

/** Most rows one `appendBatch` or `addRejections` call may carry (the uploader sends 500). */
export const MAX_BATCH_ROWS = 1000;
const REASON_MAX = 300;

const progressOf = (list: Doc<"contactLists">): ImportProgress => ({
  importedBatches: list.importedBatches,
  contactCount: list.contactCount,
  duplicateCount: list.duplicateCount,
});

/** Characters of a row's values (the browser's limit counts the CSV row, which holds at least these). */
function rowLength(entry: ImportEntry): number {
  let length = entry.phone.length + entry.firstName.length + entry.lastName.length;
  for (const value of Object.values(entry.fields)) length += value.length;
  return length;
}

/**
 * Checks a batch as the backend must (the browser's work is not trusted): row numbers, phones
 * (normalized again; an E.164 number stays the same), field names among the list's columns,
 * every column present, no row longer than the browser accepts (a huge value would otherwise fail
 * the write past Convex's document size instead of being refused). Rows with a phone seen earlier
 * in the batch merge into it.
 */
export function checkEntries(
  entries: readonly ImportEntry[],
  columns: readonly string[],
  allowedCountries: readonly string[],
): { entries: AcceptedEntry[]; duplicates: number } {
  if (entries.length > MAX_BATCH_ROWS)
    throw appError("INVALID", `Send at most ${MAX_BATCH_ROWS} rows at a time (this batch has ${entries.length}).`);
  const known = new Set(columns);
  const byPhone = new Map<string, AcceptedEntry>();
  let duplicates = 0;
  for (const entry of entries) {
    if (!Number.isInteger(entry.row) || entry.row < 2)
      throw appError("INVALID", `Row ${entry.row} isn't a data row number.`);
    if (rowLength(entry) > MAX_ROW_CHARACTERS) throw appError("INVALID", `Row ${entry.row} is ${ROW_TOO_LONG_REASON}.`);
    const phone = normalizePhone(entry.phone, allowedCountries);
    if (!phone.ok) throw appError("INVALID", `Row ${entry.row}: the phone "${entry.phone}" is ${phone.reason}.`);
    const unknown = Object.keys(entry.fields).find((name) => !known.has(name));
    if (unknown !== undefined)
      throw appError("INVALID", `Row ${entry.row} has a value for "${unknown}", which isn't a column of this list.`);
    const fields = Object.fromEntries(columns.map((c) => [c, (entry.fields[c] ?? "").trim()]));
    const clean = {
      row: entry.row,
      phone: phone.phone,
      firstName: entry.firstName.trim(),
      lastName: entry.lastName.trim(),
      fields,
    };
    const kept = byPhone.get(clean.phone);
    if (kept === undefined) byPhone.set(clean.phone, clean);
    else {
      mergeInto(kept, clean);
      duplicates += 1;
    }
  }
  return { entries: [...byPhone.values()], duplicates };
}

export async function findContact(ctx: QueryCtx, phone: string): Promise<Doc<"contacts"> | null> {
  return await ctx.db
    .query("contacts")
    .withIndex("by_phone", (q) => q.eq("phone", phone))
    .first();
}

export async function findEntry(ctx: QueryCtx, listId: Id<"contactLists">, phone: string) {
  return await ctx.db
    .query("listEntries")
    .withIndex("by_listId_and_phone", (q) => q.eq("listId", listId).eq("phone", phone))
    .first();
}

/** Inserts an entry, creating the organization's contact record for a phone seen for the first time. */
export async function insertEntry(
  ctx: MutationCtx,
  listId: Id<"contactLists">,
  entry: AcceptedEntry,
  contact: Doc<"contacts"> | null,
): Promise<Id<"listEntries">> {
  const contactId = contact?._id ?? (await ctx.db.insert("contacts", { phone: entry.phone, optedOut: false }));
  return await ctx.db.insert("listEntries", {
    listId,
    contactId,
    phone: entry.phone,
    firstName: entry.firstName,
    lastName: entry.lastName,
    fields: entry.fields,
    row: entry.row,
    searchText: entrySearchText(entry.firstName, entry.lastName, entry.phone),
  });
}

/** A stored entry that gains the values a later duplicate row has and it lacks; patched only when something changed. */
async function mergeIntoStored(ctx: MutationCtx, stored: Doc<"listEntries">, later: AcceptedEntry): Promise<void> {
  const merged: AcceptedEntry = { ...stored, fields: { ...stored.fields } };
  mergeInto(merged, later);
  const { firstName, lastName, fields } = merged;
  if (
    JSON.stringify([firstName, lastName, fields]) === JSON.stringify([stored.firstName, stored.lastName, stored.fields])
  )
    return;
  const searchText = entrySearchText(firstName, lastName, stored.phone);
  await ctx.db.patch("listEntries", stored._id, { firstName, lastName, fields, searchText });
}

/** Stores batch `batchIndex` of an import; see the module comment. */
export async function appendBatch(
  ctx: MutationCtx,
  viewer: Viewer,
  args: { listId: Id<"contactLists">; batchIndex: number; entries: ImportEntry[] },
  now: number,
): Promise<ImportProgress> {
  const list = await writableList(ctx, viewer, args.listId);
  if (args.batchIndex < list.importedBatches) return progressOf(list);
  if (args.batchIndex !== list.importedBatches)
    throw appError(
      "INVALID",
      `Batch ${args.batchIndex} arrives before batch ${list.importedBatches}. Send batch ${list.importedBatches} first.`,
    );
  if (list.status !== "importing")
    throw appError(
      "INVALID",
      `The import of "${list.name}" has finished. Add contacts one at a time, or upload a new list.`,
    );
  const batch = checkEntries(args.entries, list.columns, await getAllowedCountries(ctx));
  const stored = await Promise.all(batch.entries.map((e) => findEntry(ctx, list._id, e.phone)));
  const contacts = await Promise.all(batch.entries.map((e, i) => (stored[i] ? null : findContact(ctx, e.phone))));
  let added = 0;
  for (const [i, entry] of batch.entries.entries()) {
    const existing = stored[i];
    if (existing) await mergeIntoStored(ctx, existing, entry);
    else {
      await insertEntry(ctx, list._id, entry, contacts[i]);
      added += 1;
    }
  }
  const progress = {
    importedBatches: list.importedBatches + 1,
    contactCount: list.contactCount + added,
    duplicateCount: list.duplicateCount + batch.duplicates + (batch.entries.length - added),
  };
  const maxLengths = widenMaxLengths(list.maxLengths, list.columns, batch.entries);
  await ctx.db.patch("contactLists", list._id, { ...progress, maxLengths, updatedAt: now });
  return progress;
}

/**
 * Stores rejected rows for the report; a row already stored is skipped. Once the import finished
 * the report is final and a resent batch changes nothing. Returns the list's rejected count.
 */
export async function addRejections(
  ctx: MutationCtx,
  viewer: Viewer,
  args: { listId: Id<"contactLists">; rows: RejectedRowValue[] },
  now: number,
): Promise<number> {
  const list = await writableList(ctx, viewer, args.listId);
  if (list.status !== "importing") return list.rejectedCount;
  if (args.rows.length > MAX_BATCH_ROWS)
    throw appError(
      "INVALID",
      `Send at most ${MAX_BATCH_ROWS} rejected rows at a time (this batch has ${args.rows.length}).`,
    );
  const rows = [...new Map(args.rows.map((r) => [r.row, r])).values()];
  for (const { row, reason } of rows)
    if (!Number.isInteger(row) || row < 2 || reason.trim() === "" || reason.length > REASON_MAX)
      throw appError(
        "INVALID",
        `Rejected row ${row} needs a row number of 2 or more and a reason of 1–${REASON_MAX} characters.`,
      );
  const stored = await Promise.all(
    rows.map(({ row }) =>
      ctx.db
        .query("listRejections")
        .withIndex("by_listId_and_row", (q) => q.eq("listId", list._id).eq("row", row))
        .first(),
    ),
  );
  const fresh = rows.filter((_, i) => stored[i] === null);
  for (const { row, reason } of fresh)
    await ctx.db.insert("listRejections", { listId: list._id, row, reason: reason.trim() });
  const rejectedCount = list.rejectedCount + fresh.length;
  await ctx.db.patch("contactLists", list._id, { rejectedCount, updatedAt: now });
  return rejectedCount;
}

/**
 * Ends an import: the list becomes ready. `duplicates` are the rows the browser merged before
 * sending (they never reach the backend) and are added to the list's duplicate count once.
 * Finishing a finished list changes nothing.
 */
export async function finishImport(
  ctx: MutationCtx,
  viewer: Viewer,
  args: { listId: Id<"contactLists">; duplicates?: number },
  now: number,
): Promise<void> {
  const list = await writableList(ctx, viewer, args.listId);
  if (list.status === "ready") return;
  const duplicates = args.duplicates ?? 0;
  if (!Number.isInteger(duplicates) || duplicates < 0)
    throw appError("INVALID", "The number of merged duplicate rows must be a whole number of 0 or more.");
  await ctx.db.patch("contactLists", list._id, {
    status: "ready",
    duplicateCount: list.duplicateCount + duplicates,
    updatedAt: now,
  });
}
