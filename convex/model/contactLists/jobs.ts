/**
 * Work on whole lists that may be too big for one transaction: cloning copies a page of entries
 * per transaction and schedules the next page (the clone is "importing" until the last one);
 * deleting removes the list at once and its entries and rejected rows a page at a time after.
 * A page of 500 entries is ≤ 1,000 index ranges read and ≤ 501 documents written.
 */
import { internal } from "../../_generated/api";
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { Viewer } from "../organization/auth";
import { findEntry } from "./import";
import { insertEmptyList, writableList } from "./lists";
import { appError } from "../shared/errors";
import { widenMaxLengths } from "../shared/mergeLengths";

export const COPY_PAGE = 500;
export const PURGE_PAGE = 1000;

/** A new list with the source's tags, columns and contacts; big sources finish copying in the background. */
export async function cloneList(
  ctx: MutationCtx,
  viewer: Viewer,
  args: { listId: Id<"contactLists">; name: string },
  now: number,
): Promise<Id<"contactLists">> {
  const source = await writableList(ctx, viewer, args.listId);
  if (source.status !== "ready")
    throw appError("LIST_IMPORTING", `"${source.name}" is still importing. Clone it once the import finishes.`);
  const { officeId, tags, columns } = source;
  const cloneId = await insertEmptyList(ctx, viewer, { officeId, name: args.name, tags, columns }, now);
  // A clone of a list whose lengths are unknown can't know them either.
  if (source.maxLengths === undefined) await ctx.db.patch("contactLists", cloneId, { maxLengths: undefined });
  await copyPage(ctx, { fromListId: source._id, toListId: cloneId, cursor: null }, now);
  return cloneId;
}

/**
 * Copies the next page of entries into the clone and schedules the page after it. A phone the
 * clone already holds (removed and added again in the source meanwhile) is not copied twice.
 * When the source is deleted mid-way, the clone keeps what it has and becomes ready.
 */
export async function copyPage(
  ctx: MutationCtx,
  args: { fromListId: Id<"contactLists">; toListId: Id<"contactLists">; cursor: string | null },
  now: number,
): Promise<void> {
  const [source, clone] = await Promise.all([
    ctx.db.get("contactLists", args.fromListId),
    ctx.db.get("contactLists", args.toListId),
  ]);
  if (clone === null) return;
  const page = source
    ? await ctx.db
        .query("listEntries")
        .withIndex("by_listId", (q) => q.eq("listId", args.fromListId))
        .paginate({ numItems: COPY_PAGE, cursor: args.cursor })
    : { page: [], isDone: true, continueCursor: "" };
  const present = await Promise.all(page.page.map((e) => findEntry(ctx, clone._id, e.phone)));
  const copies = page.page.filter((_, i) => present[i] === null);
  for (const { listId: _from, _id, _creationTime, ...entry } of copies)
    await ctx.db.insert("listEntries", { ...entry, listId: clone._id });
  await ctx.db.patch("contactLists", clone._id, {
    contactCount: clone.contactCount + copies.length,
    maxLengths: widenMaxLengths(clone.maxLengths, clone.columns, copies),
    status: page.isDone ? "ready" : "importing",
    updatedAt: now,
  });
  if (!page.isDone)
    await ctx.scheduler.runAfter(0, internal.contactLists.copyPage, { ...args, cursor: page.continueCursor });
}

const quoted = (titles: string[], more: number) =>
  titles.map((t) => `"${t}"`).join(", ") + (more > 0 ? ` and ${more} more` : "");

/** Campaigns that keep a list from being deleted: launched ones, and drafts or scheduled ones that would lose their list. */
async function campaignsUsing(ctx: QueryCtx, listId: Id<"contactLists">) {
  const of = (status: "active" | "scheduled" | "draft") =>
    ctx.db
      .query("campaigns")
      .withIndex("by_listId_and_status", (q) => q.eq("listId", listId).eq("status", status))
      .take(4);
  const [active, scheduled, draft] = await Promise.all([of("active"), of("scheduled"), of("draft")]);
  return { launched: active, pending: [...scheduled, ...draft] };
}

/** Throws LIST_IN_USE naming the campaigns that use the list. */
export async function requireDeletable(ctx: QueryCtx, list: Doc<"contactLists">): Promise<void> {
  const { launched, pending } = await campaignsUsing(ctx, list._id);
  if (list.lockedByLaunch || launched.length > 0)
    throw appError(
      "LIST_IN_USE",
      `A launched campaign used "${list.name}", so it can't be deleted. Its contacts stay available to that campaign.`,
    );
  if (pending.length > 0) {
    const titles = pending.slice(0, 3).map((c) => c.title);
    throw appError(
      "LIST_IN_USE",
      `${quoted(titles, pending.length - titles.length)} ${pending.length === 1 ? "uses" : "use"} "${list.name}". Choose another list in ${pending.length === 1 ? "that campaign" : "those campaigns"} or discard ${pending.length === 1 ? "it" : "them"}, then delete the list.`,
    );
  }
}

/** Deletes a list now and its entries and rejected rows in the background (contacts and their opt-outs stay). */
export async function removeList(ctx: MutationCtx, viewer: Viewer, listId: Id<"contactLists">): Promise<void> {
  const list = await writableList(ctx, viewer, listId);
  await requireDeletable(ctx, list);
  await ctx.db.delete("contactLists", listId);
  await purgePage(ctx, { listId });
}

/** Deletes the next page of a deleted list's entries and rejected rows; schedules itself until none are left. */
export async function purgePage(ctx: MutationCtx, args: { listId: Id<"contactLists"> }): Promise<void> {
  if ((await ctx.db.get("contactLists", args.listId)) !== null) return;
  const entries = await ctx.db
    .query("listEntries")
    .withIndex("by_listId", (q) => q.eq("listId", args.listId))
    .take(PURGE_PAGE);
  const rejections = await ctx.db
    .query("listRejections")
    .withIndex("by_listId_and_row", (q) => q.eq("listId", args.listId))
    .take(PURGE_PAGE - entries.length);
  for (const e of entries) await ctx.db.delete("listEntries", e._id);
  for (const r of rejections) await ctx.db.delete("listRejections", r._id);
  if (entries.length + rejections.length === PURGE_PAGE)
    await ctx.scheduler.runAfter(0, internal.contactLists.purgePage, args);
}
