/** The Phone numbers page's data shapes (from the backend's validators). */
import type { FunctionReturnType } from "convex/server";
import type { api } from "$convex/_generated/api";
import type { OperatedBy, UnsolicitedSettings } from "$convex/validators";

export type NumberRow = FunctionReturnType<typeof api.numbers.list>[number];
export type NumberDetail = NonNullable<FunctionReturnType<typeof api.numbers.get>>;
export type { UnsolicitedSettings };

export const HANDLED_BY_LABELS: Record<OperatedBy, string> = { agent: "Agents", va: "Virtual Assistant" };

/** "Virtual Assistant, then 2 inboxes" — a short summary for the table. */
export function unsolicitedSummary(settings: UnsolicitedSettings): string {
  const inboxes = settings.inboxes.userIds.length + settings.inboxes.officeIds.length;
  return `${HANDLED_BY_LABELS[settings.handledBy]} · ${inboxes} inbox${inboxes === 1 ? "" : "es"}`;
}
