/**
 * `campaignTags`: one row per (campaign, tag) mirroring the campaign's office, status and
 * updatedAt, so the tag filter of each tab is an index range. Every campaign write calls
 * `syncCampaignTags`; `tag` holds the tag's key (see `tagKey`), the campaign keeps the spelling.
 */
import { stream } from "convex-helpers/server/stream";
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import schema from "../../schema";
import type { CampaignStatus } from "../../validators";
import { TAGS_MAX, tagKey } from "../shared/campaignRules";

/** Brings the campaign's tag rows in line with the campaign (call after every write to it). */
export async function syncCampaignTags(ctx: MutationCtx, campaign: Doc<"campaigns">): Promise<void> {
  const rows = await ctx.db
    .query("campaignTags")
    .withIndex("by_campaignId", (q) => q.eq("campaignId", campaign._id))
    .take(TAGS_MAX * 4);
  const wanted = new Set(campaign.tags.map(tagKey));
  const mirror = { officeId: campaign.officeId, status: campaign.status, updatedAt: campaign.updatedAt };
  for (const row of rows) {
    if (!wanted.delete(row.tag)) await ctx.db.delete("campaignTags", row._id);
    else if (row.officeId !== mirror.officeId || row.status !== mirror.status || row.updatedAt !== mirror.updatedAt)
      await ctx.db.patch("campaignTags", row._id, mirror);
  }
  for (const tag of wanted) await ctx.db.insert("campaignTags", { campaignId: campaign._id, tag, ...mirror });
}

/** The tags in use on one office's tab, as spelled on a campaign, at most `limit`. */
async function officeTags(ctx: QueryCtx, officeId: Id<"offices">, status: CampaignStatus, limit: number) {
  const rows = await stream(ctx.db, schema)
    .query("campaignTags")
    .withIndex("by_officeId_and_status_and_tag_and_updatedAt", (q) => q.eq("officeId", officeId).eq("status", status))
    .distinct(["tag"])
    .take(limit);
  const campaigns = await Promise.all(rows.map((row) => ctx.db.get("campaigns", row.campaignId)));
  return rows.map((row, i) => campaigns[i]?.tags.find((tag) => tagKey(tag) === row.tag) ?? row.tag);
}

/** The tag filter's choices: tags on the tab in these offices, one per key, sorted, at most `limit`. */
export async function tagOptions(
  ctx: QueryCtx,
  officeIds: Id<"offices">[],
  status: CampaignStatus,
  limit: number,
): Promise<string[]> {
  const byKey = new Map<string, string>();
  for (const officeId of officeIds)
    for (const tag of await officeTags(ctx, officeId, status, limit))
      if (!byKey.has(tagKey(tag))) byKey.set(tagKey(tag), tag);
  return [...byKey.values()].sort((a, b) => a.localeCompare(b)).slice(0, limit);
}
