/** A launched campaign's fan-out, batch by batch (internal: `campaigns.afterLaunch` starts it). */
import { v } from "convex/values";
import { internalMutation } from "./_generated/server";
import { fanOutBatch } from "./model/sending/fanOut";

export const batch = internalMutation({
  args: { campaignId: v.id("campaigns"), cursor: v.union(v.string(), v.null()) },
  returns: v.null(),
  handler: async (ctx, { campaignId, cursor }) => {
    await fanOutBatch(ctx, campaignId, cursor, Date.now());
    return null;
  },
});
