/**
 * Each person's Inbox: what needs attention in their personal inbox and their offices' inboxes
 * (one index range per inbox over `inboxItems`, merged by last message — a conversation routed
 * to several of them shows once), the conversations they took part in, and the navigation badge.
 * Only offices the person is a member of count: "view other offices" reads, it doesn't work them.
 */
import { mergedStream, stream } from "convex-helpers/server/stream";
import type { PaginationOptions, PaginationResult } from "convex/server";
import type { Doc } from "../../_generated/dataModel";
import type { QueryCtx } from "../../_generated/server";
import schema from "../../schema";
import type { ConversationRow, InboxBadge } from "../../validators";
import { canReadOffice, type Viewer } from "../organization/auth";
import { conversationRows, PAGE_MAX } from "./rows";
import { clampPage } from "../shared/pages";
import { inboxKeys } from "./conversations";

/** The badge counts exactly up to this, then shows "99+". */
export const BADGE_MAX = 99;

/** The viewer's inboxes, personal first: the order that decides which row of a conversation shows. */
export function viewerInboxes(viewer: Viewer): string[] {
  return [`user:${viewer._id}`, ...viewer.officeIds.map((id) => `office:${id}`)];
}

/** The viewer's needs-attention conversations, newest message first, each once. */
function needsAttentionStream(ctx: QueryCtx, viewer: Viewer) {
  const inboxes = viewerInboxes(viewer);
  const db = stream(ctx.db, schema);
  const streams = inboxes.map((inbox) =>
    db
      .query("inboxItems")
      .withIndex("by_inbox_and_needsAttention_and_lastMessageAt", (q) =>
        q.eq("inbox", inbox).eq("needsAttention", true),
      )
      .order("desc"),
  );
  const shown = async (row: Doc<"inboxItems">) => {
    const c = await ctx.db.get("conversations", row.conversationId);
    if (c === null || c.closed || !c.needsAttention || !canReadOffice(viewer, c.officeId)) return false;
    const keys = inboxKeys(c.inboxes);
    return inboxes.find((inbox) => keys.includes(inbox)) === row.inbox;
  };
  return mergedStream(streams, ["lastMessageAt"]).filterWith(shown);
}

export async function needsAttentionPage(
  ctx: QueryCtx,
  viewer: Viewer,
  paginationOpts: PaginationOptions,
): Promise<PaginationResult<ConversationRow>> {
  const result = await needsAttentionStream(ctx, viewer).paginate(clampPage(paginationOpts, PAGE_MAX));
  const found = await Promise.all(result.page.map((row) => ctx.db.get("conversations", row.conversationId)));
  return {
    ...result,
    page: await conversationRows(
      ctx,
      found.filter((c) => c !== null),
    ),
  };
}

export async function needsAttentionBadge(ctx: QueryCtx, viewer: Viewer): Promise<InboxBadge> {
  const found = (await needsAttentionStream(ctx, viewer).take(BADGE_MAX + 1)).length;
  const more = found > BADGE_MAX;
  return { count: Math.min(found, BADGE_MAX), more, label: more ? `${BADGE_MAX}+` : String(found) };
}

/** Conversations the viewer replied in, by their last message; ones of offices they no longer read are left out. */
export async function participatingPage(
  ctx: QueryCtx,
  viewer: Viewer,
  paginationOpts: PaginationOptions,
): Promise<PaginationResult<ConversationRow>> {
  const result = await ctx.db
    .query("participants")
    .withIndex("by_userId_and_lastMessageAt", (q) => q.eq("userId", viewer._id))
    .order("desc")
    .paginate(clampPage(paginationOpts, PAGE_MAX));
  const found = await Promise.all(result.page.map((p) => ctx.db.get("conversations", p.conversationId)));
  const readable = found.filter((c): c is Doc<"conversations"> => c !== null && canReadOffice(viewer, c.officeId));
  return { ...result, page: await conversationRows(ctx, readable) };
}
