/**
 * Phone numbers: an office's reusable numbers (Admin) and campaigns' single-use numbers
 * (campaign creators). Actions reach Twilio through `twilio/numbers.ts`; the internal functions
 * below are the checks and writes around each Twilio call (see model/numbers/provisioning.ts).
 */
import { v } from "convex/values";
import { internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { internalAction, internalMutation, internalQuery } from "./_generated/server";
import { viewerAction, viewerMutation, viewerQuery } from "./functions";
import { requireCapability, requireOfficeWrite } from "./model/organization/auth";
import { appError } from "./model/shared/errors";
import { listNumbers, numberDetail, requireNumber } from "./model/numbers/numbers";
import {
  provisionReusable as buyReusable,
  provisionSingleUse as buySingleUse,
  releaseNumber,
  releaseSingleUse as releaseSingleUseNumber,
  searchNumbers,
  twilioThroughActions,
} from "./model/numbers/provisioning";
import {
  attachSingleUseNumber,
  checkReusableNumber,
  insertReusableNumber,
  markReleased as markNumberReleased,
  requireNumberEditable,
  setUnsolicited as setUnsolicitedSettings,
  unmarkReleased as unmarkNumberReleased,
  updateNumber,
} from "./model/numbers/writes";
import {
  vCampaignStatus,
  vNumberKind,
  vNumberSearchResult,
  vPhoneNumberDetail,
  vPhoneNumberRow,
  vUnsolicitedSettings,
  type NumberSearchResult,
} from "./validators";

const newReusableArgs = {
  officeId: v.id("offices"),
  phoneNumber: v.string(),
  name: v.string(),
  description: v.string(),
  /** Defaults to 1 for local numbers, 3 for toll-free. */
  messagesPerSecond: v.optional(v.number()),
  unsolicited: vUnsolicitedSettings,
};

/** Numbers of one office or of every office the viewer reads; active ones unless includeReleased. */
export const list = viewerQuery({
  args: {
    officeId: v.optional(v.id("offices")),
    kind: v.optional(vNumberKind),
    includeReleased: v.optional(v.boolean()),
  },
  returns: v.array(vPhoneNumberRow),
  handler: async (ctx, filter) => await listNumbers(ctx, ctx.viewer, filter),
});

export const get = viewerQuery({
  args: { numberId: v.id("phoneNumbers") },
  returns: v.union(vPhoneNumberDetail, v.null()),
  handler: async (ctx, { numberId }) => await numberDetail(ctx, ctx.viewer, numberId),
});

/** Numbers for sale in an area code. Reusable: Admin; single-use: anyone who writes campaigns. */
export const searchAvailable = viewerAction({
  args: { areaCode: v.string(), kind: vNumberKind },
  returns: v.array(vNumberSearchResult),
  handler: async (ctx, { areaCode, kind }): Promise<NumberSearchResult[]> => {
    requireCapability(ctx.viewer, kind === "reusable" ? "numbers.provision" : "campaigns.write");
    return await searchNumbers(twilioThroughActions(ctx), areaCode);
  },
});

export const provisionReusable = viewerAction({
  args: newReusableArgs,
  returns: v.id("phoneNumbers"),
  handler: async (ctx, args): Promise<Id<"phoneNumbers">> => {
    requireOfficeWrite(ctx.viewer, args.officeId, "numbers.provision");
    return await buyReusable(ctx, twilioThroughActions(ctx), args);
  },
});

/** Provisions a single-use number for a draft or scheduled campaign and makes it the campaign's number. */
export const provisionSingleUse = viewerAction({
  args: { campaignId: v.id("campaigns"), phoneNumber: v.string() },
  returns: v.id("phoneNumbers"),
  handler: async (ctx, { campaignId, phoneNumber }): Promise<Id<"phoneNumbers">> => {
    requireCapability(ctx.viewer, "campaigns.write");
    const campaign = await ctx.runQuery(internal.numbers.campaignForNumber, { campaignId });
    requireOfficeWrite(ctx.viewer, campaign.officeId, "campaigns.write");
    requireNumberEditable(campaign);
    return await buySingleUse(ctx, twilioThroughActions(ctx), campaign, phoneNumber);
  },
});

export const update = viewerMutation({
  args: {
    numberId: v.id("phoneNumbers"),
    name: v.optional(v.string()),
    description: v.optional(v.string()),
    messagesPerSecond: v.optional(v.number()),
  },
  returns: v.null(),
  handler: async (ctx, { numberId, ...changes }) => {
    const number = await requireNumber(ctx, numberId);
    requireOfficeWrite(ctx.viewer, number.officeId, "numbers.provision");
    await updateNumber(ctx, number, changes);
    return null;
  },
});

export const setUnsolicited = viewerMutation({
  args: { numberId: v.id("phoneNumbers"), unsolicited: vUnsolicitedSettings },
  returns: v.null(),
  handler: async (ctx, { numberId, unsolicited }) => {
    const number = await requireNumber(ctx, numberId);
    requireOfficeWrite(ctx.viewer, number.officeId, "numbers.unsolicitedSettings");
    await setUnsolicitedSettings(ctx, number, unsolicited);
    return null;
  },
});

/** Releases a number back to Twilio; refused while a campaign is active on it or scheduled to use it. */
export const release = viewerAction({
  args: { numberId: v.id("phoneNumbers") },
  returns: v.null(),
  handler: async (ctx, { numberId }): Promise<null> => {
    const number = await ctx.runQuery(internal.numbers.numberOffice, { numberId });
    requireOfficeWrite(
      ctx.viewer,
      number.officeId,
      number.kind === "reusable" ? "numbers.provision" : "campaigns.write",
    );
    await releaseNumber(ctx, twilioThroughActions(ctx), numberId);
    return null;
  },
});

// ---- Internal: the campaign lifecycle's entry point, and the steps around each Twilio call ----

/** For the campaign lifecycle: releases a single-use number once its campaign is archived (retried on Twilio failures). */
export const releaseSingleUse = internalAction({
  args: { numberId: v.id("phoneNumbers"), attempt: v.optional(v.number()) },
  returns: v.null(),
  handler: async (ctx, { numberId, attempt }): Promise<null> => {
    await releaseSingleUseNumber(ctx, twilioThroughActions(ctx), numberId, attempt ?? 0);
    return null;
  },
});

export const checkReusable = internalQuery({
  args: newReusableArgs,
  returns: v.object({
    officeName: v.string(),
    e164: v.string(),
    name: v.string(),
    description: v.string(),
    messagesPerSecond: v.number(),
    unsolicited: vUnsolicitedSettings,
  }),
  handler: async (ctx, input) => await checkReusableNumber(ctx, input),
});

export const insertReusable = internalMutation({
  args: { ...newReusableArgs, sid: v.string() },
  returns: v.id("phoneNumbers"),
  handler: async (ctx, { sid, ...input }) =>
    await insertReusableNumber(ctx, input, { sid, phoneNumber: input.phoneNumber }, Date.now()),
});

export const campaignForNumber = internalQuery({
  args: { campaignId: v.id("campaigns") },
  returns: v.object({ _id: v.id("campaigns"), officeId: v.id("offices"), title: v.string(), status: vCampaignStatus }),
  handler: async (ctx, { campaignId }) => {
    const campaign = await ctx.db.get("campaigns", campaignId);
    if (campaign === null) throw appError("NOT_FOUND", "That campaign doesn't exist any more.");
    return { _id: campaign._id, officeId: campaign.officeId, title: campaign.title, status: campaign.status };
  },
});

export const attachSingleUse = internalMutation({
  args: { campaignId: v.id("campaigns"), sid: v.string(), phoneNumber: v.string() },
  returns: v.object({ numberId: v.id("phoneNumbers"), replacedNumberId: v.union(v.id("phoneNumbers"), v.null()) }),
  handler: async (ctx, { campaignId, ...provisioned }) =>
    await attachSingleUseNumber(ctx, campaignId, provisioned, Date.now()),
});

export const numberOffice = internalQuery({
  args: { numberId: v.id("phoneNumbers") },
  returns: v.object({ officeId: v.id("offices"), kind: vNumberKind }),
  handler: async (ctx, { numberId }) => {
    const { officeId, kind } = await requireNumber(ctx, numberId);
    return { officeId, kind };
  },
});

export const markReleased = internalMutation({
  args: { numberId: v.id("phoneNumbers"), onlyKind: v.optional(vNumberKind) },
  returns: v.union(v.null(), v.object({ twilioSid: v.string(), e164: v.string() })),
  handler: async (ctx, { numberId, onlyKind }) => await markNumberReleased(ctx, numberId, onlyKind, Date.now()),
});

export const unmarkReleased = internalMutation({
  args: { numberId: v.id("phoneNumbers") },
  returns: v.null(),
  handler: async (ctx, { numberId }) => {
    await unmarkNumberReleased(ctx, numberId);
    return null;
  },
});
