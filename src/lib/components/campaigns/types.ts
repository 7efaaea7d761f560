/** The Campaigns page's data shapes (from the backend's validators) and its tabs. */
import type { FunctionReturnType } from "convex/server";
import type { api } from "$convex/_generated/api";
import type { CampaignStatus, OperatedBy } from "$convex/validators";
import { canWriteIn, type ViewerData } from "$lib/state/viewer.svelte";

export type CampaignRow = FunctionReturnType<typeof api.campaigns.listByTab>["page"][number];
export type CampaignDetail = FunctionReturnType<typeof api.campaigns.get>;
export type CampaignId = CampaignRow["_id"];
export type Viewer = ViewerData;
export type CalendarMonth = FunctionReturnType<typeof api.campaigns.calendarMonth>;
export type CalendarCampaign = CalendarMonth["days"][number]["campaigns"][number];
/** What rescheduling and unscheduling need to know of a campaign (a table row or a calendar entry). */
export type SchedulableCampaign = { _id: CampaignId; title: string; scheduledAt?: number; timeZone: string };

/** The Campaigns page's tabs are the four statuses, in the guide's order. */
export type CampaignTab = CampaignStatus;

export const CAMPAIGN_TABS: readonly { id: CampaignTab; label: string; empty: string; emptyHint: string }[] = [
  {
    id: "active",
    label: "Active",
    empty: "No active campaigns",
    emptyHint: "Launched campaigns show here while they run, with the conversations that need attention.",
  },
  {
    id: "scheduled",
    label: "Scheduled",
    empty: "No scheduled campaigns",
    emptyHint: "Campaigns scheduled to launch later show here, soonest first.",
  },
  {
    id: "draft",
    label: "Draft",
    empty: "No drafts",
    emptyHint: "Campaigns that haven't launched show here until they're launched, scheduled or archived.",
  },
  {
    id: "archived",
    label: "Archived",
    empty: "No archived campaigns",
    emptyHint: "Campaigns that ended, were archived automatically, or were discarded as drafts show here.",
  },
];

/** The tab a `?tab=` value names; Active for anything else. */
export function parseTab(value: string | null): CampaignTab {
  return CAMPAIGN_TABS.some((t) => t.id === value) ? (value as CampaignTab) : "active";
}

export const OPERATED_BY_LABELS: Record<OperatedBy, string> = { agent: "Agent", va: "Virtual Assistant" };

export const STATUS_LABELS: Record<CampaignStatus, string> = {
  draft: "Draft",
  scheduled: "Scheduled",
  active: "Active",
  archived: "Archived",
};

export const STATUS_BADGES: Record<CampaignStatus, "neutral" | "accent" | "success" | "warning"> = {
  draft: "neutral",
  scheduled: "warning",
  active: "success",
  archived: "neutral",
};

export { canWriteIn };
