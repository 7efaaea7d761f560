/**
 * POST /twilio/status: Twilio's message status callbacks. The signature is checked over the URL
 * the request came to and its form parameters (403, nothing stored, when it doesn't match); a
 * callback without a well-formed MessageSid and MessageStatus is refused (400, nothing stored);
 * then the callback is stored (its parameters as `storableParams` keeps them: a field name Convex
 * refuses or a huge value must not fail the transaction) and applied in one transaction
 * (`model/sending/statusCallbacks.ts`).
 */
import { v } from "convex/values";
import { internal } from "../_generated/api";
import { httpAction, internalMutation } from "../_generated/server";
import { receiveStatus } from "../model/sending/statusCallbacks";
import { verifyTwilioSignature } from "../model/sending/twilioSignature";
import { badRequest, formParams, statusProblem, storableParams } from "../model/sending/webhook";

export const status = httpAction(async (ctx, request) => {
  const params = await formParams(request);
  const signature = request.headers.get("X-Twilio-Signature");
  const authToken = process.env.TWILIO_AUTH_TOKEN?.trim() ?? "";
  if (!(await verifyTwilioSignature(authToken, request.url, params, signature)))
    return new Response("Invalid Twilio signature", { status: 403 });
  const problem = statusProblem(params);
  if (problem !== null) return badRequest(problem);
  await ctx.runMutation(internal.twilio.status.receive, { params: storableParams(params), receivedAt: Date.now() });
  return new Response(null, { status: 204 });
});

export const receive = internalMutation({
  args: { params: v.record(v.string(), v.string()), receivedAt: v.number() },
  returns: v.string(),
  handler: async (ctx, { params, receivedAt }) => await receiveStatus(ctx, params, receivedAt),
});
