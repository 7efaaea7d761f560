/**
 * How Parley reaches Twilio, read from the deployment's environment: the credentials, the
 * optional API base that stands in for https://api.twilio.com (the local simulator), and the
 * webhook URLs Twilio calls back. Pure (the environment is passed in), so it is tested without
 * the SDK; `twilio/sdk.ts` builds the client from it.
 */
import { appError } from "../shared/errors";

export const TWILIO_API_ORIGIN = "https://api.twilio.com";
/** The HTTP routes Twilio calls: inbound messages and message status callbacks (see http.ts). */
export const INBOUND_WEBHOOK_PATH = "/twilio/inbound";
export const STATUS_WEBHOOK_PATH = "/twilio/status";

export type TwilioConfig = { accountSid: string; authToken: string; apiBase: string | null };
type Env = Record<string, string | undefined>;

const HOW_TO_SET =
  "Set them with `npm run backend:env -- set NAME VALUE` on the local backend, or `npx convex env set NAME VALUE` on a deployment.";

/** The credentials and API base, or a TWILIO error naming the variables to set. */
export function twilioConfig(env: Env): TwilioConfig {
  const accountSid = env.TWILIO_ACCOUNT_SID?.trim() ?? "";
  const authToken = env.TWILIO_AUTH_TOKEN?.trim() ?? "";
  const missing = [accountSid === "" && "TWILIO_ACCOUNT_SID", authToken === "" && "TWILIO_AUTH_TOKEN"].filter(Boolean);
  if (missing.length > 0)
    throw appError("TWILIO", `Twilio isn't configured: ${missing.join(" and ")} missing. ${HOW_TO_SET}`);
  if (!accountSid.startsWith("AC"))
    throw appError(
      "TWILIO",
      `TWILIO_ACCOUNT_SID must be the Account SID from the Twilio console (it starts with AC). ${HOW_TO_SET}`,
    );
  return { accountSid, authToken, apiBase: apiBase(env.TWILIO_API_BASE) };
}

/** TWILIO_API_BASE without a trailing slash, or null when unset. */
function apiBase(raw: string | undefined): string | null {
  const base = raw?.trim().replace(/\/+$/, "") ?? "";
  if (base === "") return null;
  if (!/^https?:\/\/[^/]+/.test(base))
    throw appError("TWILIO", `TWILIO_API_BASE must be an http(s) URL such as http://127.0.0.1:3299. ${HOW_TO_SET}`);
  return base;
}

/** The URL with https://api.twilio.com replaced by the API base; other URLs unchanged. */
export function rebaseTwilioUrl(uri: string, base: string | null): string {
  if (base === null) return uri;
  const url = new URL(uri);
  if (url.origin !== TWILIO_API_ORIGIN) return uri;
  return `${base}${url.pathname}${url.search}`;
}

/** Where Twilio sends a number's inbound messages and status callbacks: this deployment's HTTP routes. */
export function webhookUrls(env: Env): { smsUrl: string; statusCallbackUrl: string } {
  const site = env.CONVEX_SITE_URL?.trim().replace(/\/+$/, "") ?? "";
  if (site === "")
    throw appError("TWILIO", "CONVEX_SITE_URL isn't set, so Twilio would have nowhere to deliver replies.");
  return { smsUrl: `${site}${INBOUND_WEBHOOK_PATH}`, statusCallbackUrl: `${site}${STATUS_WEBHOOK_PATH}` };
}
