/**
 * Campaign documents: who may read or write one, creating, editing and cloning drafts, and the one
 * write path (`saveCampaign`) that stamps `updatedAt` and keeps `campaignTags` in step. Status
 * changes (schedule, launch, end, …) are in `lifecycle.ts`.
 */
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { Inboxes } from "../../validators";
import { requireOfficeRead, requireOfficeWrite, type Viewer } from "../organization/auth";
import { requireNumberInOffice } from "./numbers";
import { canUseInbox } from "../organization/users";
import { campaignReadiness } from "./readiness";
import {
  AUTO_ARCHIVE_DAYS,
  INBOX_USERS_MAX,
  TITLE_MAX,
  checkSettings,
  cleanTitle,
  normalizeTags,
  requireEditable,
  type Setting,
} from "../shared/campaignRules";
import { rescheduleAutoArchive } from "./jobs";
import { syncCampaignTags } from "./tags";
import { appError } from "../shared/errors";
import { canonicalTimeZone } from "../shared/timeZones";

/** The settings `create` and `update` accept (see `campaignSettings` in validation/campaigns.ts). */
export type SettingsInput = {
  officeId?: Id<"offices">;
  title?: string;
  tags?: string[];
  listId?: Id<"contactLists"> | null;
  message?: string;
  operatedBy?: Doc<"campaigns">["operatedBy"];
  vaFallback?: Doc<"campaigns">["vaFallback"];
  vaSetReply?: string;
  numberId?: Id<"phoneNumbers"> | null;
  inboxes?: Inboxes;
  autoArchiveDays?: number;
  timeZone?: string;
};
type Patch = Partial<Omit<Doc<"campaigns">, "_id" | "_creationTime">>;

const NOT_FOUND = "That campaign doesn't exist any more. Refresh the list.";

export async function requireCampaign(ctx: QueryCtx, campaignId: Id<"campaigns">): Promise<Doc<"campaigns">> {
  const campaign = await ctx.db.get("campaigns", campaignId);
  if (campaign === null) throw appError("NOT_FOUND", NOT_FOUND);
  return campaign;
}

/** The campaign if the viewer may read its office. */
export async function readableCampaign(ctx: QueryCtx, viewer: Viewer, campaignId: Id<"campaigns">) {
  const campaign = await requireCampaign(ctx, campaignId);
  requireOfficeRead(viewer, campaign.officeId);
  return campaign;
}

/** The campaign if the viewer may change campaigns of its office. */
export async function writableCampaign(ctx: QueryCtx, viewer: Viewer, campaignId: Id<"campaigns">) {
  const campaign = await requireCampaign(ctx, campaignId);
  requireOfficeWrite(viewer, campaign.officeId, "campaigns.write");
  return campaign;
}

/** The one write path: patches, stamps updatedAt, mirrors tags. Returns the saved campaign. */
export async function saveCampaign(ctx: MutationCtx, campaign: Doc<"campaigns">, patch: Patch, now: number) {
  await ctx.db.patch("campaigns", campaign._id, { ...patch, updatedAt: now });
  const saved = { ...campaign, ...patch, updatedAt: now };
  for (const key of Object.keys(patch) as (keyof Patch)[]) if (patch[key] === undefined) delete saved[key];
  await syncCampaignTags(ctx, saved);
  return saved;
}

/** Inboxes without repeats; people must be active members of the office, office inboxes the office's own. */
async function cleanInboxes(ctx: QueryCtx, inboxes: Inboxes, officeId: Id<"offices">): Promise<Inboxes> {
  const userIds = [...new Set(inboxes.userIds)];
  const officeIds = [...new Set(inboxes.officeIds)];
  if (userIds.length > INBOX_USERS_MAX)
    throw appError("INVALID", `Choose at most ${INBOX_USERS_MAX} personal inboxes.`);
  if (officeIds.some((id) => id !== officeId))
    throw appError("INVALID", "Only the campaign's own office inbox can receive its replies.");
  const users = await Promise.all(userIds.map((id) => ctx.db.get("users", id)));
  if (users.some((user) => !canUseInbox(user, officeId)))
    throw appError(
      "INVALID",
      "Some chosen people aren't active members of this office. Choose people from the office.",
    );
  return { userIds, officeIds };
}

