/**
 * What a campaign's Activity tab and an open conversation read: a section's page (newest message
 * first; search by name or phone; tag filter), the section counts, the tag filter's choices, a
 * thread (newest first) and one conversation with what the viewer may do. Every read is an index
 * range or a counter: its cost doesn't grow with the campaign.
 */
import type { PaginationOptions, PaginationResult } from "convex/server";
import type { Doc } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import type { ConversationDetail, ConversationRow, Section, SectionCounts, ThreadMessage } from "../validators";
import { can, type Viewer } from "./auth";
import { clampPage, conversationRow, conversationRows, rowLookups } from "./conversationRows";
import { contactDetail } from "./optOut";

export type ActivityQuery = { section: Section; search?: string; tag?: string; paginationOpts: PaginationOptions };

const tagKey = (tag: string) => tag.trim().replace(/\s+/g, " ").toLowerCase();

/**
 * A page of one Activity section. Without search: the section's index range by last message (or
 * the tag's rows, kept per section). With search: the search index (relevance order) filtered by
 * campaign and section; a tag then filters the page, which may hold fewer rows (the next continues).
 */
export async function activityPage(
  ctx: QueryCtx,
  campaign: Doc<"campaigns">,
  q: ActivityQuery,
): Promise<PaginationResult<ConversationRow>> {
  const opts = clampPage(q.paginationOpts);
  const text = q.search?.trim() ?? "";
  const tag = q.tag === undefined || q.tag.trim() === "" ? null : tagKey(q.tag);
  let result: PaginationResult<Doc<"conversations">>;
  if (text !== "") {
    const found = await ctx.db
      .query("conversations")
      .withSearchIndex("search_text", (s) =>
        s.search("searchText", text).eq("campaignId", campaign._id).eq("section", q.section),
      )
      .paginate(opts);
    result = { ...found, page: found.page.filter((c) => tag === null || c.tags.some((t) => tagKey(t) === tag)) };
  } else if (tag !== null) {
    const rows = await ctx.db
      .query("conversationTags")
      .withIndex("by_campaignId_and_section_and_tag_and_lastMessageAt", (i) =>
        i.eq("campaignId", campaign._id).eq("section", q.section).eq("tag", tag),
      )
      .order("desc")
      .paginate(opts);
    const conversations = await Promise.all(rows.page.map((r) => ctx.db.get("conversations", r.conversationId)));
    result = { ...rows, page: conversations.filter((c) => c !== null) };
  } else {
    result = await ctx.db
      .query("conversations")
      .withIndex("by_campaignId_and_section_and_lastMessageAt", (i) =>
        i.eq("campaignId", campaign._id).eq("section", q.section),
      )
      .order("desc")
      .paginate(opts);
  }
  return { ...result, page: await conversationRows(ctx, result.page) };
}

export async function sectionCounts(ctx: QueryCtx, campaign: Doc<"campaigns">): Promise<SectionCounts> {
  const rows = await ctx.db
    .query("conversationCounts")
    .withIndex("by_campaignId_and_section", (q) => q.eq("campaignId", campaign._id))
    .take(3);
  const count = (section: Section) => rows.find((r) => r.section === section)?.count ?? 0;
  return { needsAttention: count("needsAttention"), agent: count("agent"), va: count("va") };
}

/** The tag filter's choices: each tag on the campaign's conversations once (as stored, lowercase), sorted. */
export async function campaignConversationTags(ctx: QueryCtx, campaign: Doc<"campaigns">, limit: number) {
  const tags: string[] = [];
  while (tags.length < limit) {
    const last = tags.at(-1);
    const row = await ctx.db
      .query("conversationTags")
      .withIndex("by_campaignId_and_tag_and_lastMessageAt", (q) =>
        last === undefined ? q.eq("campaignId", campaign._id) : q.eq("campaignId", campaign._id).gt("tag", last),
      )
      .first();
    if (row === null) break;
    tags.push(row.tag);
  }
  return tags;
}

/** A page of the thread, newest first, each message with its status and (agents) author's name. */
export async function threadPage(
  ctx: QueryCtx,
  conversation: Doc<"conversations">,
  paginationOpts: PaginationOptions,
): Promise<PaginationResult<ThreadMessage>> {
  const result = await ctx.db
    .query("messages")
    .withIndex("by_conversationId", (q) => q.eq("conversationId", conversation._id))
    .order("desc")
    .paginate(clampPage(paginationOpts));
  const lookups = rowLookups(ctx);
  const page = await Promise.all(
    result.page.map(async (m) => ({
      ...{ _id: m._id, _creationTime: m._creationTime, direction: m.direction, author: m.author },
      authorName: m.authorUserId === undefined ? null : await lookups.userName(m.authorUserId),
      ...{ body: m.body, segments: m.segments, status: m.status, errorCode: m.errorCode ?? null },
      ...{ errorReason: m.errorReason ?? null, sentAt: m.sentAt ?? null, deliveredAt: m.deliveredAt ?? null },
    })),
  );
  return { ...result, page };
}

/** Why the viewer can't reply in this conversation, or null. */
function replyBlocked(
  viewer: Viewer,
  c: Doc<"conversations">,
  contact: Doc<"contacts"> | null,
  number: Doc<"phoneNumbers"> | null,
) {
  if (!viewer.officeIds.includes(c.officeId)) return "Only members of this conversation's office can reply.";
  if (c.closed) return "This conversation is closed: its campaign ended, so no more texts go out.";
  if (contact?.optedOut === true) return "This contact opted out of texts.";
  if (number === null || number.status !== "active") return "This conversation's number was released.";
  return null;
}

/** One conversation: its row, inboxes by name, the contact, what the viewer may do, related conversations. */
export async function conversationDetail(
  ctx: QueryCtx,
  viewer: Viewer,
  c: Doc<"conversations">,
): Promise<ConversationDetail> {
  const lookups = rowLookups(ctx);
  const [row, contact, number, users, offices, related] = await Promise.all([
    conversationRow(ctx, lookups, c),
    ctx.db.get("contacts", c.contactId),
    ctx.db.get("phoneNumbers", c.numberId),
    Promise.all(c.inboxes.userIds.map(async (id) => ({ _id: id, name: await lookups.userName(id) }))),
    Promise.all(c.inboxes.officeIds.map((id) => ctx.db.get("offices", id))),
    ctx.db
      .query("conversations")
      .withIndex("by_numberId_and_contactId_and_campaignId", (q) =>
        q.eq("numberId", c.numberId).eq("contactId", c.contactId),
      )
      .take(20),
  ]);
  const member = viewer.officeIds.includes(c.officeId);
  const others = related.filter((o) => o._id !== c._id).sort((a, b) => b.lastMessageAt - a.lastMessageAt);
  return {
    ...row,
    inboxes: { users, offices: offices.flatMap((o) => (o === null ? [] : [{ _id: o._id, name: o.name }])) },
    contact: contactDetail(contact ?? { _id: c.contactId, phone: c.phone, optedOut: false }),
    replyBlocked: replyBlocked(viewer, c, contact, number),
    canManage: member && can(viewer, "conversations.manage"),
    canOptOut: member && can(viewer, "contacts.optOut"),
    canLiftOptOut: member && can(viewer, "contacts.optOutLift"),
    related: await Promise.all(
      others.slice(0, 10).map(async (o) => ({
        _id: o._id,
        campaign: await lookups.campaign(o.campaignId),
        lastMessageAt: o.lastMessageAt,
      })),
    ),
  };
}
