/**
 * The JSON Twilio's 2010 API answers with, shaped as in its OpenAPI description
 * (its schemas in `spec/twilio-api-v2010-excerpt.json`, checked by `spec.test.ts`): snake_case fields, RFC 2822 dates, string
 * counts, `uri` and `subresource_uris`, and the `{ code, message, more_info, status }` error body.
 */
import { numberKind, placeOf, friendlyName as formatNumber } from "./phone.ts";
import type { MessageRecord, NumberRecord } from "./state.ts";

export const API_VERSION = "2010-04-01";

/** "Thu, 24 Aug 2023 05:01:45 +0000" */
export function rfc2822(ms: number): string {
  return new Date(ms).toUTCString().replace("GMT", "+0000");
}

const rfc2822OrNull = (ms: number | null) => (ms === null ? null : rfc2822(ms));

/** The text Twilio puts in `error_message` for the asynchronous errors the simulator produces. */
export const ERROR_MESSAGES: Record<number, string> = {
  21610: "Attempt to send to unsubscribed recipient",
  30001: "Queue overflow",
  30003: "Unreachable destination handset",
  30005: "Unknown destination handset",
  30006: "Landline or unreachable carrier",
  30007: "Carrier violation",
  30008: "Unknown error",
};

/** An error answered as Twilio's error body, `{ code, message, more_info, status }`. */
export class TwilioError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }

  toJSON() {
    return {
      code: this.code,
      message: this.message,
      more_info: `https://www.twilio.com/docs/errors/${this.code}`,
      status: this.status,
    };
  }
}

export const badRequest = (code: number, message: string) => new TwilioError(400, code, message);

export function notFound(path: string): TwilioError {
  return new TwilioError(404, 20404, `The requested resource ${path} was not found`);
}

const base = (accountSid: string) => `/${API_VERSION}/Accounts/${accountSid}`;

export function messageJson(m: MessageRecord) {
  const uri = `${base(m.accountSid)}/Messages/${m.sid}`;
  return {
    account_sid: m.accountSid,
    api_version: API_VERSION,
    body: m.body,
    date_created: rfc2822(m.dateCreated),
    date_sent: rfc2822OrNull(m.dateSent),
    date_updated: rfc2822(m.dateUpdated),
    direction: m.direction,
    error_code: m.errorCode,
    error_message: m.errorMessage,
    from: m.from,
    messaging_service_sid: null,
    num_media: "0",
    num_segments: String(m.numSegments),
    price: null,
    price_unit: "USD",
    sid: m.sid,
    status: m.status,
    subresource_uris: { media: `${uri}/Media.json`, feedback: `${uri}/Feedback.json` },
    to: m.to,
    uri: `${uri}.json`,
  };
}

export function numberJson(n: NumberRecord) {
  return {
    account_sid: n.accountSid,
    address_requirements: "none",
    address_sid: null,
    api_version: API_VERSION,
    beta: false,
    capabilities: { voice: true, sms: true, mms: true, fax: false },
    date_created: rfc2822(n.dateCreated),
    date_updated: rfc2822(n.dateUpdated),
    emergency_status: "Inactive",
    emergency_address_sid: null,
    emergency_address_status: "unregistered",
    friendly_name: n.friendlyName,
    identity_sid: null,
    origin: "twilio",
    phone_number: n.phoneNumber,
    sid: n.sid,
    sms_application_sid: "",
    sms_fallback_method: n.smsFallbackMethod,
    sms_fallback_url: n.smsFallbackUrl,
    sms_method: n.smsMethod,
    sms_url: n.smsUrl,
    status_callback: n.statusCallback,
    status_callback_method: n.statusCallbackMethod,
    trunk_sid: null,
    uri: `${base(n.accountSid)}/IncomingPhoneNumbers/${n.sid}.json`,
    voice_application_sid: "",
    voice_caller_id_lookup: false,
    voice_fallback_method: "POST",
    voice_fallback_url: null,
    voice_method: n.voiceMethod,
    voice_url: n.voiceUrl,
    voice_receive_mode: "voice",
    status: "in-use",
    bundle_sid: null,
    type: numberKind(n.phoneNumber) === "toll-free" ? "toll-free" : "local",
  };
}

export function availableNumberJson(phone: string) {
  const place = numberKind(phone) === "toll-free" ? null : placeOf(phone);
  return {
    address_requirements: "none",
    beta: false,
    capabilities: { mms: true, sms: true, voice: true },
    friendly_name: formatNumber(phone),
    iso_country: "US",
    lata: null,
    latitude: place ? place.latitude.toFixed(6) : null,
    locality: place?.city ?? null,
    longitude: place ? place.longitude.toFixed(6) : null,
    phone_number: phone,
    postal_code: place?.zip ?? null,
    rate_center: place ? place.city.toUpperCase() : null,
    region: place?.state ?? null,
  };
}
