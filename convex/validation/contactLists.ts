/** Contact lists (contactLists.ts): summaries, CSV imports and the Contacts tab's rows. */
import { omit, pick } from "convex-helpers";
import { systemFields } from "convex-helpers/validators";
import { v, type Infer } from "convex/values";
import { contactListFields, listEntryFields, listRejectionFields } from "../tables/contacts";

/**
 * A list as the Lists page, the wizard and `contactLists.get` show it: the document without its
 * merge fields' lengths. `columns` are also the keys of every entry's `fields`.
 */
export const vContactListSummary = v.object({
  ...systemFields("contactLists"),
  ...omit(contactListFields, ["maxLengths"]),
});
export type ContactListSummary = Infer<typeof vContactListSummary>;

/** One accepted CSV row as the uploader sends it; `fields` is keyed by the list's column names. */
export const vImportEntry = v.object(pick(listEntryFields, ["row", "phone", "firstName", "lastName", "fields"]));
export type ImportEntry = Infer<typeof vImportEntry>;

/** A CSV row that was not imported, with the reason in plain words. */
export const vRejectedRow = v.object(pick(listRejectionFields, ["row", "reason"]));
export type RejectedRowValue = Infer<typeof vRejectedRow>;

/** Where an import stands after a batch: what the uploader resumes from. */
export const vImportProgress = v.object(pick(contactListFields, ["importedBatches", "contactCount", "duplicateCount"]));
export type ImportProgress = Infer<typeof vImportProgress>;

/** One contact of a list as the Contacts tab shows it. `row` is 0 for contacts added by hand. */
export const vListEntryRow = v.object({
  ...systemFields("listEntries"),
  ...omit(listEntryFields, ["listId", "searchText"]),
  optedOut: v.boolean(),
});
export type ListEntryRow = Infer<typeof vListEntryRow>;
