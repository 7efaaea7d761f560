/**
 * Contact lists: who may read or change one, naming rules, the reads of the Lists page and the
 * Contacts tab, and editing a list by hand. Importing is in `import.ts`, background
 * copying and deleting in `jobs.ts`.
 *
 * One `contacts` row per phone number in the organization holds the opt-out; a list's
 * `listEntries` point at it, so opting out on one list opts out on every list.
 */
import type { PaginationOptions, PaginationResult } from "convex/server";
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { ContactListSummary, ListEntryRow, RejectedRowValue } from "../../validators";
import { requireOfficeRead, requireOfficeWrite, type Viewer } from "../organization/auth";
import { MAX_CUSTOM_COLUMNS, safeColumnName } from "../shared/contactImport";
import { emptyMaxLengths } from "../shared/mergeLengths";
import { appError } from "../shared/errors";
import { cleanName } from "../shared/normalize";
import { TAG_MAX } from "../shared/tags";
import { clampPage } from "../shared/pages";

export const LIST_NAME_MAX = 100;
export const TAGS_MAX = 10;

const LIST_GONE = "That contact list doesn't exist any more. Refresh the page.";

/** The list if it exists; throws FORBIDDEN when the viewer can't read its office. Null when it's gone. */
export async function readableList(ctx: QueryCtx, viewer: Viewer, listId: Id<"contactLists">) {
  const list = await ctx.db.get("contactLists", listId);
  if (list !== null) requireOfficeRead(viewer, list.officeId);
  return list;
}

/** The list, if the viewer may change it ("lists.write" in its office); NOT_FOUND when it's gone. */
export async function writableList(ctx: QueryCtx, viewer: Viewer, listId: Id<"contactLists">) {
  const list = await ctx.db.get("contactLists", listId);
  if (list === null) throw appError("NOT_FOUND", LIST_GONE);
  requireOfficeWrite(viewer, list.officeId, "lists.write");
  return list;
}

/** Refuses changing who is on a list while it imports, or once a launched campaign used it. */
export function requireEditable(list: Doc<"contactLists">): void {
  if (list.status === "importing")
    throw appError("LIST_IMPORTING", `"${list.name}" is still importing. Wait until it finishes, then edit it.`);
  if (list.lockedByLaunch)
    throw appError(
      "LIST_IN_USE",
      `A launched campaign used "${list.name}", so its contacts can't change. Clone it and edit the copy.`,
    );
}

/** Tags trimmed, each 1–30 characters, at most 10, repeats (ignoring case) dropped. Throws INVALID. */
export function cleanTags(tags: readonly string[]): string[] {
  const kept = new Map<string, string>();
  for (const raw of tags) {
    const tag = raw.trim().replace(/\s+/g, " ");
    if (tag === "") continue;
    if (tag.length > TAG_MAX) throw appError("INVALID", `Shorten the tag "${tag}" to ${TAG_MAX} characters or fewer.`);
    if (!kept.has(tag.toLowerCase())) kept.set(tag.toLowerCase(), tag);
  }
  if (kept.size > TAGS_MAX) throw appError("INVALID", `Give a list at most ${TAGS_MAX} tags (it has ${kept.size}).`);
  return [...kept.values()];
}

/** Column names as `contactImport.columnNames` makes them: safe, unique, at most 500. Throws INVALID. */
export function checkColumns(columns: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const column of columns) {
    if (column === "" || column !== safeColumnName(column))
      throw appError("INVALID", `The column name "${column}" can't be stored. Use the names the import preview shows.`);
    if (seen.has(column.toLowerCase())) throw appError("INVALID", `The column "${column}" appears twice.`);
    seen.add(column.toLowerCase());
  }
  if (columns.length > MAX_CUSTOM_COLUMNS)
    throw appError("INVALID", `A list keeps at most ${MAX_CUSTOM_COLUMNS} columns besides names and phone.`);
  return [...columns];
}

export type NewList = { officeId: Id<"offices">; name: string; tags: string[]; columns: string[] };

/** Inserts an empty list in "importing" state, named and shaped as given (already checked). */
export async function insertEmptyList(
  ctx: MutationCtx,
  viewer: Viewer,
  list: NewList,
  now: number,
): Promise<Id<"contactLists">> {
  return await ctx.db.insert("contactLists", {
    ...list,
    name: cleanName(list.name, LIST_NAME_MAX, "list name"),
    status: "importing",
    contactCount: 0,
    duplicateCount: 0,
    rejectedCount: 0,
    importedBatches: 0,
    lockedByLaunch: false,
    maxLengths: emptyMaxLengths(list.columns),
    createdBy: viewer._id,
    updatedAt: now,
  });
}

