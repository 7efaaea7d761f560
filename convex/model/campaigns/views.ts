/**
 * What the Campaigns page reads: a tab's rows (`listCampaigns`) and one campaign's General tab
 * (`campaignDetail`). A page reads its rows through an index range per office, merged in order
 * (convex-helpers streams), plus the office, number and list each row names — never more than
 * the page, however many campaigns or contacts there are.
 */
import { mergedStream, stream, type QueryStream } from "convex-helpers/server/stream";
import type { PaginationOptions, PaginationResult } from "convex/server";
import type { Doc, Id } from "../../_generated/dataModel";
import type { QueryCtx } from "../../_generated/server";
import schema from "../../schema";
import type { CampaignDetail, CampaignOrder, CampaignRow, CampaignStatus } from "../../validators";
import { can, requireCapability, requireOfficeRead, type Viewer } from "../organization/auth";
import { autoArchiveAt } from "./jobs";
import { tagKey } from "../shared/campaignRules";
import { allOffices } from "../organization/offices";
import { memo } from "../shared/memo";
import { clampPage } from "../shared/pages";

/** The most rows one page returns. */
export const PAGE_MAX = 100;

/** Looks each office, number, list and user up once per query. */
export function resolver(ctx: QueryCtx) {
  const once = memo();
  return {
    office: (id: Id<"offices">) => once(id, () => ctx.db.get("offices", id)),
    number: (id: Id<"phoneNumbers">) => once(id, () => ctx.db.get("phoneNumbers", id)),
    list: (id: Id<"contactLists">) => once(id, () => ctx.db.get("contactLists", id)),
    user: (id: Id<"users">) => once(id, () => ctx.db.get("users", id)),
  };
}
export type Resolver = ReturnType<typeof resolver>;

/** The office, number and list a campaign names, as rows and the calendar show them. */
export async function namesOf(r: Resolver, c: Doc<"campaigns">) {
  const [office, number, list] = await Promise.all([
    r.office(c.officeId),
    c.numberId === undefined ? null : r.number(c.numberId),
    c.listId === undefined ? null : r.list(c.listId),
  ]);
  return {
    office: { _id: c.officeId, name: office?.name ?? "Deleted office" },
    number: number === null ? null : { _id: number._id, e164: number.e164, kind: number.kind },
    list: list === null ? null : { _id: list._id, name: list.name },
  };
}

export async function campaignRow(r: Resolver, c: Doc<"campaigns">): Promise<CampaignRow> {
  return {
    ...{ _id: c._id, title: c.title, status: c.status, operatedBy: c.operatedBy, tags: c.tags },
    ...(await namesOf(r, c)),
    ...{ updatedAt: c.updatedAt, launchedAt: c.launchedAt, scheduledAt: c.scheduledAt, timeZone: c.timeZone },
    ...{ archivedAt: c.archivedAt, archiveReason: c.archiveReason, launchFailure: c.launchFailure },
    needsAttention: c.needsAttentionCount ?? 0,
  };
}

/** The offices a list covers: the one asked for (if readable), else every office the viewer reads. */
export async function officeScope(ctx: QueryCtx, viewer: Viewer, officeId?: Id<"offices">): Promise<Id<"offices">[]> {
  requireCapability(viewer, "campaigns.read");
  if (officeId !== undefined) {
    requireOfficeRead(viewer, officeId);
    return [officeId];
  }
  return viewer.viewOtherOffices ? (await allOffices(ctx)).map((o) => o._id) : viewer.officeIds;
}

export type TabQuery = {
  status: CampaignStatus;
  officeIds: Id<"offices">[];
  search?: string;
  tag?: string;
  order?: CampaignOrder;
  paginationOpts: PaginationOptions;
};

/** One office's campaigns on the tab, in the tab's order, as a stream. */
function officeStream(ctx: QueryCtx, officeId: Id<"offices">, q: TabQuery): QueryStream<Doc<"campaigns">> {
  const db = stream(ctx.db, schema);
  if (q.tag !== undefined) {
    const tag = tagKey(q.tag);
    return db
      .query("campaignTags")
      .withIndex("by_officeId_and_status_and_tag_and_updatedAt", (i) =>
        i.eq("officeId", officeId).eq("status", q.status).eq("tag", tag),
      )
      .order("desc")
      .map(async (row) => await ctx.db.get("campaigns", row.campaignId));
  }
  if (q.order === "scheduledAt")
    return db
      .query("campaigns")
      .withIndex("by_officeId_and_status_and_scheduledAt", (i) => i.eq("officeId", officeId).eq("status", q.status))
      .order("asc");
  return db
    .query("campaigns")
    .withIndex("by_officeId_and_status_and_updatedAt", (i) => i.eq("officeId", officeId).eq("status", q.status))
    .order("desc");
}

