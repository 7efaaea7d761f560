"use node";
/**
 * The SDK boundary: the only module that builds the twilio SDK client. Everything that talks to
 * Twilio gets it here — `numbersApi()` for phone numbers — so tests replace this one module
 * (`vi.mock("./twilio/sdk")`) and the logic in `model/` never imports the SDK.
 */
import twilio from "twilio";
import type RequestClient from "twilio/lib/base/RequestClient";
import { rebaseTwilioUrl, twilioConfig } from "../model/sending/twilioConfig";
import { twilioMessagesOver, type MessagesSdk, type TwilioMessages } from "../model/sending/twilioMessages";
import { twilioNumbersOver, type TwilioNumbers } from "../model/numbers/twilioNumbers";

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

let cached: { key: string; client: twilio.Twilio } | null = null;

/** Texts: one client per process and configuration (the sender builds this on every tick). */
export function messagesApi(): TwilioMessages {
  const { accountSid, authToken, apiBase } = twilioConfig(process.env);
  const key = `${accountSid}\u0000${authToken}\u0000${apiBase ?? ""}`;
  if (cached?.key !== key) cached = { key, client: twilioClient() };
  return twilioMessagesOver(cached.client as unknown as MessagesSdk);
}
