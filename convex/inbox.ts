/** Each person's Inbox: Needs attention (personal and office inboxes, merged), Participating, and the badge. */
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { viewerQuery } from "./functions";
import { needsAttentionBadge, needsAttentionPage, participatingPage } from "./model/conversations/inbox";
import { vConversationRow, vInboxBadge } from "./validators";

/** Conversations needing attention in the viewer's personal inbox and their offices' inboxes, newest first. */
export const needsAttention = viewerQuery({
  args: { paginationOpts: paginationOptsValidator },
  returns: paginationResultValidator(vConversationRow),
  handler: async (ctx, { paginationOpts }) => await needsAttentionPage(ctx, ctx.viewer, paginationOpts),
});

/** Conversations the viewer replied in, by last message. */
export const participating = viewerQuery({
  args: { paginationOpts: paginationOptsValidator },
  returns: paginationResultValidator(vConversationRow),
  handler: async (ctx, { paginationOpts }) => await participatingPage(ctx, ctx.viewer, paginationOpts),
});

/** The navigation badge: how many need attention, exactly up to 99, then "99+". */
export const needsAttentionCount = viewerQuery({
  args: {},
  returns: vInboxBadge,
  handler: async (ctx) => await needsAttentionBadge(ctx, ctx.viewer),
});
