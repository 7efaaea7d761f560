/**
 * POST /twilio/status: the signature check (a forged callback is refused and nothing is stored),
 * and the status rules under Twilio's delivery habits: 1,000 random orders of one message's
 * callbacks, with duplicates, always end on the right status and store every callback once.
 */
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import { twilioSignature } from "../model/sending/twilioSignature";
import { fakeMessages, newTest, sendingWorld, type T } from "../setup.test";
import type { MessageStatus } from "../validators";

vi.mock("./sdk", async () => (await import("../setup.test")).fakeTwilioSdk());

const TOKEN = "test-auth-token";
/** The URL convex-test gives every `t.fetch` request. */
const URL_SEEN = "https://some.convex.site/twilio/status";

beforeEach(() => {
  vi.stubEnv("TWILIO_AUTH_TOKEN", TOKEN);
  vi.stubEnv("CONVEX_SITE_URL", "https://some.convex.site");
  fakeMessages.reset();
});
afterEach(() => vi.unstubAllEnvs());

async function world() {
  const t = newTest();
  const w = await sendingWorld(t);
  let sids = 0;
  /** A text Twilio accepted (`queued`), as the record step leaves it. */
  const sentMessage = async (attempts = 1) => {
    sids += 1;
    const sid = `SM${String(sids).padStart(32, "0")}`;
    const id = await t.run(async (ctx) => {
      const c = w.contacts[0];
      return await ctx.db.insert("messages", {
        ...{ conversationId: c.conversationId, contactId: c.contactId, numberId: w.numberId, direction: "outbound" },
        ...{ author: "agent", body: "Hello", segments: 1, from: "+16175551001", to: c.phone, status: "queued" },
        ...{ twilioSid: sid, attempts },
      });
    });
    return { id, sid };
  };
  return { t, ...w, sentMessage };
}

function post(t: T, params: Record<string, string>, signature: string | null) {
  return t.fetch("/twilio/status", {
    method: "POST",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      ...(signature === null ? {} : { "X-Twilio-Signature": signature }),
    },
    body: new URLSearchParams(params).toString(),
  });
}

const events = (t: T) => t.run(async (ctx) => await ctx.db.query("webhookEvents").collect());
const messageOf = (t: T, id: Id<"messages">) =>
  t.run(async (ctx) => (await ctx.db.get("messages", id)) as Doc<"messages">);

describe("the signature", () => {
  test("a forged, missing or misdirected signature is refused with 403 and nothing is stored", async () => {
    const w = await world();
    const { id, sid } = await w.sentMessage();
    const params = { MessageSid: sid, MessageStatus: "delivered", AccountSid: "AC1", To: "+16175552000" };
    const forged = await twilioSignature("someone-elses-token", URL_SEEN, params);
    const elsewhere = await twilioSignature(TOKEN, "https://evil.example/twilio/status", params);
    for (const signature of [forged, elsewhere, null, "", "not base64!"]) {
      const response = await post(w.t, params, signature);
      expect(response.status).toBe(403);
    }
    const tampered = await twilioSignature(TOKEN, URL_SEEN, { ...params, MessageStatus: "sent" });
    expect((await post(w.t, params, tampered)).status).toBe(403);
    expect(await events(w.t)).toEqual([]);
    expect((await messageOf(w.t, id)).status).toBe("queued");
  });

  test("a signed callback is stored with its outcome and applied; the same one again changes nothing", async () => {
    const w = await world();
    const { id, sid } = await w.sentMessage();
    const params = { MessageSid: sid, MessageStatus: "delivered", SmsSid: sid, SmsStatus: "delivered" };
    const signature = await twilioSignature(TOKEN, URL_SEEN, params);
    expect((await post(w.t, params, signature)).status).toBe(204);
    const delivered = await messageOf(w.t, id);
    expect(delivered.status).toBe("delivered");
    expect((await post(w.t, params, signature)).status).toBe(204);
    expect(await messageOf(w.t, id)).toEqual(delivered);
    expect((await events(w.t)).map((e) => [e.status, e.outcome])).toEqual([
      ["delivered", "applied"],
      ["delivered", "duplicate"],
    ]);
  });
});

