/**
 * The REST front, `/2010-04-01/Accounts/{AccountSid}/…json`: HTTP Basic auth with the account
 * SID and auth token (20003), a cap on requests in flight (429 / 20429), the API faults (added
 * latency, 500 / 20500 at a rate), then the Messages and phone-number resources.
 */
import type { IncomingMessage } from "node:http";
import { sameSecret } from "../secrets.ts";
import type { Core } from "./core.ts";
import { messagesRoute } from "./rest-messages.ts";
import { numbersRoute } from "./rest-numbers.ts";
import { API_VERSION, notFound, TwilioError } from "./resources.ts";
import type { RestRequest, RestResult } from "./rest-request.ts";

const ACCOUNT_PATH = new RegExp(`^/${API_VERSION}/Accounts/([^/]+?)(/.*)$`);

export const isRestPath = (path: string) => path.startsWith(`/${API_VERSION}/`);

function authenticate(core: Core, header: string | undefined, accountInPath: string): void {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? "");
  const decoded = match ? Buffer.from(match[1], "base64").toString("utf8") : "";
  const colon = decoded.indexOf(":");
  const user = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  const ok = colon > 0 && sameSecret(user, core.accountSid) && sameSecret(password, core.authToken);
  if (!ok || accountInPath !== core.accountSid) throw new TwilioError(401, 20003, "Authenticate");
}

function wait(core: Core, ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => core.clock.setTimeout(resolve, ms)) : Promise.resolve();
}

/** Handles one REST request; never throws (errors become Twilio error bodies). */
export async function handleRest(core: Core, req: IncomingMessage, url: URL, body: string): Promise<RestResult> {
  try {
    const match = ACCOUNT_PATH.exec(url.pathname);
    if (!match) throw notFound(url.pathname);
    authenticate(core, req.headers.authorization, match[1]);
    if (core.inFlight >= core.state.config.concurrency) throw new TwilioError(429, 20429, "Too Many Requests");
    core.inFlight++;
    try {
      await wait(core, core.state.faults.apiLatencyMs);
      if (core.random() < core.state.faults.apiErrorRate) throw new TwilioError(500, 20500, "Internal Server Error");
      const r: RestRequest = {
        core,
        method: (req.method ?? "GET").toUpperCase(),
        path: url.pathname,
        query: url.searchParams,
        form: new URLSearchParams(body),
      };
      const result = messagesRoute(r, match[2]) ?? numbersRoute(r, match[2]);
      if (result) return result;
      if (knownPath(match[2])) throw new TwilioError(405, 20004, "Method not allowed");
      throw notFound(url.pathname);
    } finally {
      core.inFlight--;
    }
  } catch (error) {
    if (error instanceof TwilioError) {
      const headers: Record<string, string> =
        error.status === 401 ? { "WWW-Authenticate": 'Basic realm="Twilio API"' } : {};
      return { status: error.status, body: error.toJSON(), headers };
    }
    console.error("Twilio simulator: REST request failed", error);
    return { status: 500, body: new TwilioError(500, 20500, "Internal Server Error").toJSON() };
  }
}

function knownPath(rest: string): boolean {
  return [
    /^\/Messages\.json$/,
    /^\/Messages\/(SM|MM)[0-9a-fA-F]{32}\.json$/,
    /^\/AvailablePhoneNumbers\/[A-Z]{2}\/(Local|TollFree)\.json$/,
    /^\/IncomingPhoneNumbers(\/(Local|TollFree))?\.json$/,
    /^\/IncomingPhoneNumbers\/PN[0-9a-fA-F]{32}\.json$/,
  ].some((re) => re.test(rest));
}
