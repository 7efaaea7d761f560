/**
 * A contact texting one of the account's numbers: the inbound Message resource, Twilio's default
 * opt-out keywords (a carrier-level opt-out per sender and contact, with Twilio's confirmation
 * replies), the signed webhook to the number's SmsUrl — retried with the same MessageSid, then
 * its SmsFallbackUrl — and the TwiML `<Message>` replies in its answer.
 */
import { messageView } from "./events.ts";
import type { Messaging } from "./messaging.ts";
import { parseNumber, placeOf } from "./phone.ts";
import { API_VERSION, TwilioError } from "./resources.ts";
import { countSegments } from "./segments.ts";
import type { SimContext } from "./sim-context.ts";
import { newSid, type MessageRecord, type NumberRecord } from "./state.ts";
import { parseMessagingTwiml } from "./twiml.ts";
import type { Reply } from "./webhooks.ts";

export const OPT_OUT_KEYWORDS = ["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"];
export const OPT_IN_KEYWORDS = ["START", "UNSTOP"];
export const HELP_KEYWORDS = ["HELP", "INFO"];

export const STOP_REPLY =
  "You have successfully been unsubscribed. You will not receive any more messages from this number. Reply START to resubscribe.";
export const START_REPLY =
  "You have successfully been re-subscribed to messages from this number. Reply HELP for help. Reply STOP to unsubscribe. Msg&Data Rates May Apply.";
export const HELP_REPLY = "Reply STOP to unsubscribe. Msg&Data Rates May Apply.";

/** A mistake in a control request, answered 400 with `{ error }`. */
export class ControlError extends Error {}

type OptOutType = "STOP" | "START" | "HELP";

export class Inbound {
  constructor(
    private core: SimContext,
    private messaging: Messaging,
  ) {}

  /** Stores the text and starts the webhook; returns at once (the webhook runs on its own). */
  receive(input: { from: string; to: string; body: string }): MessageRecord {
    const from = parseNumber(String(input.from ?? ""));
    if (!from) throw new ControlError(`"from" must be a phone number, got "${input.from}"`);
    const to = parseNumber(String(input.to ?? ""));
    const number = to ? this.core.state.numberByPhone(to) : undefined;
    if (!to || !number) throw new ControlError(`"to" must be a number this account owns, got "${input.to}"`);
    const body = String(input.body ?? "");
    const now = this.core.clock.now();
    const m: MessageRecord = {
      sid: newSid("SM"),
      accountSid: this.core.accountSid,
      seq: ++this.core.state.seq,
      from,
      to,
      body,
      direction: "inbound",
      status: "received",
      numSegments: countSegments(body).segments,
      encoding: countSegments(body).encoding,
      dateCreated: now,
      dateUpdated: now,
      dateSent: now,
      errorCode: null,
      errorMessage: null,
      statusCallback: null,
      history: [{ status: "received", at: now, errorCode: null }],
    };
    this.core.state.messages.set(m.sid, m);
    this.core.events.emit({ type: "message", message: messageView(m) });
    const optOutType = this.keywords(m);
    this.core.changed();
    if (number.smsUrl) void this.webhook(m, number, optOutType);
    return m;
  }

  /** Twilio's default keyword handling; the OptOutType the webhook reports, if any. */
  private keywords(m: MessageRecord): OptOutType | undefined {
    const word = m.body.trim().toUpperCase();
    const { state } = this.core;
    const { messaging } = this;
    const reply = (body: string) => {
      try {
        const out = { from: m.to, to: m.from, body, statusCallback: null, direction: "outbound-reply" as const };
        messaging.send(messaging.check({ ...out, skipOptOutCheck: true }));
      } catch {
        // A contact rule that refuses sends (invalid, not-mobile) refuses Twilio's replies too.
      }
    };
    if (OPT_OUT_KEYWORDS.includes(word)) {
      state.setOptOut(m.to, m.from, true);
      this.core.events.emit({ type: "opt-out", sender: m.to, contact: m.from, optedOut: true });
      if (state.config.optOutReplies) reply(STOP_REPLY);
      return "STOP";
    }
    if (OPT_IN_KEYWORDS.includes(word) || (word === "YES" && state.isOptedOut(m.to, m.from))) {
      state.setOptOut(m.to, m.from, false);
      this.core.events.emit({ type: "opt-out", sender: m.to, contact: m.from, optedOut: false });
      if (state.config.optOutReplies) reply(START_REPLY);
      return "START";
    }
    if (HELP_KEYWORDS.includes(word)) {
      if (state.config.helpReply) reply(HELP_REPLY);
      return "HELP";
    }
    return undefined;
  }

  private async webhook(m: MessageRecord, number: NumberRecord, optOutType?: OptOutType): Promise<void> {
    const params = webhookParams(m, optOutType);
    const { config } = this.core.state;
    const base = { type: "webhook" as const, messageSid: m.sid, retries: config.webhookRetries };
    let reply = await this.core.webhooks.deliver({ ...base, url: number.smsUrl, method: number.smsMethod, params });
    if (!reply && number.smsFallbackUrl) {
      const fallback = { ...params, ErrorCode: "11200", ErrorUrl: number.smsUrl };
      reply = await this.core.webhooks.deliver({
        ...base,
        url: number.smsFallbackUrl,
        method: number.smsFallbackMethod,
        params: fallback,
      });
    }
    if (reply) this.honourTwiml(m, reply);
  }

  private honourTwiml(m: MessageRecord, reply: Reply): void {
    const messages = parseMessagingTwiml(reply.body);
    if (!messages) return;
    for (const tm of messages) {
      try {
        const out = this.messaging.check({
          from: tm.from ?? m.to,
          to: tm.to ?? m.from,
          body: tm.body,
          statusCallback: tm.statusCallback ?? null,
          direction: "outbound-reply",
        });
        const sent = this.messaging.send(out);
        this.core.events.emit({ type: "twiml", inboundSid: m.sid, outcome: "sent", replySid: sent.sid });
      } catch (error) {
        const code = error instanceof TwilioError ? error.code : undefined;
        const message = error instanceof Error ? error.message : String(error);
        this.core.events.emit({ type: "twiml", inboundSid: m.sid, outcome: "rejected", code, error: message });
      }
    }
  }
}

/** The form Twilio posts to an SmsUrl for an incoming SMS. */
export function webhookParams(m: MessageRecord, optOutType?: OptOutType): Record<string, string> {
  const fromPlace = placeOf(m.from);
  const toPlace = placeOf(m.to);
  const params: Record<string, string> = {
    ToCountry: "US",
    ToState: toPlace?.state ?? "",
    SmsMessageSid: m.sid,
    NumMedia: "0",
    ToCity: toPlace?.city.toUpperCase() ?? "",
    FromZip: fromPlace?.zip ?? "",
    SmsSid: m.sid,
    FromState: fromPlace?.state ?? "",
    SmsStatus: "received",
    FromCity: fromPlace?.city.toUpperCase() ?? "",
    Body: m.body,
    FromCountry: "US",
    To: m.to,
    ToZip: toPlace?.zip ?? "",
    NumSegments: String(m.numSegments),
    MessageSid: m.sid,
    AccountSid: m.accountSid,
    From: m.from,
    ApiVersion: API_VERSION,
  };
  if (optOutType) params.OptOutType = optOutType;
  return params;
}
