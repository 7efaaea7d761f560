/** The knowledge base table: the entries the Virtual Assistant answers from. */
import { defineTable } from "convex/server";
import { v } from "convex/values";

export const knowledgeEntryFields = {
  officeId: v.id("offices"),
  question: v.string(),
  answer: v.string(),
  alternates: v.array(v.string()),
  keywords: v.array(v.string()),
  /** The entry's id in CSV files ("fafsa-deadline"): imports update the entry with the same id. */
  externalId: v.optional(v.string()),
  /** Question, alternates, keywords, answer and id together, for the page's search. */
  searchText: v.string(),
  updatedAt: v.number(),
  updatedBy: v.id("users"),
};

export const knowledgeBaseTables = {
  // Writes: Admin and Standard members of the office (knowledgeBase.*), the demo seed.
  // Reads: the Knowledge base page, the Virtual Assistant (every message it answers loads the office's entries).
  knowledgeEntries: defineTable(knowledgeEntryFields)
    .index("by_officeId", ["officeId"])
    .searchIndex("search_text", { searchField: "searchText", filterFields: ["officeId"] }),
};
