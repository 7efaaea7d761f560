/**
 * The campaign a campaign view (`/campaigns/[campaignId]/…`) shows, provided by its layout to the
 * tabs (Activity, General, Contacts, Analytics). The layout renders a tab only once the campaign
 * has loaded, so `campaign` is always there for them, and it stays live (`campaigns.get`).
 */
import { createContext } from "svelte";
import type { CampaignDetail } from "./types";

export class CampaignView {
  #read: () => CampaignDetail;

  constructor(read: () => CampaignDetail) {
    this.#read = read;
  }

  /** Every setting of the campaign, with names resolved, as `campaigns.get` returns it now. */
  get campaign(): CampaignDetail {
    return this.#read();
  }
}

export const [getCampaignView, setCampaignView] = createContext<CampaignView>();
