/**
 * Who else has a conversation open, and who is typing in it — so two agents don't answer the same
 * person at once. One `presence` row per (conversation, user): a heartbeat every ~10 s while the
 * conversation is open keeps `viewingUntil` ahead, a keystroke pushes `typingUntil` ~4 s ahead.
 *
 * Queries never read the clock: they return rows with their expiry and the client hides rows
 * whose time has passed. Rows are deleted by a scheduled job at their expiry (one job chain per
 * row, started when the row is inserted and moved forward while heartbeats keep it alive), or at
 * once when the person closes the conversation.
 */
import { internal } from "../../_generated/api";
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import { canReadOffice, type Viewer } from "../organization/auth";

/** How long one heartbeat keeps a person "viewing": a little over the 10 s the client beats at. */
export const VIEWING_MS = 15_000;
/** How long one keystroke keeps a person "typing". */
export const TYPING_MS = 4_000;
/** The most rows one read returns: a campaign has a handful of agents at once. */
export const PRESENCE_MAX = 200;

export type PresenceRow = {
  conversationId: Id<"conversations">;
  userId: Id<"users">;
  name: string;
  /** Until when the person counts as viewing / typing (ms since the epoch). */
  viewingUntil: number;
  typingUntil: number;
};

function row(p: Doc<"presence">): PresenceRow {
  const { conversationId, userId, name, viewingUntil, typingUntil } = p;
  return { conversationId, userId, name, viewingUntil, typingUntil };
}

/** The rows of people other than the viewer. */
const others = (viewer: Viewer, rows: Doc<"presence">[]) => rows.filter((p) => p.userId !== viewer._id).map(row);

async function own(ctx: QueryCtx, conversationId: Id<"conversations">, userId: Id<"users">) {
  return await ctx.db
    .query("presence")
    .withIndex("by_conversationId_and_userId", (q) => q.eq("conversationId", conversationId).eq("userId", userId))
    .unique();
}

/** Records that the viewer has the conversation open (and, with `typing`, is typing in it). */
export async function beat(
  ctx: MutationCtx,
  viewer: Viewer,
  conversation: Doc<"conversations">,
  typing: boolean,
  now: number,
): Promise<void> {
  const existing = await own(ctx, conversation._id, viewer._id);
  const viewingUntil = now + VIEWING_MS;
  const typingUntil = typing ? now + TYPING_MS : Math.min(existing?.typingUntil ?? 0, viewingUntil);
  const expiresAt = Math.max(viewingUntil, typingUntil);
  if (existing !== null) {
    await ctx.db.patch("presence", existing._id, { viewingUntil, typingUntil, expiresAt });
    return;
  }
  const presenceId = await ctx.db.insert("presence", {
    ...{ conversationId: conversation._id, campaignId: conversation.campaignId, officeId: conversation.officeId },
    ...{ userId: viewer._id, name: viewer.name ?? viewer.email ?? "Someone", viewingUntil, typingUntil, expiresAt },
  });
  await ctx.scheduler.runAt(expiresAt, internal.presence.expire, { presenceId });
}

/** The viewer closed the conversation: they stop showing at once. */
export async function leave(ctx: MutationCtx, viewer: Viewer, conversationId: Id<"conversations">): Promise<void> {
  const existing = await own(ctx, conversationId, viewer._id);
  if (existing !== null) await ctx.db.delete("presence", existing._id);
}

/** The scheduled cleanup: deletes the row once expired, else looks again at its new expiry. */
export async function expire(ctx: MutationCtx, presenceId: Id<"presence">, now: number): Promise<void> {
  const found = await ctx.db.get("presence", presenceId);
  if (found === null) return;
  if (found.expiresAt > now) await ctx.scheduler.runAt(found.expiresAt, internal.presence.expire, { presenceId });
  else await ctx.db.delete("presence", presenceId);
}

/** Others in one conversation (the caller checked the viewer may read it). */
export async function inConversation(ctx: QueryCtx, viewer: Viewer, conversationId: Id<"conversations">) {
  const rows = await ctx.db
    .query("presence")
    .withIndex("by_conversationId_and_userId", (q) => q.eq("conversationId", conversationId))
    .take(PRESENCE_MAX);
  return others(viewer, rows);
}

/** Others in any conversation of a campaign (the caller checked the viewer may read it). */
export async function inCampaign(ctx: QueryCtx, viewer: Viewer, campaignId: Id<"campaigns">) {
  const rows = await ctx.db
    .query("presence")
    .withIndex("by_campaignId", (q) => q.eq("campaignId", campaignId))
    .take(PRESENCE_MAX);
  return others(viewer, rows);
}

/** Others in any of these conversations (an inbox's rows); rows of offices the viewer can't read are left out. */
export async function inConversations(ctx: QueryCtx, viewer: Viewer, conversationIds: Id<"conversations">[]) {
  const found: PresenceRow[] = [];
  for (const conversationId of new Set(conversationIds)) {
    const rows = await ctx.db
      .query("presence")
      .withIndex("by_conversationId_and_userId", (q) => q.eq("conversationId", conversationId))
      .take(20);
    for (const p of rows) if (p.userId !== viewer._id && canReadOffice(viewer, p.officeId)) found.push(row(p));
    if (found.length >= PRESENCE_MAX) break;
  }
  return found;
}
