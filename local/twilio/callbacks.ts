/**
 * Status callbacks for outbound messages: Twilio's form parameters for each status change after
 * creation, and the callback faults — dropped, duplicated (same idempotency token), reordered
 * (a message's `sent` held back until its final status has been delivered).
 */
import { randomUUID } from "node:crypto";
import { API_VERSION } from "./resources.ts";
import type { SimContext } from "./sim-context.ts";
import type { MessageRecord } from "./state.ts";
import type { Delivery } from "./webhooks.ts";

export class StatusCallbacks {
  /** Messages whose `sent` callback waits for the final one (reorder fault). */
  private held = new Map<string, Delivery | null>();

  constructor(private core: SimContext) {}

  /** Decides, once per message, whether its callbacks come out of order. */
  created(m: MessageRecord): void {
    if (m.statusCallback && this.core.random() < this.core.state.faults.reorderCallbackRate) this.held.set(m.sid, null);
  }

  /** Posts the message's new status to its StatusCallback. */
  changed(m: MessageRecord): void {
    const params: Record<string, string> = {
      AccountSid: m.accountSid,
      ApiVersion: API_VERSION,
      From: m.from,
      MessageSid: m.sid,
      MessageStatus: m.status,
      SmsSid: m.sid,
      SmsStatus: m.status,
      To: m.to,
    };
    if (m.errorCode !== null) params.ErrorCode = String(m.errorCode);
    if (m.status === "delivered" || m.status === "undelivered") params.RawDlrDoneDate = dlrDate(m.dateUpdated);
    const delivery: Delivery = {
      type: "callback",
      messageSid: m.sid,
      url: m.statusCallback as string,
      method: "POST",
      params,
      status: m.status,
      retries: this.core.state.config.callbackRetries,
    };
    if (m.status === "sent" && this.held.has(m.sid)) return void this.held.set(m.sid, delivery);
    const held = this.held.get(m.sid);
    this.held.delete(m.sid);
    void this.send(delivery).then(() => held && this.send(held));
  }

  private async send(delivery: Delivery): Promise<void> {
    const { faults } = this.core.state;
    if (this.core.random() < faults.dropCallbackRate) {
      const { type, messageSid, url, status } = delivery;
      this.core.events.emit({ type, messageSid, url, status, attempt: 0, outcome: "dropped" });
      return;
    }
    const twice = this.core.random() < faults.duplicateCallbackRate;
    const token = randomUUID();
    await this.core.webhooks.deliver({ ...delivery, token });
    if (twice) await this.core.webhooks.deliver({ ...delivery, token, duplicate: true });
  }

  clear(): void {
    this.held.clear();
  }
}

/** RawDlrDoneDate: YYMMDDhhmm. */
function dlrDate(ms: number): string {
  const d = new Date(ms).toISOString();
  return d.slice(2, 4) + d.slice(5, 7) + d.slice(8, 10) + d.slice(11, 13) + d.slice(14, 16);
}
