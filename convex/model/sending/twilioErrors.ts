/**
 * What a Twilio error means for a text: the reason a person sees (on hover of the red or yellow
 * state) and whether Parley tries again. Pure; shared by the send path (REST errors) and the
 * status callbacks (carrier error codes).
 */

/** Carrier reasons and REST refusals Parley explains in its own words. */
const REASONS: Record<number, string> = {
  30001: "Twilio's queue for this number was full; Parley will send it again",
  30003: "Unreachable: the phone is off or out of coverage",
  30005: "Unknown number: it doesn't exist or is no longer in service",
  30006: "Landline or unreachable carrier: the number can't receive texts",
  30007: "Blocked by the carrier's spam filter",
  30008: "The carrier reported an unknown error",
  21610: "The recipient opted out at the carrier (texted STOP)",
  21211: "Invalid phone number",
  21614: "Not a mobile number: it can't receive texts",
  21611: "Twilio's queue for this number was full; Parley will send it again",
  21602: "The message is empty",
  21617: "The message is longer than Twilio accepts (1,600 characters)",
  21606: "This number can't send texts from this Twilio account",
  21408: "Texting this country isn't enabled on the Twilio account",
  20003: "Twilio refused Parley's credentials: an administrator must check TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN",
  20429: "Twilio was busy (too many requests); Parley will try again",
};

/** Codes after which Parley sends the text again later (a new send, counted as an attempt). */
const RESEND_LATER = new Set([30001, 30003, 21611]);

export function errorReason(code: number | undefined, fallback?: string): string {
  if (code !== undefined && REASONS[code] !== undefined) return REASONS[code];
  if (code !== undefined) return `Twilio error ${code}${fallback ? `: ${fallback}` : ""}`;
  return fallback ?? "Twilio reported an unknown error";
}

/** Whether a carrier/queue failure is worth a new send later (the phone may come back). */
export function isResendable(code: number | undefined): boolean {
  return code !== undefined && RESEND_LATER.has(code);
}

/** What a failed REST request means. `ambiguous`: it may have reached Twilio, so look before resending. */
export type SendError =
  | { kind: "transient"; code?: number; reason: string; ambiguous: boolean }
  | { kind: "final"; code?: number; reason: string };

/** Network failures where the request never left: safe to send again without looking. */
const NEVER_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH"]);

/**
 * Classifies what the twilio SDK threw: a RestException (`status`, `code`), an axios network
 * error (`code` a string such as ECONNRESET, ECONNABORTED on timeout), or anything else.
 * 429/20429 and never-sent network errors: retry. 5xx, timeouts and resets: retry, but the
 * request may have gone through, so look it up first. 4xx: final, with the code's reason.
 */
export function classifySendError(error: unknown): SendError {
  const e = (error ?? {}) as { status?: unknown; code?: unknown; message?: unknown };
  const message = typeof e.message === "string" ? e.message : String(error);
  const code = typeof e.code === "number" ? e.code : undefined;
  if (typeof e.status === "number") {
    if (e.status === 429 || code === 20429)
      return { kind: "transient", code: 20429, reason: errorReason(20429), ambiguous: false };
    if (e.status >= 500)
      return {
        kind: "transient",
        code,
        reason: `Twilio had a server error (${e.status}); Parley will try again`,
        ambiguous: true,
      };
    if (isResendable(code)) return { kind: "transient", code, reason: errorReason(code), ambiguous: false };
    return { kind: "final", code, reason: errorReason(code, message) };
  }
  const ambiguous = !(typeof e.code === "string" && NEVER_SENT.has(e.code));
  return {
    kind: "transient",
    reason: `Couldn't reach Twilio (${typeof e.code === "string" ? e.code : message}); Parley will try again`,
    ambiguous,
  };
}
