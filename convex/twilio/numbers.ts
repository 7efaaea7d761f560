"use node";
/**
 * Twilio's phone-number operations as internal Node actions: the one hop from Convex's runtime
 * (where `numbers.ts` checks, authorizes and records) into Node, where the twilio SDK runs.
 * Each is a thin call into `numbersApi()`; the failures it throws are already Parley errors.
 */
import { v } from "convex/values";
import { internalAction } from "../_generated/server";
import { vAvailableNumber, vSearchableType } from "../validators";
import { numbersApi } from "./sdk";

export const search = internalAction({
  args: { areaCode: v.string(), kind: vSearchableType, limit: v.number() },
  returns: v.array(vAvailableNumber),
  handler: async (_ctx, query) => await numbersApi().searchAvailable(query),
});

export const provision = internalAction({
  args: { phoneNumber: v.string(), friendlyName: v.string(), smsUrl: v.string(), statusCallbackUrl: v.string() },
  returns: v.object({ sid: v.string(), phoneNumber: v.string() }),
  handler: async (_ctx, request) => await numbersApi().provision(request),
});

export const release = internalAction({
  args: { sid: v.string() },
  returns: v.null(),
  handler: async (_ctx, { sid }) => {
    await numbersApi().release(sid);
    return null;
  },
});
