/**
 * The campaign wizard's state, shared by its steps through context: the form, what was last
 * saved (so "unsaved changes" is exact, and a save sends only what changed), the launch choice
 * (now or a date and time in a zone), and saving a draft (create the first time, update after).
 */
import { createContext } from "svelte";
import type { CalendarDate, Time } from "@internationalized/date";
import type { ConvexClient } from "convex/browser";
import { api } from "$convex/_generated/api";
import type { Id } from "$convex/_generated/dataModel";
import type { CampaignStatus } from "$convex/validators";
import type { CampaignDetail } from "$lib/components/campaigns/types";
import { fromInstant } from "./schedule-time";
import { changes, emptyForm, formFromDetail, isDirty, type WizardForm } from "./wizard-form";

/** A problem with what was typed, found before anything is sent: its message is for the person. */
export class WizardInputError extends Error {}

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

export class WizardState {
  campaignId = $state<Id<"campaigns"> | null>(null);
  status = $state<CampaignStatus>("draft");
  form = $state<WizardForm>(emptyForm(null));
  saved = $state<WizardForm>(emptyForm(null));
  launchMode = $state<"now" | "schedule">("now");
  scheduleDate = $state<CalendarDate | undefined>(undefined);
  scheduleTime = $state<Time | undefined>(undefined);
  timeZone = $state(browserZone());
  saving = $state(false);
  readonly dirty = $derived(isDirty(this.saved, this.form));

  constructor(private readonly client: ConvexClient) {}

  /** A new campaign in `officeId`. */
  start(officeId: Id<"offices"> | null): void {
    this.form = emptyForm(officeId);
    this.saved = emptyForm(officeId);
  }

  /** A saved campaign's settings, its zone, and its launch time when it is scheduled. */
  load(detail: CampaignDetail): void {
    this.campaignId = detail._id;
    this.status = detail.status;
    this.form = formFromDetail(detail);
    this.saved = formFromDetail(detail);
    this.timeZone = detail.timeZone;
    if (detail.scheduledAt !== undefined) {
      const at = fromInstant(detail.scheduledAt, detail.timeZone);
      this.launchMode = "schedule";
      this.scheduleDate = at.date;
      this.scheduleTime = at.time;
    }
  }

  /** Saves the draft; returns its id (new the first time). Throws the backend's refusal. */
  async save(): Promise<Id<"campaigns">> {
    this.saving = true;
    try {
      const snapshot = $state.snapshot(this.form) as WizardForm;
      if (!Number.isInteger(snapshot.autoArchiveDays))
        throw new WizardInputError("Enter the number of days after which the campaign archives itself (1–180).");
      if (this.campaignId === null) {
        if (snapshot.officeId === null) throw new WizardInputError("Choose an office first.");
        const { officeId, ...patch } = changes(emptyForm(snapshot.officeId), snapshot);
        void officeId;
        this.campaignId = await this.client.mutation(api.campaigns.create, {
          ...patch,
          officeId: snapshot.officeId,
          timeZone: this.timeZone,
        });
      } else {
        const patch = changes(this.saved, snapshot);
        if (Object.keys(patch).length > 0)
          await this.client.mutation(api.campaigns.update, { campaignId: this.campaignId, ...patch });
      }
      this.saved = snapshot;
      return this.campaignId;
    } finally {
      this.saving = false;
    }
  }

  /** A number the backend attached by itself (a provisioned single-use number) counts as saved. */
  attachNumber(numberId: Id<"phoneNumbers">): void {
    this.form.numberId = numberId;
    this.saved = { ...this.saved, numberId };
  }
}

export const [getWizard, setWizard] = createContext<WizardState>();
