/**
 * Twilio's webhooks as HTTP: the form parameters, the signature check, and TwiML answers. The
 * signature is HMAC-SHA1 over the URL Twilio requested, which is this deployment's site URL
 * (`CONVEX_SITE_URL`, the one set as the number's SmsUrl) plus the path and query; behind a proxy
 * `request.url` may differ, so both are tried (each still needs the auth token).
 */
import { verifyTwilioSignature } from "./twilioSignature";

/** The POST form's parameters (the last value of a repeated name). */
export async function formParams(request: Request): Promise<Record<string, string>> {
  const params: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(await request.text())) params[name] = value;
  return params;
}

/** The URLs Twilio may have signed for this request. */
export function signedUrls(requestUrl: string, siteUrl: string | undefined): string[] {
  const site = siteUrl?.trim().replace(/\/+$/, "") ?? "";
  const url = new URL(requestUrl);
  const onSite = site === "" ? null : `${site}${url.pathname}${url.search}`;
  return onSite === null || onSite === requestUrl ? [requestUrl] : [onSite, requestUrl];
}

/** Whether Twilio signed this request with the account's auth token. */
export async function isFromTwilio(
  request: Request,
  params: Record<string, string>,
  env: Record<string, string | undefined>,
): Promise<boolean> {
  const token = env.TWILIO_AUTH_TOKEN?.trim() ?? "";
  if (token === "") {
    console.error("TWILIO_AUTH_TOKEN isn't set: Twilio webhooks can't be verified and are refused.");
    return false;
  }
  const signature = request.headers.get("X-Twilio-Signature");
  for (const url of signedUrls(request.url, env.CONVEX_SITE_URL))
    if (await verifyTwilioSignature(token, url, params, signature)) return true;
  return false;
}

/**
 * The parameters as stored (`webhookEvents.params`): names Convex accepts as field names, values
 * cut to 5,000 characters. Twilio's names (AccountSid, Body, …) all pass.
 */
export function storableParams(params: Record<string, string>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(params))
    if (/^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(name)) kept[name] = value.slice(0, 5000);
  return kept;
}

/** A Twilio message SID: two letters (SM, MM) and 32 hex digits. */
const MESSAGE_SID = /^[A-Z]{2}[0-9a-fA-F]{32}$/;
/** A sender or recipient as Twilio writes it: E.164, or a short code's digits. */
const ADDRESS = /^\+?[0-9]{3,15}$/;
/** Every status Twilio reports for a message (Parley tracks some, and records the others as ignored). */
const TWILIO_STATUSES = new Set([
  ...["accepted", "scheduled", "queued", "sending", "sent", "receiving", "received"],
  ...["delivered", "undelivered", "failed", "read", "canceled", "partially_delivered"],
]);

const quoted = (value: string) => JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);

function problemWith(params: Record<string, string>, name: string, format: RegExp, what: string): string | null {
  const value = params[name]?.trim() ?? "";
  if (value === "") return `${name} is required.`;
  return format.test(value) ? null : `${name} ${quoted(value)} is not ${what}.`;
}

/**
 * Why a signed inbound delivery is not a text Twilio could have sent (answered 400, which Twilio
 * doesn't retry, and nothing stored), or null. Twilio always sends these fields.
 */
export function inboundProblem(params: Record<string, string>): string | null {
  const sid = params.MessageSid ?? params.SmsMessageSid ?? params.SmsSid;
  return (
    problemWith({ MessageSid: sid ?? "" }, "MessageSid", MESSAGE_SID, "a Twilio message SID") ??
    problemWith(params, "From", ADDRESS, "a phone number") ??
    problemWith(params, "To", ADDRESS, "a phone number")
  );
}

/** Why a signed status callback is not one Twilio could have sent (400, nothing stored), or null. */
export function statusProblem(params: Record<string, string>): string | null {
  const sid = params.MessageSid ?? params.SmsSid ?? "";
  const status = params.MessageStatus ?? params.SmsStatus ?? "";
  if (status === "") return "MessageStatus is required.";
  if (!TWILIO_STATUSES.has(status)) return `MessageStatus ${quoted(status)} is not a Twilio message status.`;
  return problemWith({ MessageSid: sid }, "MessageSid", MESSAGE_SID, "a Twilio message SID");
}

export function badRequest(problem: string): Response {
  return new Response(`Bad request: ${problem}`, {
    status: 400,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}

/** An empty TwiML answer: Parley replies through the REST API, never in the webhook's answer. */
export function emptyTwiml(): Response {
  return new Response('<?xml version="1.0" encoding="UTF-8"?><Response/>', {
    status: 200,
    headers: { "Content-Type": "text/xml; charset=utf-8" },
  });
}

export function forbidden(): Response {
  return new Response("Forbidden: the request isn't signed by Twilio.", { status: 403 });
}
