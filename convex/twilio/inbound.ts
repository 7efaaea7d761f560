/**
 * Twilio's inbound-message webhook (`POST /twilio/inbound`, routed in http.ts): refuses anything
 * not signed with TWILIO_AUTH_TOKEN (403, nothing stored) or lacking a well-formed MessageSid,
 * From and To (400 with the reason, nothing stored), hands the text to `receive` (one transaction,
 * idempotent on MessageSid: Twilio's retries of one text store it once) and answers an empty
 * TwiML `<Response/>` — replies go out through the REST API (`model/sending/outbound.ts`).
 */
import { v } from "convex/values";
import { internal } from "../_generated/api";
import { httpAction, internalMutation } from "../_generated/server";
import { receiveInbound } from "../model/conversations/inbound";
import {
  badRequest,
  emptyTwiml,
  forbidden,
  formParams,
  inboundProblem,
  isFromTwilio,
  storableParams,
} from "../model/sending/webhook";

export const webhook = httpAction(async (ctx, request) => {
  const params = await formParams(request);
  if (!(await isFromTwilio(request, params, process.env))) return forbidden();
  const problem = inboundProblem(params);
  if (problem !== null) return badRequest(problem);
  await ctx.runMutation(internal.twilio.inbound.receive, { params: storableParams(params) });
  return emptyTwiml();
});

/** Stores and routes one inbound text (see `model/conversations/inbound.ts`); returns what was done. */
export const receive = internalMutation({
  args: { params: v.record(v.string(), v.string()) },
  returns: v.string(),
  handler: async (ctx, { params }) => await receiveInbound(ctx, params, Date.now()),
});
