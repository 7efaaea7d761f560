"use node";
/**
 * The SDK boundary: the only module that builds the twilio SDK client. Everything that talks to
 * Twilio gets it here — `numbersApi()` for phone numbers — so tests replace this one module
 * (`vi.mock("./twilio/sdk")`) and the logic in `model/` never imports the SDK.
 */
import twilio from "twilio";
import type RequestClient from "twilio/lib/base/RequestClient";
import { rebaseTwilioUrl, twilioConfig } from "../model/twilioConfig";
import { twilioNumbersOver, type TwilioNumbers } from "../model/twilioNumbers";

/** Sends every request meant for https://api.twilio.com to `apiBase` (the local simulator). */
class RebasedRequestClient extends twilio.RequestClient {
  constructor(private readonly apiBase: string) {
    super();
  }

  override async request<TData>(opts: RequestClient.RequestOptions<TData>) {
    return await super.request<TData>({ ...opts, uri: rebaseTwilioUrl(opts.uri, this.apiBase) });
  }
}

/**
 * The twilio client from TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN; with TWILIO_API_BASE set, its
 * requests go there instead of https://api.twilio.com. Throws TWILIO naming what to set.
 */
export function twilioClient(): twilio.Twilio {
  const { accountSid, authToken, apiBase } = twilioConfig(process.env);
  return twilio(accountSid, authToken, apiBase === null ? {} : { httpClient: new RebasedRequestClient(apiBase) });
}

export function numbersApi(): TwilioNumbers {
  return twilioNumbersOver(twilioClient());
}
