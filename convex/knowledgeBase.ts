/**
 * The Virtual Assistant's knowledge base, per office: browse and search (list, get), edit
 * (create, update, remove), CSV import and export (importCsv, exportRows), and "Try it"
 * (tryMessage). Members of an office and "view other offices" users read; Admin and Standard
 * members write ("knowledge.write"). Rules in `model/knowledge*.ts`, matching in `model/assistant/match.ts`.
 */
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { v } from "convex/values";
import { internal } from "./_generated/api";
import { internalAction, internalQuery } from "./_generated/server";
import { viewerMutation, viewerQuery } from "./functions";
import {
  createEntry,
  entryRow,
  exportPage,
  listEntries,
  officeEntries,
  readableEntry,
  removeEntry,
  updateEntry,
} from "./model/assistant/knowledgeBase";
import { importRows } from "./model/assistant/knowledgeImport";
import { tryMessage as tryOne, type VaEntry } from "./model/assistant/answerer";
import { vaProvider } from "./model/assistant/providers";
import {
  vKnowledgeAnswer,
  vKnowledgeCsvRow,
  vKnowledgeEntry,
  vKnowledgeExportRow,
  vKnowledgeFields,
  vKnowledgeImportResult,
  vKnowledgeTryResult,
  type KnowledgeAnswer,
} from "./validators";

/** An office's entries, newest first, or the best matches of `search`. At most 100 a page. */
export const list = viewerQuery({
  args: { officeId: v.id("offices"), search: v.optional(v.string()), paginationOpts: paginationOptsValidator },
  returns: paginationResultValidator(vKnowledgeEntry),
  handler: async (ctx, args) => await listEntries(ctx, ctx.viewer, args),
});

/** One entry; null when it no longer exists. */
export const get = viewerQuery({
  args: { entryId: v.id("knowledgeEntries") },
  returns: v.union(vKnowledgeEntry, v.null()),
  handler: async (ctx, { entryId }) => {
    const entry = await readableEntry(ctx, ctx.viewer, entryId);
    return entry === null ? null : entryRow(entry);
  },
});

/** Adds an entry; `externalId` (its id in files) is made from the question when not given. */
export const create = viewerMutation({
  args: { officeId: v.id("offices"), ...vKnowledgeFields, externalId: v.optional(v.string()) },
  returns: v.id("knowledgeEntries"),
  handler: async (ctx, args) => await createEntry(ctx, ctx.viewer, args, Date.now()),
});

/** Changes the fields given. */
export const update = viewerMutation({
  args: {
    entryId: v.id("knowledgeEntries"),
    question: v.optional(v.string()),
    answer: v.optional(v.string()),
    alternates: v.optional(v.array(v.string())),
    keywords: v.optional(v.array(v.string())),
  },
  returns: v.null(),
  handler: async (ctx, args) => {
    await updateEntry(ctx, ctx.viewer, args, Date.now());
    return null;
  },
});

export const remove = viewerMutation({
  args: { entryId: v.id("knowledgeEntries") },
  returns: v.null(),
  handler: async (ctx, { entryId }) => {
    await removeEntry(ctx, ctx.viewer, entryId);
    return null;
  },
});

/** Imports up to 500 CSV rows, all or nothing: `errors` lists the rows that can't be imported, and then nothing was. */
export const importCsv = viewerMutation({
  args: { officeId: v.id("offices"), rows: v.array(vKnowledgeCsvRow) },
  returns: vKnowledgeImportResult,
  handler: async (ctx, args) => await importRows(ctx, ctx.viewer, args, Date.now()),
});

/** A page (≤ 500) of entries in the file's shape, oldest first: the page writes id,question,answer,alternates,keywords. */
export const exportRows = viewerQuery({
  args: { officeId: v.id("offices"), paginationOpts: paginationOptsValidator },
  returns: paginationResultValidator(vKnowledgeExportRow),
  handler: async (ctx, args) => await exportPage(ctx, ctx.viewer, args),
});

/** What the assistant would answer to `message` (and whether it reads as a yes or a no). */
export const tryMessage = viewerQuery({
  args: { officeId: v.id("offices"), message: v.string() },
  returns: vKnowledgeTryResult,
  handler: async (ctx, args) => await tryOne(ctx, ctx.viewer, args),
});

// ---- for a provider-backed assistant (actions only) ----

export const entriesForAssistant = internalQuery({
  args: { officeId: v.id("offices") },
  returns: v.array(v.object({ _id: v.id("knowledgeEntries"), ...vKnowledgeFields })),
  handler: async (ctx, { officeId }) =>
    (await officeEntries(ctx, officeId)).map(({ _id, question, answer, alternates, keywords }) => ({
      _id,
      question,
      answer,
      alternates,
      keywords,
    })),
});

/** The configured provider's answer (the language model when VA_LLM_* are set, else the knowledge matcher). */
export const answerWithProvider = internalAction({
  args: { officeId: v.id("offices"), message: v.string() },
  returns: vKnowledgeAnswer,
  handler: async (ctx, { officeId, message }): Promise<KnowledgeAnswer> => {
    const entries: VaEntry[] = await ctx.runQuery(internal.knowledgeBase.entriesForAssistant, { officeId });
    return await vaProvider().answer(message, entries);
  },
});
