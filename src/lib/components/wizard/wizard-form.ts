/**
 * The campaign wizard's form as plain data: what a draft's settings look like in the browser,
 * how they come from a saved campaign, which of them differ from what was last saved (the
 * "unsaved changes" state and the patch `campaigns.update` gets), and the wizard's steps.
 */
import type { Id } from "$convex/_generated/dataModel";
import type { OperatedBy, ReadinessField, VaFallback } from "$convex/validators";
import type { CampaignDetail } from "$lib/components/campaigns/types";

export type WizardForm = {
  title: string;
  officeId: Id<"offices"> | null;
  tags: string[];
  listId: Id<"contactLists"> | null;
  message: string;
  operatedBy: OperatedBy;
  vaFallback: VaFallback;
  vaSetReply: string;
  numberId: Id<"phoneNumbers"> | null;
  inboxUserIds: Id<"users">[];
  inboxOfficeIds: Id<"offices">[];
  autoArchiveDays: number;
};

export const STEPS = [
  { id: "details", label: "Details" },
  { id: "audience", label: "Audience" },
  { id: "message", label: "Message" },
  { id: "operation", label: "Operated by" },
  { id: "number", label: "Phone number" },
  { id: "inboxes", label: "Inboxes" },
  { id: "launch", label: "Launch" },
] as const;
export type StepId = (typeof STEPS)[number]["id"];

/** The step where the setting a readiness reason is about is edited. */
export const FIELD_STEP: Record<ReadinessField, StepId> = {
  title: "details",
  office: "details",
  list: "audience",
  message: "message",
  vaSetReply: "operation",
  number: "number",
  inboxes: "inboxes",
  autoArchiveDays: "inboxes",
};

/** The steps that have something stopping the launch, with how many reasons each. */
export function stepsToFix(reasons: readonly { field: ReadinessField }[]): Map<StepId, number> {
  const counts = new Map<StepId, number>();
  for (const { field } of reasons) counts.set(FIELD_STEP[field], (counts.get(FIELD_STEP[field]) ?? 0) + 1);
  return counts;
}

/** The step named in the URL, or the first one. */
export function parseStep(value: string | null): StepId {
  return STEPS.find((s) => s.id === value)?.id ?? "details";
}

/** A new campaign's form: the backend's defaults (agent, escalate, the office's inbox, 7 days). */
export function emptyForm(officeId: Id<"offices"> | null): WizardForm {
  return {
    title: "",
    officeId,
    tags: [],
    listId: null,
    message: "",
    operatedBy: "agent",
    vaFallback: "escalate",
    vaSetReply: "",
    numberId: null,
    inboxUserIds: [],
    inboxOfficeIds: officeId ? [officeId] : [],
    autoArchiveDays: 7,
  };
}

export function formFromDetail(c: CampaignDetail): WizardForm {
  return {
    title: c.title,
    officeId: c.office._id,
    tags: [...c.tags],
    listId: c.list?._id ?? null,
    message: c.message,
    operatedBy: c.operatedBy,
    vaFallback: c.vaFallback,
    vaSetReply: c.vaSetReply,
    numberId: c.number?._id ?? null,
    inboxUserIds: c.inboxes.users.map((u) => u._id),
    inboxOfficeIds: c.inboxes.offices.map((o) => o._id),
    autoArchiveDays: c.autoArchiveDays,
  };
}

/** What `campaigns.update` takes (office included); inboxes travel as one object. */
export type SettingsPatch = Partial<Omit<WizardForm, "inboxUserIds" | "inboxOfficeIds" | "officeId">> & {
  officeId?: Id<"offices">;
  inboxes?: { userIds: Id<"users">[]; officeIds: Id<"offices">[] };
};

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The settings of `form` that differ from `saved`, as an update patch (empty when nothing changed). */
export function changes(saved: WizardForm, form: WizardForm): SettingsPatch {
  const patch: SettingsPatch = {};
  const simple = ["title", "tags", "listId", "message", "operatedBy", "vaFallback", "vaSetReply", "numberId"] as const;
  for (const key of simple) if (!same(saved[key], form[key])) Object.assign(patch, { [key]: form[key] });
  if (!same(saved.autoArchiveDays, form.autoArchiveDays)) patch.autoArchiveDays = form.autoArchiveDays;
  if (form.officeId !== null && saved.officeId !== form.officeId) patch.officeId = form.officeId;
  if (!same(saved.inboxUserIds, form.inboxUserIds) || !same(saved.inboxOfficeIds, form.inboxOfficeIds))
    patch.inboxes = { userIds: form.inboxUserIds, officeIds: form.inboxOfficeIds };
  return patch;
}

/** Whether the form has anything not yet saved. */
export function isDirty(saved: WizardForm, form: WizardForm): boolean {
  return Object.keys(changes(saved, form)).length > 0;
}

/** Tags typed as "a, b, c": trimmed, empty ones dropped, duplicates (ignoring case) once. */
export function parseTags(text: string): string[] {
  const seen = new Set<string>();
  return text
    .split(",")
    .map((t) => t.trim())
    .filter((t) => t !== "" && !seen.has(t.toLowerCase()) && seen.add(t.toLowerCase()));
}