describe("malformed callbacks", () => {
  test("a signed callback without a well-formed MessageSid or MessageStatus is refused with 400 and a reason; nothing is stored", async () => {
    const w = await world();
    const { id, sid } = await w.sentMessage();
    const cases: [Record<string, string>, RegExp][] = [
      [{ MessageSid: sid }, /MessageStatus is required/],
      [{ MessageStatus: "delivered" }, /MessageSid is required/],
      [{ MessageSid: sid, MessageStatus: "exploded" }, /"exploded" is not a Twilio message status/],
      [{ MessageSid: "SM<script>", MessageStatus: "delivered" }, /is not a Twilio message SID/],
    ];
    for (const [params, reason] of cases) {
      const response = await post(w.t, params, await twilioSignature(TOKEN, URL_SEEN, params));
      expect(response.status).toBe(400);
      expect(await response.text()).toMatch(reason);
    }
    expect(await events(w.t)).toEqual([]);
    expect((await messageOf(w.t, id)).status).toBe("queued");
  });

  test("a signed callback with field names Convex refuses and a huge value is stored and applied, not a 500", async () => {
    const w = await world();
    const { id, sid } = await w.sentMessage();
    const params = {
      MessageSid: sid,
      MessageStatus: "delivered",
      _private: "x",
      $weird: "y",
      Note: "n".repeat(50_000),
    };
    const response = await post(w.t, params, await twilioSignature(TOKEN, URL_SEEN, params));
    expect(response.status).toBe(204);
    expect((await messageOf(w.t, id)).status).toBe("delivered");
    const [event] = await events(w.t);
    expect(Object.keys(event.params).sort()).toEqual(["MessageSid", "MessageStatus", "Note"]);
    expect(event.params.Note).toHaveLength(5000);
  });
});

type Path = { statuses: string[]; errorCode?: number; attempts: number; ends: MessageStatus };
const PATHS: Path[] = [
  { statuses: ["sent", "delivered"], attempts: 1, ends: "delivered" },
  { statuses: ["sent", "undelivered"], errorCode: 30006, attempts: 1, ends: "undelivered" },
  { statuses: ["failed"], errorCode: 30008, attempts: 1, ends: "failed" },
  { statuses: ["sent", "undelivered"], errorCode: 30003, attempts: 1, ends: "retrying" },
  { statuses: ["sent", "undelivered"], errorCode: 30003, attempts: 3, ends: "undelivered" },
];

describe("status rules", () => {
  test("1,000 random orders of a message's callbacks, with duplicates and noise, end on the right status", async () => {
    const scenario = fc
      .record({
        path: fc.constantFrom(...PATHS),
        noise: fc.subarray(["queued", "sending", "accepted"]),
        copies: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 5, maxLength: 5 }),
      })
      .chain(({ path, noise, copies }) => {
        const all = [...path.statuses, ...noise].flatMap((s, i) => Array<string>(copies[i]).fill(s));
        return fc.record({ path: fc.constant(path), order: fc.shuffledSubarray(all, { minLength: all.length }) });
      });
    await fc.assert(
      fc.asyncProperty(scenario, async ({ path, order }) => {
        const w = await world(); // fresh each run: convex-test scans whole tables
        const { id, sid } = await w.sentMessage(path.attempts);
        for (const status of order) {
          const params = {
            MessageSid: sid,
            MessageStatus: status,
            ...(path.errorCode ? { ErrorCode: String(path.errorCode) } : {}),
          };
          await w.t.mutation(internal.twilio.status.receive, { params, receivedAt: Date.now() });
        }
        const m = await messageOf(w.t, id);
        expect(m.status).toBe(path.ends);
        if (path.ends !== "delivered") expect(m.errorCode).toBe(path.errorCode);
        const stored = await w.t.run(
          async (ctx) =>
            await ctx.db
              .query("webhookEvents")
              .withIndex("by_messageSid_and_kind", (q) => q.eq("messageSid", sid).eq("kind", "status"))
              .collect(),
        );
        expect(stored).toHaveLength(order.length);
        // Each (sid, status) changes the message at most once: later copies do nothing.
        const changed = stored.filter((e) => e.outcome === "applied" || e.outcome === "retrying");
        expect(new Set(changed.map((e) => e.status)).size).toBe(changed.length);
      }),
      { numRuns: 1000, seed: 20261129 },
    );
  });
});
