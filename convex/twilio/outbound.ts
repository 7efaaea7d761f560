"use node";
/**
 * The number's sender tick (see model/sending/README.md): claims what may go next, fires each reserved
 * group through the twilio SDK at its instant, records what Twilio answered. The claim has
 * already scheduled the next tick.
 */
import { v } from "convex/values";
import { internal } from "../_generated/api";
import { internalAction } from "../_generated/server";
import { runTick } from "../model/sending/tick";
import { webhookUrls } from "../model/sending/twilioConfig";
import { messagesApi } from "./sdk";

export const tick = internalAction({
  args: { numberId: v.id("phoneNumbers"), token: v.number() },
  returns: v.null(),
  handler: async (ctx, { numberId, token }) => {
    const claim = await ctx.runMutation(internal.twilio.sends.claim, { numberId, token });
    await runTick(claim, {
      api: () => ({ messages: messagesApi(), statusCallback: webhookUrls(process.env).statusCallbackUrl }),
      check: async (messageIds) => await ctx.runQuery(internal.twilio.sends.sendable, { messageIds }),
      record: async (group) => {
        await ctx.runMutation(internal.twilio.sends.record, { numberId, ...group });
      },
      resolve: async (results) => {
        await ctx.runMutation(internal.twilio.sends.resolveLookups, { results });
      },
      sleep: async (ms) => await new Promise((resolve) => setTimeout(resolve, ms)),
      now: () => Date.now(),
    });
    return null;
  },
});
