/**
 * Sending texts through Twilio, over the slice of the SDK Parley uses (`MessagesSdk`), so the
 * logic runs in tests against a fake account and in production against the real client
 * (`twilio/sdk.ts`). Never throws: every outcome is data the record step stores.
 */
import { classifySendError, type SendError } from "./twilioErrors";

export type SendRequest = { to: string; from: string; body: string; statusCallback: string };
type SdkMessage = { sid: string; status: string; body: string; dateCreated: Date | null };

/** The slice of `client.messages` Parley uses. */
export type MessagesSdk = {
  messages: {
    create(params: SendRequest): Promise<{ sid: string; status: string }>;
    list(params: { to: string; from: string; limit: number }): Promise<SdkMessage[]>;
  };
};

export type SendResult = { kind: "accepted"; sid: string; status: string } | SendError;

export interface TwilioMessages {
  send(request: SendRequest): Promise<SendResult>;
  /** The text Twilio already has from an earlier attempt whose outcome was lost, if any. */
  find(request: FindRequest): Promise<FindResult>;
}

export type FindRequest = { to: string; from: string; body: string; since: number };
/** Every copy Twilio has, newest first (the record step skips copies another message owns). */
export type FindResult = { kind: "found"; copies: { sid: string; status: string }[] } | SendError;

/** How far back a lookup reads: the newest texts from the number to the contact. */
export const LOOKUP_PAGE = 50;

export function twilioMessagesOver(sdk: MessagesSdk): TwilioMessages {
  return {
    async send(request) {
      try {
        const message = await sdk.messages.create(request);
        return { kind: "accepted", sid: message.sid, status: message.status };
      } catch (error) {
        return classifySendError(error);
      }
    },
    async find({ to, from, body, since }) {
      try {
        const recent = await sdk.messages.list({ to, from, limit: LOOKUP_PAGE });
        const copies = recent.filter((m) => isCopy(m, body, since)).map(({ sid, status }) => ({ sid, status }));
        return { kind: "found", copies };
      } catch (error) {
        return classifySendError(error);
      }
    },
  };
}

/**
 * Whether a text at Twilio is the one an earlier attempt sent: same body, created no earlier than
 * that attempt's claim (Twilio's dates have whole seconds). Filtering by DateSent would miss a
 * text still queued at Twilio: its date_sent is empty until it goes out.
 */
export function isCopy(m: SdkMessage, body: string, since: number): boolean {
  return m.body === body && m.dateCreated !== null && m.dateCreated.getTime() >= Math.floor(since / 1000) * 1000;
}
