/**
 * The knowledge base's reads and hand edits: who may see and change an office's entries, the
 * limit of entries per office, one question per entry, and ids for files. Imports are in
 * `knowledgeImport.ts`; the rules for an entry's fields in `knowledgeRules.ts`.
 */
import type { PaginationOptions, PaginationResult } from "convex/server";
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { KnowledgeEntry } from "../../validators";
import { requireOfficeRead, requireOfficeWrite, type Viewer } from "../organization/auth";
import { appError } from "../shared/errors";
import {
  checkEntry,
  checkId,
  MAX_ENTRIES_PER_OFFICE,
  questionKey,
  slugFor,
  type EntryFields,
} from "../shared/knowledgeRules";

/** Every entry of an office (at most MAX_ENTRIES_PER_OFFICE), oldest first: what the VA matches against. */
export async function officeEntries(ctx: QueryCtx, officeId: Id<"offices">): Promise<Doc<"knowledgeEntries">[]> {
  return await ctx.db
    .query("knowledgeEntries")
    .withIndex("by_officeId", (q) => q.eq("officeId", officeId))
    .take(MAX_ENTRIES_PER_OFFICE);
}

export function entryRow(entry: Doc<"knowledgeEntries">): KnowledgeEntry {
  const { _id, officeId, question, answer, alternates, keywords, externalId, updatedAt } = entry;
  return { _id, officeId, question, answer, alternates, keywords, externalId, updatedAt };
}

export const searchTextOf = (entry: EntryFields & { externalId?: string }) =>
  [entry.question, ...entry.alternates, ...entry.keywords, entry.answer, entry.externalId ?? ""].join(" \n ");

/** An office's entries, newest first, or the best matches of `search` (question, phrasings, keywords, answer, id). */
export async function listEntries(
  ctx: QueryCtx,
  viewer: Viewer,
  args: { officeId: Id<"offices">; search?: string; paginationOpts: PaginationOptions },
): Promise<PaginationResult<KnowledgeEntry>> {
  requireOfficeRead(viewer, args.officeId);
  const paginationOpts = { ...args.paginationOpts, numItems: Math.min(args.paginationOpts.numItems, 100) };
  const search = args.search?.trim() ?? "";
  const query =
    search === ""
      ? ctx.db
          .query("knowledgeEntries")
          .withIndex("by_officeId", (q) => q.eq("officeId", args.officeId))
          .order("desc")
      : ctx.db
          .query("knowledgeEntries")
          .withSearchIndex("search_text", (q) => q.search("searchText", search).eq("officeId", args.officeId));
  const page = await query.paginate(paginationOpts);
  return { ...page, page: page.page.map(entryRow) };
}

/** The entry if the viewer may read its office; null when it doesn't exist. */
export async function readableEntry(
  ctx: QueryCtx,
  viewer: Viewer,
  entryId: Id<"knowledgeEntries">,
): Promise<Doc<"knowledgeEntries"> | null> {
  const entry = await ctx.db.get("knowledgeEntries", entryId);
  if (entry !== null) requireOfficeRead(viewer, entry.officeId);
  return entry;
}

async function writableEntry(ctx: QueryCtx, viewer: Viewer, entryId: Id<"knowledgeEntries">) {
  const entry = await readableEntry(ctx, viewer, entryId);
  if (entry === null)
    throw appError("NOT_FOUND", "That entry was deleted. Refresh to see the knowledge base as it is.");
  requireOfficeWrite(viewer, entry.officeId, "knowledge.write");
  return entry;
}

/** "the answer is empty" → "The answer is empty." */
export const sentence = (reason: string) => `${reason[0].toUpperCase()}${reason.slice(1)}.`;

function checked(fields: EntryFields): EntryFields {
  const result = checkEntry(fields);
  if (!result.ok) throw appError("INVALID", sentence(result.reason));
  return result.value;
}