/** Title search (relevance order); the tag and several offices filter the page. */
async function searchPage(ctx: QueryCtx, q: TabQuery, text: string) {
  const single = q.officeIds.length === 1 ? q.officeIds[0] : null;
  const result = await ctx.db
    .query("campaigns")
    .withSearchIndex("search_title", (s) =>
      single === null
        ? s.search("title", text).eq("status", q.status)
        : s.search("title", text).eq("status", q.status).eq("officeId", single),
    )
    .paginate(q.paginationOpts);
  const offices = new Set<string>(q.officeIds);
  const tag = q.tag === undefined ? null : tagKey(q.tag);
  const page = result.page.filter(
    (c) => offices.has(c.officeId) && (tag === null || c.tags.some((t) => tagKey(t) === tag)),
  );
  return { ...result, page };
}

/**
 * A page of a tab. Without search: per-office index ranges merged by last update (or by launch
 * time), optionally through the tag index. With search: the title search index, filtered.
 */
export async function listCampaigns(ctx: QueryCtx, q: TabQuery): Promise<PaginationResult<CampaignRow>> {
  const opts = clampPage(q.paginationOpts, PAGE_MAX);
  const query = { ...q, paginationOpts: opts, tag: q.tag?.trim() === "" ? undefined : q.tag };
  const text = q.search?.trim() ?? "";
  let result: PaginationResult<Doc<"campaigns">>;
  if (text !== "") result = await searchPage(ctx, query, text);
  else if (q.officeIds.length === 0) result = { page: [], isDone: true, continueCursor: "[]" };
  else {
    const field = query.tag === undefined && q.order === "scheduledAt" ? "scheduledAt" : "updatedAt";
    const streams = q.officeIds.map((officeId) => officeStream(ctx, officeId, query));
    result = await mergedStream(streams, [field]).paginate(opts);
  }
  const r = resolver(ctx);
  return { ...result, page: await Promise.all(result.page.map((c) => campaignRow(r, c))) };
}

/** The General tab: every setting as saved, with names resolved. */
export async function campaignDetail(ctx: QueryCtx, viewer: Viewer, c: Doc<"campaigns">): Promise<CampaignDetail> {
  const r = resolver(ctx);
  const [names, list, number, users, offices, creator, source] = await Promise.all([
    namesOf(r, c),
    c.listId === undefined ? null : r.list(c.listId),
    c.numberId === undefined ? null : r.number(c.numberId),
    Promise.all(c.inboxes.userIds.map((id) => r.user(id))),
    Promise.all(c.inboxes.officeIds.map((id) => r.office(id))),
    r.user(c.createdBy),
    c.clonedFrom === undefined ? null : ctx.db.get("campaigns", c.clonedFrom),
  ]);
  return {
    ...{ _id: c._id, _creationTime: c._creationTime, status: c.status, title: c.title, office: names.office },
    ...{
      tags: c.tags,
      message: c.message,
      operatedBy: c.operatedBy,
      vaFallback: c.vaFallback,
      vaSetReply: c.vaSetReply,
    },
    list:
      list === null
        ? null
        : {
            _id: list._id,
            name: list.name,
            status: list.status,
            contactCount: list.contactCount,
            columns: list.columns,
          },
    number:
      number === null
        ? null
        : { _id: number._id, e164: number.e164, kind: number.kind, name: number.name, status: number.status },
    inboxes: {
      users: users.flatMap((u) => (u === null ? [] : [{ _id: u._id, name: u.name ?? u.email ?? "Unnamed" }])),
      offices: offices.flatMap((o) => (o === null ? [] : [{ _id: o._id, name: o.name }])),
    },
    ...{
      autoArchiveDays: c.autoArchiveDays,
      timeZone: c.timeZone,
      scheduledAt: c.scheduledAt,
      launchedAt: c.launchedAt,
    },
    ...{ autoArchiveAt: c.status === "active" ? autoArchiveAt(c) : undefined, archivedAt: c.archivedAt },
    ...{ archiveReason: c.archiveReason, updatedAt: c.updatedAt, launchFailure: c.launchFailure },
    createdBy: creator === null ? null : { _id: creator._id, name: creator.name ?? creator.email ?? "Unnamed" },
    clonedFrom: source === null || source.officeId !== c.officeId ? null : { _id: source._id, title: source.title },
    needsAttention: c.needsAttentionCount ?? 0,
    canWrite: can(viewer, "campaigns.write") && viewer.officeIds.includes(c.officeId),
  };
}