/** Settings as stored, each checked against the campaign's office. Only the given ones are returned. */
async function cleanSettings(ctx: QueryCtx, input: SettingsInput, officeId: Id<"offices">): Promise<Patch> {
  checkSettings(input);
  const patch: Patch = {};
  const { title, tags, listId, numberId, inboxes, timeZone, officeId: _office, ...plain } = input;
  Object.assign(patch, Object.fromEntries(Object.entries(plain).filter(([, value]) => value !== undefined)));
  if (title !== undefined) patch.title = cleanTitle(title);
  if (tags !== undefined) patch.tags = normalizeTags(tags);
  if (inboxes !== undefined) patch.inboxes = await cleanInboxes(ctx, inboxes, officeId);
  if (listId !== undefined) {
    const list = listId === null ? null : await ctx.db.get("contactLists", listId);
    if (listId !== null && (list === null || list.officeId !== officeId))
      throw appError("NOT_FOUND", "That contact list doesn't exist or isn't one of this office's lists.");
    patch.listId = listId ?? undefined;
  }
  if (numberId !== undefined)
    patch.numberId = numberId === null ? undefined : (await requireNumberInOffice(ctx, numberId, officeId))._id;
  if (timeZone !== undefined) patch.timeZone = requireTimeZone(timeZone);
  return patch;
}

export function requireTimeZone(timeZone: string): string {
  const zone = canonicalTimeZone(timeZone);
  if (zone === null)
    throw appError("INVALID", `"${timeZone.slice(0, 60)}" isn't a time zone. Choose one from the list.`);
  return zone;
}

/** A new draft in the viewer's office, with the product's defaults for anything not given. */
export async function createCampaign(
  ctx: MutationCtx,
  viewer: Viewer,
  input: SettingsInput & { officeId: Id<"offices">; timeZone: string },
  now: number,
): Promise<Id<"campaigns">> {
  requireOfficeWrite(viewer, input.officeId, "campaigns.write");
  if ((await ctx.db.get("offices", input.officeId)) === null)
    throw appError("NOT_FOUND", "That office doesn't exist any more.");
  const settings = await cleanSettings(ctx, input, input.officeId);
  const campaign = {
    ...{ title: "", tags: [], message: "", operatedBy: "agent", vaFallback: "escalate", vaSetReply: "" },
    ...{ inboxes: { userIds: [], officeIds: [input.officeId] }, autoArchiveDays: AUTO_ARCHIVE_DAYS.default },
    ...settings,
    ...{ officeId: input.officeId, timeZone: requireTimeZone(input.timeZone), status: "draft" as const },
    ...{ createdBy: viewer._id, updatedAt: now },
  } satisfies Omit<Doc<"campaigns">, "_id" | "_creationTime">;
  const campaignId = await ctx.db.insert("campaigns", campaign);
  await syncCampaignTags(ctx, { ...campaign, _id: campaignId, _creationTime: now });
  return campaignId;
}

/** The settings whose stored value the patch changes (a form may resend unchanged values). */
function changedSettings(campaign: Doc<"campaigns">, patch: Patch): Setting[] {
  return (Object.keys(patch) as Setting[]).filter(
    (key) => JSON.stringify(patch[key as keyof Patch] ?? null) !== JSON.stringify(campaign[key] ?? null),
  );
}

