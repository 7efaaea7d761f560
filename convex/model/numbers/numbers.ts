/**
 * Phone numbers: what the numbers page reads, and the invariants the campaign lifecycle relies on.
 *
 * Invariant: at most one *active* campaign per number. `activeCampaignId` records it; the
 * campaign lifecycle keeps it with `claimForCampaign` (launch) and `releaseFromCampaign` (end,
 * auto-archive), and checks a draft's number with `assertNumberUsable` (readiness, launch).
 * Writes that provision, edit and release numbers are in `writes.ts`.
 */
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { CampaignRef, NumberKind, PhoneNumberDetail, PhoneNumberRow } from "../../validators";
import { requireOfficeRead, type Viewer } from "../organization/auth";
import { appError } from "../shared/errors";
import { displayNumber, numberType } from "../shared/numberRules";
import { allOffices } from "../organization/offices";

/** More numbers of one kind than an office holds; a list stops here. */
export const MAX_ACTIVE_PER_KIND = 200;
/** Released numbers the list shows per office and kind, the most recent first. */
export const RELEASED_SHOWN = 50;

export async function requireNumber(ctx: QueryCtx, numberId: Id<"phoneNumbers">): Promise<Doc<"phoneNumbers">> {
  const number = await ctx.db.get("phoneNumbers", numberId);
  if (number === null) throw appError("NOT_FOUND", "That phone number doesn't exist. Refresh the list.");
  return number;
}

/**
 * The active campaigns using the number: the one `activeCampaignId` names, and any active
 * campaign whose `numberId` is this number (so a launch that skipped `claimForCampaign` is still seen).
 */
async function activeCampaignsOn(ctx: QueryCtx, number: Doc<"phoneNumbers">): Promise<Doc<"campaigns">[]> {
  const claimed = number.activeCampaignId ? await ctx.db.get("campaigns", number.activeCampaignId) : null;
  const pointing = await ctx.db
    .query("campaigns")
    .withIndex("by_numberId_and_status", (q) => q.eq("numberId", number._id).eq("status", "active"))
    .take(2);
  const all = claimed?.status === "active" ? [claimed, ...pointing] : pointing;
  return all.filter((c, i) => all.findIndex((o) => o._id === c._id) === i);
}

export type NumberProblem = { code: "NOT_FOUND" | "INVALID" | "IN_USE"; message: string };

/**
 * Why the number can't carry this campaign, or null when it can: it must exist, be active (not
 * released), belong to the campaign's office, not be a single-use number of another campaign, and
 * have no *other* campaign active on it. For readiness, which shows the sentence without throwing.
 */
export async function numberProblem(
  ctx: QueryCtx,
  numberId: Id<"phoneNumbers">,
  officeId: Id<"offices">,
  campaignId?: Id<"campaigns">,
): Promise<NumberProblem | null> {
  const number = await ctx.db.get("phoneNumbers", numberId);
  if (number === null)
    return { code: "NOT_FOUND", message: "The chosen phone number doesn't exist any more. Pick another." };
  const shown = displayNumber(number.e164);
  if (number.status === "released")
    return { code: "INVALID", message: `${shown} was released back to Twilio. Pick another number.` };
  if (number.officeId !== officeId)
    return { code: "INVALID", message: `${shown} belongs to another office. Pick one of this office's numbers.` };
  if (number.kind === "singleUse" && campaignId !== undefined && number.campaignId !== campaignId)
    return {
      code: "INVALID",
      message: `${shown} is a single-use number of another campaign. Provision a new one or pick a reusable number.`,
    };
  const other = (await activeCampaignsOn(ctx, number)).find((c) => c._id !== campaignId);
  if (other !== undefined)
    return {
      code: "IN_USE",
      message: `${shown} is in use by the active campaign "${other.title}". End it first or pick another number.`,
    };
  return null;
}

/**
 * Throws (NOT_FOUND / INVALID / IN_USE, per `numberProblem`) unless the number can carry this
 * campaign; returns the number. Keeps "at most one active campaign per number" at launch.
 */
export async function assertNumberUsable(
  ctx: QueryCtx,
  numberId: Id<"phoneNumbers">,
  officeId: Id<"offices">,
  campaignId?: Id<"campaigns">,
): Promise<Doc<"phoneNumbers">> {
  const problem = await numberProblem(ctx, numberId, officeId, campaignId);
  if (problem !== null) throw appError(problem.code, problem.message);
  return (await ctx.db.get("phoneNumbers", numberId)) as Doc<"phoneNumbers">;
}

/** Launch: records that the campaign is active on the number, after `assertNumberUsable`. Idempotent. */
export async function claimForCampaign(
  ctx: MutationCtx,
  numberId: Id<"phoneNumbers">,
  campaignId: Id<"campaigns">,
): Promise<void> {
  const campaign = await ctx.db.get("campaigns", campaignId);
  if (campaign === null) throw appError("NOT_FOUND", "That campaign doesn't exist any more.");
  await assertNumberUsable(ctx, numberId, campaign.officeId, campaignId);
  await ctx.db.patch("phoneNumbers", numberId, { activeCampaignId: campaignId });
}

/** End / auto-archive: frees the number if this campaign holds it; otherwise does nothing. */
export async function releaseFromCampaign(
  ctx: MutationCtx,
  numberId: Id<"phoneNumbers">,
  campaignId: Id<"campaigns">,
): Promise<void> {
  const number = await ctx.db.get("phoneNumbers", numberId);
  if (number?.activeCampaignId === campaignId)
    await ctx.db.patch("phoneNumbers", numberId, { activeCampaignId: undefined });
}

