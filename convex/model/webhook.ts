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
