/** Tables of contacts and contact lists: the organization's contacts, lists, their entries and rejected rows. */
import { defineTable } from "convex/server";
import { v } from "convex/values";
import { vListStatus, vOptedOutVia } from "../validation/shared";

export const contactFields = {
  phone: v.string(), // E.164
  optedOut: v.boolean(),
  optedOutAt: v.optional(v.number()),
  optedOutVia: v.optional(vOptedOutVia),
};

export const contactListFields = {
  officeId: v.id("offices"),
  name: v.string(),
  tags: v.array(v.string()),
  /** Custom columns (everything but first name, last name, phone), in file order: merge fields. */
  columns: v.array(v.string()),
  status: vListStatus,
  /** Entries (unique phones) in the list. */
  contactCount: v.number(),
  duplicateCount: v.number(),
  rejectedCount: v.number(),
  /** Batches of the running import already stored, so an interrupted upload resumes. */
  importedBatches: v.number(),
  /** Set once a campaign using the list has launched: the list can no longer be deleted. */
  lockedByLaunch: v.boolean(),
  /**
   * The longest value each merge field has had on the list (`columns` parallel to `columns`),
   * kept by imports, hand edits and clones so readiness can bound a text's merged length
   * (`model/shared/mergeLengths.ts`). Absent on lists made before it existed: unknown.
   */
  maxLengths: v.optional(
    v.object({ firstName: v.number(), lastName: v.number(), phone: v.number(), columns: v.array(v.number()) }),
  ),
  createdBy: v.id("users"),
  updatedAt: v.number(),
};

export const listEntryFields = {
  listId: v.id("contactLists"),
  contactId: v.id("contacts"),
  phone: v.string(),
  firstName: v.string(),
  lastName: v.string(),
  /** Custom column values by column name (strings as in the file). */
  fields: v.record(v.string(), v.string()),
  /** Spreadsheet row number (header = 1) the entry came from. */
  row: v.number(),
  /** First name, last name and phone (several spellings) for search. */
  searchText: v.string(),
};

export const listRejectionFields = { listId: v.id("contactLists"), row: v.number(), reason: v.string() };

export const contactTables = {
  // Writes: list imports (first sight of a phone), opt-outs (messaging), admins lifting them.
  // Reads: sends (never to an opted-out contact), list entries, the Contacts tab.
  // One record per phone number in the organization; opt-out is organization-wide.
  contacts: defineTable(contactFields).index("by_phone", ["phone"]),
  // Writes: list imports and edits (Admin, Standard). Reads: lists pages, campaign wizard, sends.
  contactLists: defineTable(contactListFields)
    .index("by_officeId_and_updatedAt", ["officeId", "updatedAt"])
    .searchIndex("search_name", { searchField: "name", filterFields: ["officeId"] }),
  // Writes: list imports and edits. Reads: sends, the Contacts tab, merge-field previews.
  listEntries: defineTable(listEntryFields)
    // Kept beside by_listId_and_phone for its order: entries as they were imported (Contacts tab, copies).
    // eslint-disable-next-line @convex-dev/no-duplicate-indexes
    .index("by_listId", ["listId"])
    .index("by_listId_and_phone", ["listId", "phone"])
    .index("by_contactId", ["contactId"])
    .searchIndex("search_text", { searchField: "searchText", filterFields: ["listId"] }),
  // Writes: list imports. Reads: the rejected-rows report (downloadable CSV).
  listRejections: defineTable(listRejectionFields).index("by_listId_and_row", ["listId", "row"]),
};