/** Why the number can't be released now (a sentence naming the campaign), or null. */
export async function releaseBlocker(ctx: QueryCtx, number: Doc<"phoneNumbers">): Promise<string | null> {
  const shown = displayNumber(number.e164);
  const [active] = await activeCampaignsOn(ctx, number);
  if (active !== undefined)
    return `${shown} is in use by the active campaign "${active.title}". End that campaign before releasing the number.`;
  const scheduled = await ctx.db
    .query("campaigns")
    .withIndex("by_numberId_and_status", (q) => q.eq("numberId", number._id).eq("status", "scheduled"))
    .first();
  if (scheduled !== null)
    return `The scheduled campaign "${scheduled.title}" will send from ${shown}. Give it another number or return it to draft first.`;
  return null;
}

async function campaignRef(ctx: QueryCtx, campaignId: Id<"campaigns"> | undefined): Promise<CampaignRef | null> {
  const campaign = campaignId ? await ctx.db.get("campaigns", campaignId) : null;
  return campaign === null ? null : { _id: campaign._id, title: campaign.title };
}

async function toRow(ctx: QueryCtx, number: Doc<"phoneNumbers">, officeName: string): Promise<PhoneNumberRow> {
  const [active] = number.status === "active" ? await activeCampaignsOn(ctx, number) : [];
  return {
    _id: number._id,
    office: { _id: number.officeId, name: officeName },
    e164: number.e164,
    kind: number.kind,
    type: numberType(number.e164),
    name: number.name,
    description: number.description,
    messagesPerSecond: number.messagesPerSecond,
    status: number.status,
    unsolicited: number.unsolicited ?? null,
    activeCampaign: active === undefined ? null : { _id: active._id, title: active.title },
    campaign: await campaignRef(ctx, number.campaignId),
    provisionedAt: number.provisionedAt,
    releasedAt: number.releasedAt ?? null,
  };
}

export type NumberFilter = { officeId?: Id<"offices">; kind?: NumberKind; includeReleased?: boolean };

/**
 * The numbers of one office, or of every office the viewer reads: active ones (reusable first,
 * by name), then, when asked, the most recently released ones.
 */
export async function listNumbers(ctx: QueryCtx, viewer: Viewer, filter: NumberFilter): Promise<PhoneNumberRow[]> {
  if (filter.officeId !== undefined) requireOfficeRead(viewer, filter.officeId);
  const offices =
    filter.officeId !== undefined
      ? [await ctx.db.get("offices", filter.officeId)]
      : viewer.viewOtherOffices
        ? await allOffices(ctx)
        : await Promise.all(viewer.officeIds.map((id) => ctx.db.get("offices", id)));
  const kinds: NumberKind[] = filter.kind ? [filter.kind] : ["reusable", "singleUse"];
  const rows: PhoneNumberRow[] = [];
  for (const office of offices) {
    if (office === null) continue;
    for (const kind of kinds)
      for (const status of filter.includeReleased ? (["active", "released"] as const) : (["active"] as const)) {
        const numbers = await ctx.db
          .query("phoneNumbers")
          .withIndex("by_officeId_and_kind_and_status", (q) =>
            q.eq("officeId", office._id).eq("kind", kind).eq("status", status),
          )
          .order("desc")
          .take(status === "active" ? MAX_ACTIVE_PER_KIND : RELEASED_SHOWN);
        for (const number of numbers) rows.push(await toRow(ctx, number, office.name));
      }
  }
  return rows.sort(byListOrder);
}

const byListOrder = (a: PhoneNumberRow, b: PhoneNumberRow) =>
  a.status !== b.status
    ? a.status === "active"
      ? -1
      : 1
    : a.status === "released"
      ? (b.releasedAt ?? 0) - (a.releasedAt ?? 0)
      : a.kind !== b.kind
        ? a.kind === "reusable"
          ? -1
          : 1
        : a.name.localeCompare(b.name) || a.e164.localeCompare(b.e164);

/** One number with its inboxes' names, or null when it doesn't exist. Throws FORBIDDEN for other offices. */
export async function numberDetail(
  ctx: QueryCtx,
  viewer: Viewer,
  numberId: Id<"phoneNumbers">,
): Promise<PhoneNumberDetail | null> {
  const number = await ctx.db.get("phoneNumbers", numberId);
  if (number === null) return null;
  requireOfficeRead(viewer, number.officeId);
  const office = await ctx.db.get("offices", number.officeId);
  const row = await toRow(ctx, number, office?.name ?? "");
  if (number.unsolicited === undefined) return { ...row, unsolicitedInboxes: null };
  const { userIds, officeIds } = number.unsolicited.inboxes;
  const users = (await Promise.all(userIds.map((id) => ctx.db.get("users", id)))).filter((u) => u !== null);
  const offices = (await Promise.all(officeIds.map((id) => ctx.db.get("offices", id)))).filter((o) => o !== null);
  return {
    ...row,
    unsolicitedInboxes: {
      users: users.map((u) => ({ _id: u._id, name: u.name ?? u.email ?? "", deactivated: u.deactivated === true })),
      offices: offices.map((o) => ({ _id: o._id, name: o.name })),
    },
  };
}
