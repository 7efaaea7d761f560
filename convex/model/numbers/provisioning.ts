/**
 * The action side of phone numbers. Each Twilio call sits between a check before it (a query) and
 * a write after it (a mutation):
 *   - provisioning: check → Twilio buys the number → record it. If recording fails, the number is
 *     released again (compensation), so Parley never pays for a number nobody can see.
 *   - releasing: mark released (refused while a campaign uses it) → Twilio releases it. If Twilio
 *     refuses, the mark is undone.
 * Twilio is reached through the `TwilioNumbers` interface: `twilioThroughActions(ctx)` hops into
 * the Node actions of `twilio/numbers.ts`, which is where the SDK runs.
 */
import { internal } from "../../_generated/api";
import type { Id } from "../../_generated/dataModel";
import type { ActionCtx } from "../../_generated/server";
import type { NumberKind, NumberSearchResult } from "../../validators";
import { appError, errorCode, errorMessage } from "../shared/errors";
import {
  areaCodeType,
  checkAreaCode,
  checkE164,
  displayNumber,
  DEFAULT_MESSAGES_PER_SECOND,
  friendlyName,
  SEARCH_LIMIT,
} from "../shared/numberRules";
import type { NewReusableNumber } from "./writes";
import { webhookUrls } from "../sending/twilioConfig";
import type { ProvisionedNumber, TwilioNumbers } from "./twilioNumbers";

/** When a failed release of a single-use number is tried again: after 1 min, 10 min, 1 h, 6 h, 24 h. */
export const RELEASE_RETRY_DELAYS_MS = [60_000, 600_000, 3_600_000, 21_600_000, 86_400_000];

/** `TwilioNumbers` for an action in Convex's runtime: each call runs the Node action holding the SDK. */
export function twilioThroughActions(ctx: ActionCtx): TwilioNumbers {
  return {
    searchAvailable: async (query) => await ctx.runAction(internal.twilio.numbers.search, query),
    provision: async (request) => await ctx.runAction(internal.twilio.numbers.provision, request),
    release: async (sid) => {
      await ctx.runAction(internal.twilio.numbers.release, { sid });
    },
  };
}

/** Numbers for sale in the area code; 800, 833, … search toll-free numbers. */
export async function searchNumbers(twilio: TwilioNumbers, rawAreaCode: string): Promise<NumberSearchResult[]> {
  const areaCode = checkAreaCode(rawAreaCode);
  const found = await twilio.searchAvailable({ areaCode, kind: areaCodeType(areaCode), limit: SEARCH_LIMIT });
  return found.map((n) => ({ ...n, messagesPerSecond: DEFAULT_MESSAGES_PER_SECOND[n.type] }));
}

/**
 * Runs `record` for a number Twilio just provisioned; if it throws, releases the number and
 * throws the same error saying so (or, if releasing failed too, a TWILIO error naming the SID to
 * release by hand).
 */
export async function recordOrRelease<T>(
  twilio: TwilioNumbers,
  provisioned: ProvisionedNumber,
  record: () => Promise<T>,
): Promise<T> {
  try {
    return await record();
  } catch (error) {
    const shown = displayNumber(provisioned.phoneNumber);
    try {
      await twilio.release(provisioned.sid);
    } catch (releaseError) {
      console.error(
        `Provisioned ${provisioned.phoneNumber} (${provisioned.sid}), could not record it nor release it`,
        error,
        releaseError,
      );
      throw appError(
        "TWILIO",
        `${errorMessage(error)} Twilio had already provisioned ${shown}, and releasing it failed too (${errorMessage(releaseError)}): release ${provisioned.sid} in the Twilio console.`,
      );
    }
    const code = errorCode(error);
    if (code === null) throw error;
    throw appError(code, `${errorMessage(error)} ${shown} was released back to Twilio, so it isn't kept or billed.`);
  }
}

/** Checks, buys, records. Returns the new number's id. */
export async function provisionReusable(
  ctx: ActionCtx,
  twilio: TwilioNumbers,
  input: NewReusableNumber,
): Promise<Id<"phoneNumbers">> {
  const checked = await ctx.runQuery(internal.numbers.checkReusable, input);
  const provisioned = await twilio.provision({
    phoneNumber: checked.e164,
    friendlyName: friendlyName(["Parley", checked.officeName, checked.name]),
    ...webhookUrls(process.env),
  });
  return await recordOrRelease(twilio, provisioned, async () => {
    return await ctx.runMutation(internal.numbers.insertReusable, { ...input, ...provisioned });
  });
}

/**
 * Buys a single-use number for a draft or scheduled campaign and makes it the campaign's number;
 * a single-use number the campaign had before is released. Returns the new number's id.
 */
export async function provisionSingleUse(
  ctx: ActionCtx,
  twilio: TwilioNumbers,
  campaign: { _id: Id<"campaigns">; title: string },
  phoneNumber: string,
): Promise<Id<"phoneNumbers">> {
  const provisioned = await twilio.provision({
    phoneNumber: checkE164(phoneNumber),
    friendlyName: friendlyName(["Parley", campaign.title]),
    ...webhookUrls(process.env),
  });
  const { numberId, replacedNumberId } = await recordOrRelease(twilio, provisioned, async () => {
    return await ctx.runMutation(internal.numbers.attachSingleUse, { campaignId: campaign._id, ...provisioned });
  });
  if (replacedNumberId !== null) await releaseSingleUse(ctx, twilio, replacedNumberId, 0);
  return numberId;
}

/** Releases the number through Twilio (marking it first; unmarking it if Twilio refuses). */
export async function releaseNumber(
  ctx: ActionCtx,
  twilio: TwilioNumbers,
  numberId: Id<"phoneNumbers">,
  onlyKind?: NumberKind,
): Promise<void> {
  const marked = await ctx.runMutation(internal.numbers.markReleased, { numberId, onlyKind });
  if (marked === null) return;
  try {
    await twilio.release(marked.twilioSid);
  } catch (error) {
    await ctx.runMutation(internal.numbers.unmarkReleased, { numberId });
    throw error;
  }
}

/**
 * Releases a single-use number once its campaign no longer needs it. A Twilio failure is retried
 * later (RELEASE_RETRY_DELAYS_MS), so a number is not left paid for by a passing outage.
 */
export async function releaseSingleUse(
  ctx: ActionCtx,
  twilio: TwilioNumbers,
  numberId: Id<"phoneNumbers">,
  attempt: number,
): Promise<void> {
  try {
    await releaseNumber(ctx, twilio, numberId, "singleUse");
  } catch (error) {
    if (errorCode(error) !== "TWILIO") throw error;
    const delay = RELEASE_RETRY_DELAYS_MS[attempt];
    if (delay === undefined) {
      console.error(`Gave up releasing single-use number ${numberId}: release it from the numbers page.`, error);
      return;
    }
    console.warn(`Releasing single-use number ${numberId} failed; trying again in ${delay / 60_000} min.`, error);
    await ctx.scheduler.runAfter(delay, internal.numbers.releaseSingleUse, { numberId, attempt: attempt + 1 });
  }
}
