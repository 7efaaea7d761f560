// The control API, the event stream, the phone page, persistence, and the process entry point.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, expect, test } from "vitest";
import type { SimEvent } from "./events.ts";
import { startSimulator } from "./server.ts";
import { twilioClient } from "./sdk-client.ts";
import { spawnSimulator } from "./spawn.ts";
import { startTestSimulator, type TestSimulator } from "./test-kit.ts";

let sim: TestSimulator;
const PARLEY = "+14155550100";
const CONTACT = "+16175550123";

beforeEach(async () => {
  sim = await startTestSimulator();
});
afterEach(() => sim.close());

/** Reads Server-Sent Events from /sim/events until `until` says stop. */
async function readEvents(url: string, until: (events: SimEvent[]) => boolean, started: () => Promise<unknown>) {
  const controller = new AbortController();
  const res = await fetch(`${url}/sim/events`, { signal: controller.signal });
  expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const events: SimEvent[] = [];
  let buffer = "";
  const trigger = started();
  while (!until(events)) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = frame.split("\n").find((line) => line.startsWith("data: "));
      if (data) events.push(JSON.parse(data.slice(6)) as SimEvent);
    }
  }
  controller.abort();
  await trigger;
  return events;
}

test("the event stream carries messages as they change and the callbacks made", async () => {
  await sim.own(PARLEY);
  const events = await readEvents(
    sim.url,
    (seen) => seen.some((e) => e.type === "message" && e.message.status === "delivered"),
    async () => {
      await sim.control("POST", "/sim/inbound", { from: CONTACT, to: PARLEY, body: "hi" });
      await sim.client.messages.create({ from: PARLEY, to: CONTACT, body: "hello" });
      await sim.clock.advance(2_000);
    },
  );
  const flow = events.flatMap((e) => (e.type === "message" ? [`${e.message.direction}:${e.message.status}`] : []));
  expect(flow).toEqual(["inbound:received", "outbound-api:queued", "outbound-api:sent", "outbound-api:delivered"]);
  expect(events.map((e) => e.id)).toEqual([...events.map((e) => e.id)].sort((a, b) => a - b));
});

test("the event stream replays what was missed after Last-Event-ID", async () => {
  await sim.own(PARLEY);
  await sim.control("POST", "/sim/inbound", { from: CONTACT, to: PARLEY, body: "one" });
  const res = await fetch(`${sim.url}/sim/events`, { headers: { "Last-Event-ID": "0" } });
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  let text = "";
  while (!text.includes('"body":"one"')) text += new TextDecoder().decode((await reader.read()).value);
  await reader.cancel();
  expect(text).toContain("id: 1\n");
});

test("numbers registered for seeded data own their SmsUrl; contacts and conversations list the traffic", async () => {
  const created = await sim.control<{ sid: string; sms_url: string }>("POST", "/sim/numbers", {
    e164: PARLEY,
    smsUrl: "http://127.0.0.1:9/sms",
    statusCallback: "http://127.0.0.1:9/status",
  });
  expect(created.sid).toMatch(/^PN/);
  expect(created.sms_url).toBe("http://127.0.0.1:9/sms");
  const listed = await sim.client.incomingPhoneNumbers.list();
  expect(listed.map((n) => [n.phoneNumber, n.statusCallback])).toEqual([[PARLEY, "http://127.0.0.1:9/status"]]);
  const again = await sim.control<{ sid: string }>("POST", "/sim/numbers", { e164: PARLEY, smsUrl: "" });
  expect(again.sid).toBe(created.sid);

  await sim.control("POST", "/sim/inbound", { from: "(617) 555-0123", to: PARLEY, body: "hi" });
  await sim.client.messages.create({ from: PARLEY, to: "+12125550111", body: "hello" });
  const contacts = await sim.control<{ number: string; sent: number; received: number }[]>("GET", "/sim/contacts");
  expect(contacts.map((c) => [c.number, c.sent, c.received]).sort()).toEqual([
    ["+12125550111", 0, 1],
    [CONTACT, 1, 0],
  ]);
  const bad = await fetch(`${sim.url}/sim/inbound`, {
    method: "POST",
    body: JSON.stringify({ from: CONTACT, to: "+19995550100", body: "x" }),
  });
  expect(bad.status).toBe(400);
  expect(((await bad.json()) as { error: string }).error).toMatch(/"to" must be a number this account owns/);
});

