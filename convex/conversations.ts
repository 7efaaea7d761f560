/**
 * Conversations: a campaign's Activity (sections, search, tags, counts), threads, and what agents
 * do in a conversation (reply, VA/agent switch, Needs attention, tags, 1:1 texts). Handlers
 * authorize and call `model/conversation*`; `continueEnding` is the scheduler's batch of ending
 * a campaign (`model/campaigns/ending.ts`).
 */
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { v } from "convex/values";
import { internalMutation } from "./_generated/server";
import { viewerMutation, viewerQuery } from "./functions";
import { requireCapability } from "./model/organization/auth";
import { readableCampaign } from "./model/campaigns/campaigns";
import { readableConversation } from "./model/conversations/access";
import {
  changeTags,
  sendReply as reply,
  setNeedsAttention as markNeedsAttention,
  setOperatedBy as switchOperatedBy,
  startOneToOne as startText,
  withTag,
  withoutTag,
} from "./model/conversations/actions";
import {
  activityPage,
  campaignConversationTags,
  conversationDetail,
  sectionCounts as countSections,
  threadPage,
} from "./model/conversations/views";
import { endCampaignBatch } from "./model/campaigns/ending";
import {
  vConversationDetail,
  vConversationRow,
  vOperatedBy,
  vSection,
  vSectionCounts,
  vThreadMessage,
} from "./validators";

// ---- Reading ----

/** A page of one Activity section of a campaign, newest message first (search: best match first). */
export const activity = viewerQuery({
  args: {
    campaignId: v.id("campaigns"),
    section: vSection,
    search: v.optional(v.string()),
    /** Conversations with ANY of these tags (at most 3; see model/conversations/README.md "The Activity tag filter"). */
    tags: v.optional(v.array(v.string())),
    paginationOpts: paginationOptsValidator,
  },
  returns: paginationResultValidator(vConversationRow),
  handler: async (ctx, { campaignId, ...query }) => {
    requireCapability(ctx.viewer, "campaigns.read");
    return await activityPage(ctx, await readableCampaign(ctx, ctx.viewer, campaignId), query);
  },
});

/** How many conversations each Activity section holds (empty sections are hidden). */
export const sectionCounts = viewerQuery({
  args: { campaignId: v.id("campaigns") },
  returns: vSectionCounts,
  handler: async (ctx, { campaignId }) => await countSections(ctx, await readableCampaign(ctx, ctx.viewer, campaignId)),
});

/** The Activity tag filter's choices: tags on the campaign's conversations (lowercase, sorted, ≤ 100). */
export const tags = viewerQuery({
  args: { campaignId: v.id("campaigns") },
  returns: v.array(v.string()),
  handler: async (ctx, { campaignId }) =>
    await campaignConversationTags(ctx, await readableCampaign(ctx, ctx.viewer, campaignId), 100),
});

/** A page of a conversation's messages, newest first, with status. */
export const thread = viewerQuery({
  args: { conversationId: v.id("conversations"), paginationOpts: paginationOptsValidator },
  returns: paginationResultValidator(vThreadMessage),
  handler: async (ctx, { conversationId, paginationOpts }) =>
    await threadPage(ctx, await readableConversation(ctx, ctx.viewer, conversationId), paginationOpts),
});

export const get = viewerQuery({
  args: { conversationId: v.id("conversations") },
  returns: vConversationDetail,
  handler: async (ctx, { conversationId }) =>
    await conversationDetail(ctx, ctx.viewer, await readableConversation(ctx, ctx.viewer, conversationId)),
});

// ---- Acting ----

/** Sends an agent's reply: clears Needs attention, makes the agent a participant. */
export const sendReply = viewerMutation({
  args: { conversationId: v.id("conversations"), body: v.string() },
  returns: v.id("messages"),
  handler: async (ctx, { conversationId, body }) => await reply(ctx, ctx.viewer, conversationId, body, Date.now()),
});

export const setOperatedBy = viewerMutation({
  args: { conversationId: v.id("conversations"), operatedBy: vOperatedBy },
  returns: v.null(),
  handler: async (ctx, { conversationId, operatedBy }) => {
    await switchOperatedBy(ctx, ctx.viewer, conversationId, operatedBy);
    return null;
  },
});

export const setNeedsAttention = viewerMutation({
  args: { conversationId: v.id("conversations"), needsAttention: v.boolean() },
  returns: v.null(),
  handler: async (ctx, { conversationId, needsAttention }) => {
    await markNeedsAttention(ctx, ctx.viewer, conversationId, needsAttention);
    return null;
  },
});

/** A change of one tag on a conversation, through `change(tags, tag)`. */
const tagChange = (change: (tags: readonly string[], tag: string) => string[]) =>
  viewerMutation({
    args: { conversationId: v.id("conversations"), tag: v.string() },
    returns: v.null(),
    handler: async (ctx, { conversationId, tag }) => {
      await changeTags(ctx, ctx.viewer, conversationId, (tags) => change(tags, tag));
      return null;
    },
  });

/** Adds a tag (≤ 30 characters, at most 3 per conversation; already there in any case: no change). */
export const addTag = tagChange(withTag);
export const removeTag = tagChange(withoutTag);

/** A 1:1 text from a reusable number of the viewer's office (Admin, Standard). */
export const startOneToOne = viewerMutation({
  args: { numberId: v.id("phoneNumbers"), phone: v.string(), body: v.string() },
  returns: v.object({ conversationId: v.id("conversations"), messageId: v.id("messages") }),
  handler: async (ctx, args) => await startText(ctx, ctx.viewer, args, Date.now()),
});

// ---- Scheduler ----

/** One batch of ending a campaign (see `model/campaigns/ending.ts`); schedules the next. */
export const continueEnding = internalMutation({
  args: {
    campaignId: v.id("campaigns"),
    phase: v.union(v.literal("sends"), v.literal("conversations")),
    cursor: v.union(v.string(), v.null()),
  },
  returns: v.null(),
  handler: async (ctx, { campaignId, phase, cursor }) => {
    await endCampaignBatch(ctx, campaignId, phase, cursor);
    return null;
  },
});
