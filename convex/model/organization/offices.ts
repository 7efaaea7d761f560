/** Offices: naming rules, lookups, and the per-office user counter kept on every user write. */
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { OfficeRow, OfficeSummary } from "../../validators";
import type { Viewer } from "./auth";
import { appError } from "../shared/errors";
import { cleanName } from "../shared/normalize";

/** More offices than an organization has; reads of "every office" stop here. */
export const MAX_OFFICES = 500;
const NAME_MAX = 80;

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

export async function allOffices(ctx: QueryCtx): Promise<Doc<"offices">[]> {
  const offices = await ctx.db.query("offices").withIndex("by_name").take(MAX_OFFICES);
  return offices.sort(byName);
}

/** The offices with these ids that still exist, sorted by name. */
export async function officeSummaries(ctx: QueryCtx, officeIds: Id<"offices">[]): Promise<OfficeSummary[]> {
  const offices = await Promise.all(officeIds.map((id) => ctx.db.get("offices", id)));
  return offices
    .filter((o): o is Doc<"offices"> => o !== null)
    .map(({ _id, name }) => ({ _id, name }))
    .sort(byName);
}

/** What `offices.list` shows: the viewer's offices, or every office with viewOtherOffices. */
export async function readableOffices(ctx: QueryCtx, viewer: Viewer): Promise<OfficeSummary[]> {
  if (!viewer.viewOtherOffices) return await officeSummaries(ctx, viewer.officeIds);
  return (await allOffices(ctx)).map(({ _id, name }) => ({ _id, name }));
}

export async function officeRows(ctx: QueryCtx): Promise<OfficeRow[]> {
  return (await allOffices(ctx)).map(({ _id, name, userCount }) => ({ _id, name, userCount }));
}

/** Throws CONFLICT when another office has this name, ignoring case. */
async function requireUniqueName(ctx: QueryCtx, name: string, except?: Id<"offices">): Promise<void> {
  const key = name.toLocaleLowerCase();
  const clash = (await allOffices(ctx)).find((o) => o._id !== except && o.name.toLocaleLowerCase() === key);
  if (clash) throw appError("CONFLICT", `An office named "${clash.name}" already exists. Choose another name.`);
}

export async function createOffice(ctx: MutationCtx, rawName: string): Promise<Id<"offices">> {
  const name = cleanName(rawName, NAME_MAX, "office name");
  await requireUniqueName(ctx, name);
  return await ctx.db.insert("offices", { name, userCount: 0 });
}

export async function renameOffice(ctx: MutationCtx, officeId: Id<"offices">, rawName: string): Promise<void> {
  if ((await ctx.db.get("offices", officeId)) === null)
    throw appError("NOT_FOUND", "That office doesn't exist any more. Refresh the list.");
  const name = cleanName(rawName, NAME_MAX, "office name");
  await requireUniqueName(ctx, name, officeId);
  await ctx.db.patch("offices", officeId, { name });
}

/** The ids without repeats, each an existing office; throws NOT_FOUND naming how many are missing. */
export async function requireOffices(ctx: QueryCtx, officeIds: Id<"offices">[]): Promise<Id<"offices">[]> {
  const unique = [...new Set(officeIds)];
  const missing = (await Promise.all(unique.map((id) => ctx.db.get("offices", id)))).filter((o) => o === null).length;
  if (missing > 0)
    throw appError(
      "NOT_FOUND",
      `${missing === 1 ? "One of the chosen offices doesn't" : `${missing} of the chosen offices don't`} exist any more. Refresh and choose again.`,
    );
  return unique;
}

/**
 * Keeps `offices.userCount` right: `before` and `after` are the offices a user counts in (none
 * while deactivated). Call on every write that changes a user's offices or active state.
 */
export async function moveOfficeCounts(
  ctx: MutationCtx,
  before: Id<"offices">[],
  after: Id<"offices">[],
): Promise<void> {
  const delta = new Map<Id<"offices">, number>();
  for (const id of before) delta.set(id, (delta.get(id) ?? 0) - 1);
  for (const id of after) delta.set(id, (delta.get(id) ?? 0) + 1);
  for (const [id, change] of delta) {
    if (change === 0) continue;
    const office = await ctx.db.get("offices", id);
    if (office !== null) await ctx.db.patch("offices", id, { userCount: Math.max(0, office.userCount + change) });
  }
}

/** The offices a user counts in: their offices while active, none while deactivated. */
export function countedOffices(user: { officeIds: Id<"offices">[]; deactivated?: boolean }): Id<"offices">[] {
  return user.deactivated === true ? [] : user.officeIds;
}
