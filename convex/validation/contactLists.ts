/** Contact lists (contactLists.ts): summaries, CSV imports and the Contacts tab's rows. */
import { v, type Infer } from "convex/values";

export const vListStatus = v.union(v.literal("importing"), v.literal("ready"));
export type ListStatus = Infer<typeof vListStatus>;

/** A list as the Lists page, the wizard and `contactLists.get` show it. */
export const vContactListSummary = v.object({
  _id: v.id("contactLists"),
  _creationTime: v.number(),
  officeId: v.id("offices"),
  name: v.string(),
  tags: v.array(v.string()),
  /** Custom columns, in file order: merge fields, and keys of every entry's `fields`. */
  columns: v.array(v.string()),
  status: vListStatus,
  contactCount: v.number(),
  duplicateCount: v.number(),
  rejectedCount: v.number(),
  importedBatches: v.number(),
  lockedByLaunch: v.boolean(),
  createdBy: v.id("users"),
  updatedAt: v.number(),
});
export type ContactListSummary = Infer<typeof vContactListSummary>;

/** One accepted CSV row as the uploader sends it; `fields` is keyed by the list's column names. */
export const vImportEntry = v.object({
  row: v.number(),
  phone: v.string(),
  firstName: v.string(),
  lastName: v.string(),
  fields: v.record(v.string(), v.string()),
});
export type ImportEntry = Infer<typeof vImportEntry>;

/** A CSV row that was not imported, with the reason in plain words. */
export const vRejectedRow = v.object({ row: v.number(), reason: v.string() });
export type RejectedRowValue = Infer<typeof vRejectedRow>;

/** Where an import stands after a batch: what the uploader resumes from. */
export const vImportProgress = v.object({
  importedBatches: v.number(),
  contactCount: v.number(),
  duplicateCount: v.number(),
});
export type ImportProgress = Infer<typeof vImportProgress>;

/** One contact of a list as the Contacts tab shows it. `row` is 0 for contacts added by hand. */
export const vListEntryRow = v.object({
  _id: v.id("listEntries"),
  _creationTime: v.number(),
  contactId: v.id("contacts"),
  phone: v.string(),
  firstName: v.string(),
  lastName: v.string(),
  fields: v.record(v.string(), v.string()),
  row: v.number(),
  optedOut: v.boolean(),
});
export type ListEntryRow = Infer<typeof vListEntryRow>;
