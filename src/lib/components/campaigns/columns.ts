/** The columns of each Campaigns tab (the Active tab's are the user guide's, in its order). */
import type { CampaignTab } from "./types";

export type ColumnId =
  | "title"
  | "office"
  | "number"
  | "list"
  | "operatedBy"
  | "tags"
  | "updatedAt"
  | "launchedAt"
  | "scheduledAt"
  | "archivedAt"
  | "actions";

export const COLUMN_LABELS: Record<ColumnId, string> = {
  title: "Title",
  office: "Office",
  number: "Phone Number",
  list: "Contact List",
  operatedBy: "Operated By",
  tags: "Tags",
  updatedAt: "Last updated",
  launchedAt: "Launched Date",
  scheduledAt: "Scheduled for",
  archivedAt: "Archived",
  actions: "Actions",
};

export const TAB_COLUMNS: Record<CampaignTab, readonly ColumnId[]> = {
  active: ["title", "office", "number", "list", "operatedBy", "tags", "updatedAt", "launchedAt", "actions"],
  scheduled: ["title", "office", "number", "list", "operatedBy", "tags", "scheduledAt", "actions"],
  draft: ["title", "office", "number", "list", "operatedBy", "tags", "updatedAt", "actions"],
  archived: ["title", "office", "number", "list", "tags", "launchedAt", "archivedAt", "actions"],
};