test("reset empties the account (optionally keeping numbers) and restores defaults", async () => {
  await sim.own(PARLEY);
  await sim.control("POST", "/sim/faults", { dropCallbackRate: 0.5 });
  await sim.control("POST", "/sim/rules", { number: CONTACT, kind: "landline" });
  await sim.client.messages.create({ from: PARLEY, to: CONTACT, body: "hello" });
  await sim.control("POST", "/sim/reset", { keepNumbers: true });
  const state = await sim.control<{ numbers: unknown[]; rules: object; faults: { dropCallbackRate: number } }>(
    "GET",
    "/sim/state",
  );
  expect([state.numbers.length, state.rules, state.faults.dropCallbackRate]).toEqual([1, {}, 0]);
  expect(await sim.client.messages.list()).toEqual([]);
  await sim.control("POST", "/sim/reset");
  expect(await sim.client.incomingPhoneNumbers.list()).toEqual([]);
  const invalid = await fetch(`${sim.url}/sim/faults`, {
    method: "POST",
    body: JSON.stringify({ dropCallbackRate: 2 }),
  });
  expect(invalid.status).toBe(400);
});

test("the phone page and its assets are served without a build step", async () => {
  for (const page of ["/", "/phone"]) {
    const res = await fetch(`${sim.url}${page}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await res.text();
    expect(html).toContain("<title>Test phones");
    expect(html).toContain('<label for="new-contact">');
    expect(html).toContain('src="/phone/phone.js"');
  }
  const js = await fetch(`${sim.url}/phone/phone.js`);
  expect(js.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
  expect(await js.text()).toContain('new EventSource("/sim/events")');
  const css = await fetch(`${sim.url}/phone/phone.css`);
  expect(await css.text()).toContain("prefers-color-scheme: dark");
});

test("with a data file, numbers, messages and opt-outs survive a restart", async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "twilio-sim-"));
  try {
    const dataFile = path.join(dir, "state.json");
    const first = await startSimulator({ dataFile });
    const client = twilioClient(first.accountSid, first.authToken, first.url);
    const bought = await client.incomingPhoneNumbers.create({ areaCode: "212" });
    const sent = await client.messages.create({ from: bought.phoneNumber, to: CONTACT, body: "kept" });
    first.core.state.setOptOut(bought.phoneNumber, "+16175550999", true);
    await first.close();

    const second = await startSimulator({ dataFile });
    const again = twilioClient(second.accountSid, second.authToken, second.url);
    expect((await again.incomingPhoneNumbers.list()).map((n) => n.sid)).toEqual([bought.sid]);
    expect((await again.messages(sent.sid).fetch()).body).toBe("kept");
    expect(second.core.state.isOptedOut(bought.phoneNumber, "+16175550999")).toBe(true);
    await second.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("with a data file, texts still queued or awaiting their receipt at shutdown carry on after a restart", async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "twilio-sim-"));
  try {
    const dataFile = path.join(dir, "state.json");
    const first = await startSimulator({ dataFile, config: { deliveryDelayMs: 1500 } });
    const client = twilioClient(first.accountSid, first.authToken, first.url);
    const { phoneNumber } = await client.incomingPhoneNumbers.create({ areaCode: "212" });
    // At 1 segment/s the first text is sent at once (its receipt 1.5 s away), the second waits its turn.
    const [sent, queued] = [
      await client.messages.create({ from: phoneNumber, to: CONTACT, body: "first" }),
      await client.messages.create({ from: phoneNumber, to: CONTACT, body: "second" }),
    ];
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(first.core.state.messages.get(sent.sid)?.status).toBe("sent");
    expect(first.core.state.messages.get(queued.sid)?.status).toBe("queued");
    await first.close();

    const second = await startSimulator({ dataFile });
    const status = (sid: string) => second.core.state.messages.get(sid)?.status;
    const deadline = Date.now() + 10_000;
    while ((status(sent.sid) !== "delivered" || status(queued.sid) !== "delivered") && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect([status(sent.sid), status(queued.sid)]).toEqual(["delivered", "delivered"]);
    await second.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("npm run twilio: prints the ready line, serves, and stops cleanly on SIGTERM", async () => {
  const child = await spawnSimulator({ port: 0 });
  try {
    expect(child.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const state = (await fetch(`${child.url}/sim/state`).then((r) => r.json())) as { accountSid: string };
    expect(state.accountSid).toBe(child.accountSid);
  } finally {
    expect(await child.stop()).toBe(0);
  }
  expect(child.output()).toContain("SIGTERM: stopping the Twilio simulator");
});