/** Refuses a question another entry of the office already asks (the VA couldn't tell them apart). */
function assertNewQuestion(entries: Doc<"knowledgeEntries">[], question: string, except?: Id<"knowledgeEntries">) {
  const twin = entries.find((e) => e._id !== except && questionKey(e.question) === questionKey(question));
  if (twin) throw appError("CONFLICT", `Another entry already asks "${twin.question}". Edit that one instead.`);
}

/** An id for files no other entry of the office has: the given one, or one made from the question. */
export function freshExternalId(taken: Set<string>, question: string): string {
  const base = slugFor(question);
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

export function assertRoomFor(count: number, officeName = "This office"): void {
  if (count > MAX_ENTRIES_PER_OFFICE)
    throw appError(
      "INVALID",
      `${officeName} would have ${count.toLocaleString("en-US")} entries; a knowledge base holds at most ${MAX_ENTRIES_PER_OFFICE.toLocaleString("en-US")}. Delete entries you no longer need first.`,
    );
}

export async function createEntry(
  ctx: MutationCtx,
  viewer: Viewer,
  args: EntryFields & { officeId: Id<"offices">; externalId?: string },
  now: number,
): Promise<Id<"knowledgeEntries">> {
  requireOfficeWrite(viewer, args.officeId, "knowledge.write");
  const fields = checked(args);
  const entries = await officeEntries(ctx, args.officeId);
  assertRoomFor(entries.length + 1);
  assertNewQuestion(entries, fields.question);
  const taken = new Set(entries.flatMap((e) => (e.externalId ? [e.externalId] : [])));
  const given = args.externalId?.trim() ? checkId(args.externalId) : null;
  if (given && !given.ok) throw appError("INVALID", sentence(given.reason));
  if (given && taken.has(given.value)) throw appError("CONFLICT", `Another entry already has the id "${given.value}".`);
  const externalId = given?.value ?? freshExternalId(taken, fields.question);
  const entry = { ...fields, officeId: args.officeId, externalId, updatedAt: now, updatedBy: viewer._id };
  return await ctx.db.insert("knowledgeEntries", { ...entry, searchText: searchTextOf(entry) });
}

export async function updateEntry(
  ctx: MutationCtx,
  viewer: Viewer,
  args: Partial<EntryFields> & { entryId: Id<"knowledgeEntries"> },
  now: number,
): Promise<void> {
  const entry = await writableEntry(ctx, viewer, args.entryId);
  const { entryId, ...changes } = args;
  const fields = checked({ ...entry, ...changes });
  if (questionKey(fields.question) !== questionKey(entry.question))
    assertNewQuestion(await officeEntries(ctx, entry.officeId), fields.question, entryId);
  const searchText = searchTextOf({ ...fields, externalId: entry.externalId });
  await ctx.db.patch("knowledgeEntries", entryId, {
    ...fields,
    searchText,
    updatedAt: now,
    updatedBy: viewer._id,
  });
}

export async function removeEntry(ctx: MutationCtx, viewer: Viewer, entryId: Id<"knowledgeEntries">): Promise<void> {
  await writableEntry(ctx, viewer, entryId);
  await ctx.db.delete("knowledgeEntries", entryId);
}

/** A page of entries in the file's shape, oldest first (the order an import created them). */
export async function exportPage(
  ctx: QueryCtx,
  viewer: Viewer,
  args: { officeId: Id<"offices">; paginationOpts: PaginationOptions },
) {
  requireOfficeRead(viewer, args.officeId);
  const page = await ctx.db
    .query("knowledgeEntries")
    .withIndex("by_officeId", (q) => q.eq("officeId", args.officeId))
    .paginate({ ...args.paginationOpts, numItems: Math.min(args.paginationOpts.numItems, 500) });
  return {
    ...page,
    page: page.page.map((e) => ({
      id: e.externalId ?? e._id,
      question: e.question,
      answer: e.answer,
      alternates: e.alternates,
      keywords: e.keywords,
    })),
  };
}
