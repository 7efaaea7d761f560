/**
 * What a campaign's Activity tab and an open conversation read: a section's page (newest message
 * first; search by name or phone; filter by any of up to 3 tags), the section counts, the tag filter's choices, a
 * thread (newest first) and one conversation with what the viewer may do. Every read is an index
 * range or a counter: its cost doesn't grow with the campaign.
 */
import type { PaginationOptions, PaginationResult } from "convex/server";
import { mergedStream, stream } from "convex-helpers/server/stream";
import type { Doc, Id } from "../../_generated/dataModel";
import type { QueryCtx } from "../../_generated/server";
import schema from "../../schema";
import type { ConversationDetail, ConversationRow, Section, SectionCounts, ThreadMessage } from "../../validators";
import { can, type Viewer } from "../organization/auth";
import { conversationRow, conversationRows, PAGE_MAX, rowLookups } from "./rows";
import { clampPage } from "../shared/pages";
import { appError } from "../shared/errors";
import { contactDetail } from "./optOut";
import { CONVERSATION_TAGS_MAX } from "../shared/tags";

export type ActivityQuery = {
  section: Section;
  search?: string;
  tags?: string[];
  paginationOpts: PaginationOptions;
};

const tagKey = (tag: string) => tag.trim().replace(/\s+/g, " ").toLowerCase();

/** The filter's tags as keys, repeats dropped, in the order chosen. Throws INVALID past the maximum. */
export function filterTagKeys(tags: readonly string[] | undefined): string[] {
  const keys = [...new Set((tags ?? []).map(tagKey).filter((t) => t !== ""))];
  if (keys.length > CONVERSATION_TAGS_MAX)
    throw appError("INVALID", `Filter by at most ${CONVERSATION_TAGS_MAX} tags at a time.`);
  return keys;
}

/**
 * The section's conversations having ANY of `keys`, newest message first: one index range of
 * `conversationTags` per tag, merged by lastMessageAt (a k-way merge whose cursor holds each
 * range's position, so pages continue exactly). A conversation with several of the tags has a row
 * in several ranges; only the row of the first of `keys` it carries is kept, so it shows once.
 */
function taggedConversations(ctx: QueryCtx, campaignId: Id<"campaigns">, section: Section, keys: string[]) {
  const db = stream(ctx.db, schema);
  const ranges = keys.map((tag) =>
    db
      .query("conversationTags")
      .withIndex("by_campaignId_and_section_and_tag_and_lastMessageAt", (i) =>
        i.eq("campaignId", campaignId).eq("section", section).eq("tag", tag),
      )
      .order("desc"),
  );
  return mergedStream(ranges, ["lastMessageAt"]).map(async (row) => {
    const conversation = await ctx.db.get("conversations", row.conversationId);
    const first = keys.find((key) => conversation?.tags.some((t) => tagKey(t) === key));
    return conversation !== null && first === row.tag ? conversation : null;
  });
}

/**
 * A page of one Activity section. Without search: the section's index range by last message (or,
 * with tags, the merged ranges of `taggedConversations`). With search: the search index (relevance
 * order) filtered by campaign and section; tags then filter the page, which may hold fewer rows
 * (the next continues).
 */
export async function activityPage(
  ctx: QueryCtx,
  campaign: Doc<"campaigns">,
  q: ActivityQuery,
): Promise<PaginationResult<ConversationRow>> {
  const opts = clampPage(q.paginationOpts, PAGE_MAX);
  const text = q.search?.trim() ?? "";
  const keys = filterTagKeys(q.tags);
  let result: PaginationResult<Doc<"conversations">>;
  if (text !== "") {
    const found = await ctx.db
      .query("conversations")
      .withSearchIndex("search_text", (s) =>
        s.search("searchText", text).eq("campaignId", campaign._id).eq("section", q.section),
      )
      .paginate(opts);
    const page = found.page.filter((c) => keys.length === 0 || c.tags.some((t) => keys.includes(tagKey(t))));
    result = { ...found, page };
  } else if (keys.length > 0) {
    result = await taggedConversations(ctx, campaign._id, q.section, keys).paginate(opts);
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
    .paginate(clampPage(paginationOpts, PAGE_MAX));
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
