/**
 * Contact lists: importing (create → appendBatch… → addRejections… → finish, driven by
 * `src/lib/import/uploader.ts`), reading (list, get, entries, rejections, importSettings), and
 * editing (rename, setTags, addEntry, removeEntry, clone, remove). Members of a list's office
 * read it; changing it needs "lists.write" in that office. Rules in `model/contactList*.ts`.
 */
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { v } from "convex/values";
import { internalMutation } from "./_generated/server";
import { viewerMutation, viewerQuery } from "./functions";
import { getAllowedCountries } from "./model/organization/allowedCountries";
import { addEntry as insertEntry, removeEntry as deleteEntry } from "./model/contactLists/edits";
import {
  addRejections as insertRejections,
  appendBatch as storeBatch,
  finishImport,
} from "./model/contactLists/import";
import { cloneList, copyPage as copyEntries, purgePage as purgeEntries, removeList } from "./model/contactLists/jobs";
import {
  createList,
  listEntries,
  listLists,
  listRejections,
  readableList,
  summary,
  updateList,
} from "./model/contactLists/lists";
import { vContactListSummary, vImportEntry, vImportProgress, vListEntryRow, vRejectedRow } from "./validators";

// ---- importing ----

/** A new list, status "importing", ready for `appendBatch`. `columns` are the custom columns in file order. */
export const create = viewerMutation({
  args: { officeId: v.id("offices"), name: v.string(), tags: v.array(v.string()), columns: v.array(v.string()) },
  returns: v.id("contactLists"),
  handler: async (ctx, args) => await createList(ctx, ctx.viewer, args, Date.now()),
});

/** Stores batch `batchIndex` (0, 1, 2, …); a batch already stored is a no-op. Returns where the import stands. */
export const appendBatch = viewerMutation({
  args: { listId: v.id("contactLists"), batchIndex: v.number(), entries: v.array(vImportEntry) },
  returns: vImportProgress,
  handler: async (ctx, args) => await storeBatch(ctx, ctx.viewer, args, Date.now()),
});

/** Stores rejected rows for the report (rows already stored are skipped). Returns the list's rejected count. */
export const addRejections = viewerMutation({
  args: { listId: v.id("contactLists"), rows: v.array(vRejectedRow) },
  returns: v.number(),
  handler: async (ctx, args) => await insertRejections(ctx, ctx.viewer, args, Date.now()),
});

/** Makes the list ready. `duplicates`: rows merged in the browser before upload, added to the list's count. */
export const finish = viewerMutation({
  args: { listId: v.id("contactLists"), duplicates: v.optional(v.number()) },
  returns: v.null(),
  handler: async (ctx, args) => {
    await finishImport(ctx, ctx.viewer, args, Date.now());
    return null;
  },
});

// ---- reading ----

/** An office's lists, most recently changed first, or the best matches of `search` by name. */
export const list = viewerQuery({
  args: { officeId: v.id("offices"), search: v.optional(v.string()), paginationOpts: paginationOptsValidator },
  returns: paginationResultValidator(vContactListSummary),
  handler: async (ctx, args) => await listLists(ctx, ctx.viewer, args),
});

/** One list with its counts; null when it no longer exists. */
export const get = viewerQuery({
  args: { listId: v.id("contactLists") },
  returns: v.union(vContactListSummary, v.null()),
  handler: async (ctx, { listId }) => {
    const found = await readableList(ctx, ctx.viewer, listId);
    return found === null ? null : summary(found);
  },
});

/** A list's contacts (all fields, opt-out state), in import order or by `search` (name or phone). */
export const entries = viewerQuery({
  args: { listId: v.id("contactLists"), search: v.optional(v.string()), paginationOpts: paginationOptsValidator },
  returns: paginationResultValidator(vListEntryRow),
  handler: async (ctx, args) => await listEntries(ctx, ctx.viewer, args),
});

/** The rows the import rejected, by row number (for the report and its CSV download). */
export const rejections = viewerQuery({
  args: { listId: v.id("contactLists"), paginationOpts: paginationOptsValidator },
  returns: paginationResultValidator(vRejectedRow),
  handler: async (ctx, args) => await listRejections(ctx, ctx.viewer, args),
});

/** What the browser's import needs to judge phone numbers as the backend will. */
export const importSettings = viewerQuery({
  args: {},
  returns: v.object({ allowedCountries: v.array(v.string()) }),
  handler: async (ctx) => ({ allowedCountries: await getAllowedCountries(ctx) }),
});

// ---- editing ----

export const rename = viewerMutation({
  args: { listId: v.id("contactLists"), name: v.string() },
  returns: v.null(),
  handler: async (ctx, { listId, name }) => {
    await updateList(ctx, ctx.viewer, listId, { name }, Date.now());
    return null;
  },
});

export const setTags = viewerMutation({
  args: { listId: v.id("contactLists"), tags: v.array(v.string()) },
  returns: v.null(),
  handler: async (ctx, { listId, tags }) => {
    await updateList(ctx, ctx.viewer, listId, { tags }, Date.now());
    return null;
  },
});

/** Adds one contact by hand; the phone is normalized like an import's. */
export const addEntry = viewerMutation({
  args: {
    listId: v.id("contactLists"),
    phone: v.string(),
    firstName: v.optional(v.string()),
    lastName: v.optional(v.string()),
    fields: v.optional(v.record(v.string(), v.string())),
  },
  returns: v.id("listEntries"),
  handler: async (ctx, args) => await insertEntry(ctx, ctx.viewer, args, Date.now()),
});

export const removeEntry = viewerMutation({
  args: { entryId: v.id("listEntries") },
  returns: v.null(),
  handler: async (ctx, { entryId }) => {
    await deleteEntry(ctx, ctx.viewer, entryId, Date.now());
    return null;
  },
});

/** A copy of a ready list under a new name; big lists copy in the background (status "importing"). */
export const clone = viewerMutation({
  args: { listId: v.id("contactLists"), name: v.string() },
  returns: v.id("contactLists"),
  handler: async (ctx, args) => await cloneList(ctx, ctx.viewer, args, Date.now()),
});

/** Deletes a list no campaign uses (LIST_IN_USE otherwise, naming them); entries go in the background. */
export const remove = viewerMutation({
  args: { listId: v.id("contactLists") },
  returns: v.null(),
  handler: async (ctx, { listId }) => {
    await removeList(ctx, ctx.viewer, listId);
    return null;
  },
});

// ---- background work (scheduler only) ----

export const copyPage = internalMutation({
  args: { fromListId: v.id("contactLists"), toListId: v.id("contactLists"), cursor: v.union(v.string(), v.null()) },
  returns: v.null(),
  handler: async (ctx, args) => {
    await copyEntries(ctx, args, Date.now());
    return null;
  },
});

export const purgePage = internalMutation({
  args: { listId: v.id("contactLists") },
  returns: v.null(),
  handler: async (ctx, args) => {
    await purgeEntries(ctx, args);
    return null;
  },
});