/** A new, empty list in "importing" state; the uploader fills it with `appendBatch`. */
export async function createList(
  ctx: MutationCtx,
  viewer: Viewer,
  args: NewList,
  now: number,
): Promise<Id<"contactLists">> {
  requireOfficeWrite(viewer, args.officeId, "lists.write");
  return await insertEmptyList(
    ctx,
    viewer,
    {
      ...args,
      tags: cleanTags(args.tags),
      columns: checkColumns(args.columns),
    },
    now,
  );
}

export function summary(list: Doc<"contactLists">): ContactListSummary {
  const { _id, _creationTime, officeId, name, tags, columns, status, createdBy, updatedAt } = list;
  const { contactCount, duplicateCount, rejectedCount, importedBatches, lockedByLaunch } = list;
  return {
    _id,
    _creationTime,
    officeId,
    name,
    tags,
    columns,
    status,
    createdBy,
    updatedAt,
    contactCount,
    duplicateCount,
    rejectedCount,
    importedBatches,
    lockedByLaunch,
  };
}

const mapPage = <T, U>(page: PaginationResult<T>, f: (item: T) => U | Promise<U>) =>
  Promise.all(page.page.map(f)).then((items) => ({ ...page, page: items }));

const EMPTY_PAGE = { page: [], isDone: true, continueCursor: "" };

/** An office's lists, newest change first; with `search`, best name matches first. */
export async function listLists(
  ctx: QueryCtx,
  viewer: Viewer,
  args: { officeId: Id<"offices">; search?: string; paginationOpts: PaginationOptions },
): Promise<PaginationResult<ContactListSummary>> {
  requireOfficeRead(viewer, args.officeId);
  const search = args.search?.trim() ?? "";
  const opts = clampPage(args.paginationOpts, 100);
  const lists = ctx.db.query("contactLists");
  const page =
    search === ""
      ? await lists
          .withIndex("by_officeId_and_updatedAt", (q) => q.eq("officeId", args.officeId))
          .order("desc")
          .paginate(opts)
      : await lists
          .withSearchIndex("search_name", (q) => q.search("name", search).eq("officeId", args.officeId))
          .paginate(opts);
  return await mapPage(page, summary);
}

/** A list's contacts in the order they were added (or best matches of `search`), with their opt-out state. */
export async function listEntries(
  ctx: QueryCtx,
  viewer: Viewer,
  args: { listId: Id<"contactLists">; search?: string; paginationOpts: PaginationOptions },
): Promise<PaginationResult<ListEntryRow>> {
  if ((await readableList(ctx, viewer, args.listId)) === null) return EMPTY_PAGE;
  const search = args.search?.trim() ?? "";
  const opts = clampPage(args.paginationOpts, 500);
  const entries = ctx.db.query("listEntries");
  const page =
    search === ""
      ? await entries.withIndex("by_listId", (q) => q.eq("listId", args.listId)).paginate(opts)
      : await entries
          .withSearchIndex("search_text", (q) => q.search("searchText", search).eq("listId", args.listId))
          .paginate(opts);
  return await mapPage(page, async (e) => {
    const contact = await ctx.db.get("contacts", e.contactId);
    const { _id, _creationTime, contactId, phone, firstName, lastName, fields, row } = e;
    return {
      _id,
      _creationTime,
      contactId,
      phone,
      firstName,
      lastName,
      fields,
      row,
      optedOut: contact?.optedOut ?? false,
    };
  });
}

/** The rows an import rejected, by row number. */
export async function listRejections(
  ctx: QueryCtx,
  viewer: Viewer,
  args: { listId: Id<"contactLists">; paginationOpts: PaginationOptions },
): Promise<PaginationResult<RejectedRowValue>> {
  if ((await readableList(ctx, viewer, args.listId)) === null) return EMPTY_PAGE;
  const page = await ctx.db
    .query("listRejections")
    .withIndex("by_listId_and_row", (q) => q.eq("listId", args.listId))
    .paginate(clampPage(args.paginationOpts, 1000));
  return await mapPage(page, ({ row, reason }) => ({ row, reason }));
}

/** Renames a list and/or replaces its tags. */
export async function updateList(
  ctx: MutationCtx,
  viewer: Viewer,
  listId: Id<"contactLists">,
  changes: { name?: string; tags?: string[] },
  now: number,
): Promise<void> {
  await writableList(ctx, viewer, listId);
  await ctx.db.patch("contactLists", listId, {
    ...(changes.name === undefined ? {} : { name: cleanName(changes.name, LIST_NAME_MAX, "list name") }),
    ...(changes.tags === undefined ? {} : { tags: cleanTags(changes.tags) }),
    updatedAt: now,
  });
}

/** Called when a campaign using the list launches: from then on the list can't be deleted or edited. */
export async function markListLaunched(ctx: MutationCtx, listId: Id<"contactLists">): Promise<void> {
  if ((await ctx.db.get("contactLists", listId)) !== null)
    await ctx.db.patch("contactLists", listId, { lockedByLaunch: true });
}
