/**
 * Twilio's phone-number operations — search, provision, release — behind one interface, so the
 * numbers logic never sees the SDK: `twilio/sdk.ts` builds the real one over the twilio SDK with
 * `twilioNumbersOver`, tests pass a fake. Here Twilio's failures become Parley errors with a
 * sentence a person can act on, and "too many requests" (429/20429) is retried with backoff.
 */
import type { AvailableNumber, SearchableType } from "../../validators";
import { appError, errorCode } from "../shared/errors";
import { displayNumber } from "../shared/numberRules";

export type ProvisionRequest = { phoneNumber: string; friendlyName: string; smsUrl: string; statusCallbackUrl: string };
export type ProvisionedNumber = { sid: string; phoneNumber: string };

export interface TwilioNumbers {
  /** SMS-capable US numbers for sale in the area code, at most `limit`. */
  searchAvailable(query: { areaCode: string; kind: SearchableType; limit: number }): Promise<AvailableNumber[]>;
  /** Buys the number and points its messaging webhooks at Parley. */
  provision(request: ProvisionRequest): Promise<ProvisionedNumber>;
  /** Gives the number back to Twilio. A number Twilio no longer has (20404) counts as released. */
  release(sid: string): Promise<void>;
}

type AvailableList = {
  list(params: {
    areaCode?: number;
    smsEnabled?: boolean;
    limit?: number;
    pageSize?: number;
  }): Promise<{ phoneNumber: string; friendlyName: string; locality: string | null; region: string | null }[]>;
};

/** The slice of the twilio SDK client used here, so unit tests can stand in for it. */
export type NumbersSdk = {
  availablePhoneNumbers(countryCode: string): { local: AvailableList; tollFree: AvailableList };
  incomingPhoneNumbers: {
    (sid: string): { remove(): Promise<boolean> };
    create(params: {
      phoneNumber: string;
      friendlyName: string;
      smsUrl: string;
      smsMethod: string;
      statusCallback: string;
      statusCallbackMethod: string;
    }): Promise<{ sid: string; phoneNumber: string }>;
  };
};

/** How long to wait before each retry of a rate-limited request; `sleep` is replaced in tests. */
export type RetryPolicy = { delaysMs: readonly number[]; sleep: (ms: number) => Promise<void> };
export const TWILIO_RETRY: RetryPolicy = {
  delaysMs: [500, 1_000, 2_000],
  sleep: async (ms) => await new Promise((resolve) => setTimeout(resolve, ms)),
};

/** What the twilio SDK throws for an HTTP error (its RestException). */
type RestError = { status: number; code?: number; message?: string };
const isRestError = (error: unknown): error is RestError =>
  typeof error === "object" && error !== null && typeof (error as { status?: unknown }).status === "number";
const isRateLimited = (error: unknown) => isRestError(error) && (error.status === 429 || error.code === 20429);
const isNotFound = (error: unknown) => isRestError(error) && (error.code === 20404 || error.status === 404);

/** Runs `op`, retrying while Twilio answers 429/20429, as many times as the policy has delays. */
export async function withRetry<T>(op: () => Promise<T>, policy: RetryPolicy): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await op();
    } catch (error) {
      if (!isRateLimited(error) || attempt >= policy.delaysMs.length) throw error;
      await policy.sleep(policy.delaysMs[attempt]);
    }
  }
}

/**
 * The Parley error for what Twilio (or the network) threw: a sentence that says what to do.
 * Parley errors pass through; anything unrecognised (a bug) is returned unchanged.
 */
export function twilioFailure(error: unknown, phoneNumber?: string): unknown {
  if (errorCode(error) !== null) return error;
  if (isRestError(error))
    return restFailure(error, phoneNumber === undefined ? "That number" : displayNumber(phoneNumber));
  const network = (error as { code?: unknown } | null)?.code;
  if (typeof network === "string")
    return appError("TWILIO", `Couldn't reach Twilio (${network}). Try again in a moment.`);
  return error;
}

function restFailure(error: RestError, shown: string) {
  if (error.code === 20003 || error.status === 401)
    return appError("TWILIO", "Twilio rejected the credentials: check TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN.");
  if (error.code === 21422)
    return appError(
      "NUMBER_UNAVAILABLE",
      `${shown} isn't available from Twilio any more. Search again and pick another number.`,
    );
  if (error.code === 21452)
    return appError("NUMBER_UNAVAILABLE", "Twilio has no numbers left in that area code. Try a nearby one.");
  if (error.code === 21421) return appError("INVALID", `Twilio says ${shown} isn't a valid phone number.`);
  if (isNotFound(error)) return appError("NOT_FOUND", `Twilio has no record of ${shown} on this account.`);
  if (isRateLimited(error))
    return appError("TWILIO", "Twilio is receiving too many requests from Parley right now. Try again in a minute.");
  if (error.status >= 500)
    return appError("TWILIO", `Twilio is having trouble (HTTP ${error.status}). Try again in a moment.`);
  const reason = error.message ? `${error.message.replace(/\.$/, "")}` : `HTTP ${error.status}`;
  return appError("TWILIO", `Twilio refused the request: ${reason} (error ${error.code ?? error.status}).`);
}

/** The real implementation over the twilio SDK client. */
export function twilioNumbersOver(sdk: NumbersSdk, policy: RetryPolicy = TWILIO_RETRY): TwilioNumbers {
  const call = async <T>(op: () => Promise<T>, phoneNumber?: string): Promise<T> => {
    try {
      return await withRetry(op, policy);
    } catch (error) {
      throw twilioFailure(error, phoneNumber);
    }
  };
  return {
    searchAvailable: async ({ areaCode, kind, limit }) => {
      const numbers = sdk.availablePhoneNumbers("US")[kind];
      const found = await call(() =>
        numbers.list({ areaCode: Number(areaCode), smsEnabled: true, limit, pageSize: limit }),
      );
      return found.slice(0, limit).map((n) => ({
        phoneNumber: n.phoneNumber,
        friendlyName: n.friendlyName,
        locality: n.locality ?? "",
        region: n.region ?? "",
        type: kind,
      }));
    },
    provision: async ({ phoneNumber, friendlyName, smsUrl, statusCallbackUrl }) => {
      const created = await call(
        () =>
          sdk.incomingPhoneNumbers.create({
            phoneNumber,
            friendlyName,
            smsUrl,
            smsMethod: "POST",
            statusCallback: statusCallbackUrl,
            statusCallbackMethod: "POST",
          }),
        phoneNumber,
      );
      return { sid: created.sid, phoneNumber: created.phoneNumber };
    },
    release: async (sid) => {
      await call(async () => {
        try {
          await sdk.incomingPhoneNumbers(sid).remove();
        } catch (error) {
          if (!isNotFound(error)) throw error;
        }
      });
    },
  };
}
