/** The Virtual Assistant's knowledge base: entries, CSV import and export, and answers. */
import { omit, pick } from "convex-helpers";
import { literals } from "convex-helpers/validators";
import { v, type Infer } from "convex/values";
import { knowledgeEntryFields } from "../tables/knowledgeBase";

/** An entry as the Knowledge base page shows it. */
export const vKnowledgeEntry = v.object({
  _id: v.id("knowledgeEntries"),
  ...omit(knowledgeEntryFields, ["searchText", "updatedBy"]),
});
export type KnowledgeEntry = Infer<typeof vKnowledgeEntry>;

/** The fields a person edits. */
export const vKnowledgeFields = pick(knowledgeEntryFields, ["question", "answer", "alternates", "keywords"]);

/** One CSV row as read by the page (cells as in the file), with its spreadsheet row number. */
export const vKnowledgeCsvRow = v.object({
  row: v.number(),
  id: v.string(),
  question: v.string(),
  answer: v.string(),
  alternates: v.string(),
  keywords: v.string(),
});

export const vKnowledgeImportResult = v.object({
  created: v.number(),
  updated: v.number(),
  unchanged: v.number(),
  /** Rows that can't be imported; when any, nothing of this call was written. */
  errors: v.array(v.object({ row: v.number(), reason: v.string() })),
});
export type KnowledgeImportResult = Infer<typeof vKnowledgeImportResult>;

/** An entry in the file format: id,question,answer,alternates,keywords. */
export const vKnowledgeExportRow = v.object({ id: v.string(), ...vKnowledgeFields });

/** What the assistant would do with a message ("Try it"). */
export const vKnowledgeTryResult = v.object({
  yesNo: literals("yes", "no", "other"),
  result: v.union(
    v.object({
      kind: v.literal("answer"),
      entryId: v.id("knowledgeEntries"),
      question: v.string(),
      answer: v.string(),
      confidence: v.number(),
    }),
    v.object({
      kind: v.literal("unknown"),
      reason: v.string(),
      closest: v.optional(
        v.object({ entryId: v.id("knowledgeEntries"), question: v.string(), confidence: v.number() }),
      ),
    }),
  ),
});
export type KnowledgeTryResult = Infer<typeof vKnowledgeTryResult>;

/** The assistant's answer to a message from a knowledge base: the entry's answer, or why it doesn't know. */
export const vKnowledgeAnswer = v.union(
  v.object({ kind: v.literal("answer"), text: v.string(), entryId: v.id("knowledgeEntries") }),
  v.object({ kind: v.literal("unknown"), reason: v.string() }),
);
export type KnowledgeAnswer = Infer<typeof vKnowledgeAnswer>;
