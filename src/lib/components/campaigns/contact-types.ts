/** The Contacts tab's rows: a list entry and the campaign's text to that contact. */
import type { FunctionReturnType } from "convex/server";
import type { api } from "$convex/_generated/api";

export type ContactEntry = FunctionReturnType<typeof api.contactLists.entries>["page"][number];
export type ContactStatus = FunctionReturnType<typeof api.contacts.campaignStatus>[number];