/** A new office resets the choices that belong to the old one, unless the same update makes new ones. */
async function officeChange(ctx: QueryCtx, viewer: Viewer, campaign: Doc<"campaigns">, input: SettingsInput) {
  const officeId = input.officeId ?? campaign.officeId;
  if (officeId === campaign.officeId) return { officeId, input };
  requireOfficeWrite(viewer, officeId, "campaigns.write");
  if ((await ctx.db.get("offices", officeId)) === null)
    throw appError("NOT_FOUND", "That office doesn't exist any more.");
  const reset = { listId: null, numberId: null, inboxes: { userIds: [], officeIds: [officeId] } };
  return { officeId, input: { ...reset, ...input } };
}

/**
 * Edits a campaign. Drafts take anything; a scheduled campaign must stay ready to launch
 * (unschedule it to edit freely); after launch only `EDITABLE_AFTER_LAUNCH` may change, and those
 * must stay valid; archived campaigns are read-only.
 */
export async function updateCampaign(
  ctx: MutationCtx,
  viewer: Viewer,
  campaignId: Id<"campaigns">,
  raw: SettingsInput,
  now: number,
): Promise<void> {
  const campaign = await writableCampaign(ctx, viewer, campaignId);
  const { officeId, input } = await officeChange(ctx, viewer, campaign, raw);
  const patch: Patch = { officeId, ...(await cleanSettings(ctx, input, officeId)) };
  const changed = changedSettings(campaign, patch);
  requireEditable(campaign.status, changed);
  if (changed.length === 0) return;
  const next = { ...campaign, ...patch } as Doc<"campaigns">;
  if (patch.listId === undefined && "listId" in patch) delete next.listId;
  if (patch.numberId === undefined && "numberId" in patch) delete next.numberId;
  if (campaign.status !== "draft") await requireStillValid(ctx, next);
  if (campaign.status === "active" && changed.includes("autoArchiveDays"))
    Object.assign(patch, await rescheduleAutoArchive(ctx, next, now));
  await saveCampaign(ctx, campaign, patch, now);
}

/** The readiness reasons an active campaign's editable settings can cause. */
const LIVE_FIELDS: readonly string[] = ["title", "vaSetReply", "inboxes", "autoArchiveDays"];

/** A scheduled campaign stays ready to launch; an active one keeps valid reply settings. */
async function requireStillValid(ctx: QueryCtx, next: Doc<"campaigns">) {
  const reasons = (await campaignReadiness(ctx, next)).filter(
    (r) => next.status === "scheduled" || LIVE_FIELDS.includes(r.field),
  );
  if (reasons.length === 0) return;
  const what =
    next.status === "scheduled"
      ? "A scheduled campaign must stay ready to launch (unschedule it to edit freely)"
      : "That change isn't valid";
  throw appError("NOT_READY", `${what}: ${reasons.map((r) => r.message).join(" ")}`);
}

/** A new draft with the source's settings; a single-use number stays with the source (it is released with it). */
export async function cloneCampaign(ctx: MutationCtx, viewer: Viewer, sourceId: Id<"campaigns">, now: number) {
  const source = await writableCampaign(ctx, viewer, sourceId);
  const number = source.numberId === undefined ? null : await ctx.db.get("phoneNumbers", source.numberId);
  const list = source.listId === undefined ? null : await ctx.db.get("contactLists", source.listId);
  const title = `Copy of ${source.title === "" ? "untitled campaign" : source.title}`.slice(0, TITLE_MAX).trim();
  const clone = {
    ...{ officeId: source.officeId, title, tags: source.tags, message: source.message },
    ...{ operatedBy: source.operatedBy, vaFallback: source.vaFallback, vaSetReply: source.vaSetReply },
    ...{ inboxes: source.inboxes, autoArchiveDays: source.autoArchiveDays, timeZone: source.timeZone },
    ...{ status: "draft" as const, clonedFrom: source._id, createdBy: viewer._id, updatedAt: now },
    ...(list !== null ? { listId: list._id } : {}),
    ...(number !== null && number.kind === "reusable" ? { numberId: number._id } : {}),
  };
  const cloneId = await ctx.db.insert("campaigns", clone);
  await syncCampaignTags(ctx, { ...clone, _id: cloneId, _creationTime: now });
  return cloneId;
}
