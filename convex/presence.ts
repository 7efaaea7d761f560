/**
 * Presence: who else is viewing a conversation and who is typing in it (see `model/conversations/presence.ts`).
 * Anyone who may read a conversation may show as viewing it; rows carry their expiry and the
 * client hides expired ones (queries don't read the clock); `expire` deletes them.
 */
import { v } from "convex/values";
import { internalMutation } from "./_generated/server";
import { viewerMutation, viewerQuery } from "./functions";
import { requireCapability } from "./model/organization/auth";
import { readableCampaign } from "./model/campaigns/campaigns";
import { readableConversation } from "./model/conversations/access";
import {
  beat,
  expire as expireRow,
  inCampaign,
  inConversation,
  inConversations,
  leave as leaveRow,
} from "./model/conversations/presence";

export const vPresence = v.object({
  conversationId: v.id("conversations"),
  userId: v.id("users"),
  name: v.string(),
  viewingUntil: v.number(),
  typingUntil: v.number(),
});

/** The viewer has the conversation open: every ~10 s, and on keystrokes with `typing`. */
export const heartbeat = viewerMutation({
  args: { conversationId: v.id("conversations"), typing: v.boolean() },
  returns: v.null(),
  handler: async (ctx, { conversationId, typing }) => {
    await beat(ctx, ctx.viewer, await readableConversation(ctx, ctx.viewer, conversationId), typing, Date.now());
    return null;
  },
});

/** The viewer closed the conversation. */
export const leave = viewerMutation({
  args: { conversationId: v.id("conversations") },
  returns: v.null(),
  handler: async (ctx, { conversationId }) => {
    await readableConversation(ctx, ctx.viewer, conversationId);
    await leaveRow(ctx, ctx.viewer, conversationId);
    return null;
  },
});

/** Others viewing or typing in one conversation. */
export const conversation = viewerQuery({
  args: { conversationId: v.id("conversations") },
  returns: v.array(vPresence),
  handler: async (ctx, { conversationId }) => {
    await readableConversation(ctx, ctx.viewer, conversationId);
    return await inConversation(ctx, ctx.viewer, conversationId);
  },
});

/** Others viewing any of a campaign's conversations (the Activity list's "viewing" badges). */
export const campaign = viewerQuery({
  args: { campaignId: v.id("campaigns") },
  returns: v.array(vPresence),
  handler: async (ctx, { campaignId }) => {
    requireCapability(ctx.viewer, "campaigns.read");
    await readableCampaign(ctx, ctx.viewer, campaignId);
    return await inCampaign(ctx, ctx.viewer, campaignId);
  },
});

/** Others viewing any of these conversations (an inbox's rows, at most 100). */
export const conversations = viewerQuery({
  args: { conversationIds: v.array(v.id("conversations")) },
  returns: v.array(vPresence),
  handler: async (ctx, { conversationIds }) => await inConversations(ctx, ctx.viewer, conversationIds.slice(0, 100)),
});

/** The scheduled cleanup of one row at its expiry. */
export const expire = internalMutation({
  args: { presenceId: v.id("presence") },
  returns: v.null(),
  handler: async (ctx, { presenceId }) => {
    await expireRow(ctx, presenceId, Date.now());
    return null;
  },
});
