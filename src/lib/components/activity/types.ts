/** The console's data shapes, from the backend's validators. */
import type { FunctionReturnType } from "convex/server";
import type { api } from "$convex/_generated/api";

export type ConversationRow = FunctionReturnType<typeof api.conversations.activity>["page"][number];
export type ConversationDetail = FunctionReturnType<typeof api.conversations.get>;
export type ThreadMessage = FunctionReturnType<typeof api.conversations.thread>["page"][number];
export type PresenceRow = FunctionReturnType<typeof api.presence.conversation>[number];
export type PaginationStatus = "LoadingFirstPage" | "CanLoadMore" | "LoadingMore" | "Exhausted";

/** One list of the console: an Activity section or an inbox list, over a paginated query. */
export type SectionSpec = {
  id: string;
  title: string;
  testId: string;
  rows: readonly ConversationRow[];
  status: PaginationStatus;
  error: Error | undefined;
  /** How many there are in all when known (Activity's section counts), else null. */
  total: number | null;
  hidden: boolean;
  loadMore: () => void;
};

/** Row height of every conversation list (the virtual list needs one fixed height). */
export const ROW_HEIGHT = 76;
