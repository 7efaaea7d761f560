// Parley's send path (convex/model/sending/twilioMessages.ts, twilioErrors.ts, twilioSignature.ts) over the
// real twilio SDK against the simulator: what a send returns, how each failure is classified, the
// lookup that finds a text a lost answer hid (also while Twilio still has it queued), and the
// status callbacks Parley verifies.
import { afterEach, beforeEach, expect, test } from "vitest";
import { verifyTwilioSignature } from "../../convex/model/sending/twilioSignature.ts";
import {
  twilioMessagesOver,
  type MessagesSdk,
  type TwilioMessages,
} from "../../convex/model/sending/twilioMessages.ts";
import { twilioClient } from "./sdk-client.ts";
import { startReceiver, startTestSimulator, type Receiver, type TestSimulator } from "./test-kit.ts";

const PARLEY = "+16175550191";
const CONTACT = "+16175552000";

let sim: TestSimulator;
let receiver: Receiver;
let api: TwilioMessages;

beforeEach(async () => {
  sim = await startTestSimulator();
  receiver = await startReceiver();
  await sim.own(PARLEY);
  api = twilioMessagesOver(sim.client as unknown as MessagesSdk);
});
afterEach(async () => {
  await receiver.close();
  await sim.close();
});

const send = (body: string, to = CONTACT) =>
  api.send({ to, from: PARLEY, body, statusCallback: `${receiver.url}/twilio/status` });

test("a send is accepted queued, and its status callbacks carry a signature Parley verifies", async () => {
  const result = await send("Hi Casey, the open house is Friday.");
  expect(result).toMatchObject({ kind: "accepted", status: "queued" });
  const sid = (result as { sid: string }).sid;
  await sim.clock.advance(5_000);
  const callbacks = await receiver.waitForCount(2, (r) => r.params.MessageSid === sid);
  expect(callbacks.map((c) => c.params.MessageStatus)).toEqual(["sent", "delivered"]);
  for (const c of callbacks) {
    const signature = c.headers["x-twilio-signature"] as string;
    expect(await verifyTwilioSignature(sim.authToken, c.url, c.params, signature)).toBe(true);
    expect(await verifyTwilioSignature("not-the-token", c.url, c.params, signature)).toBe(false);
  }
});

test("refusals are final with the reason in words; 21610 is the carrier's opt-out", async () => {
  await sim.control("POST", "/sim/rules", { number: "+16175552001", kind: "invalid" });
  await sim.control("POST", "/sim/rules", { number: "+16175552002", kind: "not-mobile" });
  await sim.control("POST", "/sim/opt-outs", { sender: PARLEY, contact: "+16175552003", optedOut: true });
  expect(await send("x", "+16175552001")).toEqual({ kind: "final", code: 21211, reason: "Invalid phone number" });
  expect(await send("x", "+16175552002")).toMatchObject({ kind: "final", code: 21614 });
  expect(await send("x", "+16175552003")).toMatchObject({ kind: "final", code: 21610 });
  expect(await send("x".repeat(1601))).toMatchObject({ kind: "final", code: 21617 });
});

test("429 past the concurrency cap and 500s are transient; a 500 may have gone through, a 429 not", async () => {
  await sim.control("POST", "/sim/config", { concurrency: 1 });
  await sim.control("POST", "/sim/faults", { apiLatencyMs: 1000 });
  const held = send("first");
  const refused = await send("second");
  expect(refused).toMatchObject({ kind: "transient", code: 20429, ambiguous: false });
  await sim.clock.advance(1000);
  expect(await held).toMatchObject({ kind: "accepted" });
  await sim.control("DELETE", "/sim/faults");
  await sim.control("POST", "/sim/faults", { apiErrorRate: 1 });
  expect(await send("third")).toMatchObject({ kind: "transient", ambiguous: true });
});

test("a connection refused never reached Twilio: retry without a lookup", async () => {
  const nowhere = twilioMessagesOver(
    twilioClient(sim.accountSid, sim.authToken, "http://127.0.0.1:9") as unknown as MessagesSdk,
  );
  const result = await nowhere.send({ to: CONTACT, from: PARLEY, body: "x", statusCallback: `${receiver.url}/s` });
  expect(result).toMatchObject({ kind: "transient", ambiguous: false });
});

test("a timeout after the request went out: the lookup finds Twilio's copy, queued or sent, and nothing else", async () => {
  const impatient = twilioMessagesOver(
    twilioClient(sim.accountSid, sim.authToken, sim.url, { timeout: 200 }) as unknown as MessagesSdk,
  );
  await sim.control("POST", "/sim/throughput", { number: PARLEY, segmentsPerSecond: 1 });
  await send("Someone else's text, earlier"); // same number and contact, other body
  const since = sim.clock.now();
  await sim.control("POST", "/sim/faults", { apiLatencyMs: 500 });
  const request = {
    to: CONTACT,
    from: PARLEY,
    body: "Your appointment is at 3pm.",
    statusCallback: `${receiver.url}/s`,
  };
  expect(await impatient.send(request)).toMatchObject({ kind: "transient", ambiguous: true });
  await sim.clock.advance(500); // the held request now creates the text at Twilio
  const held = [...sim.core.state.messages.values()].find((m) => m.body === request.body);
  expect(held?.status).toBe("queued"); // behind the earlier text: date_sent is still empty
  await sim.control("DELETE", "/sim/faults");
  const found = await api.find({ ...request, since });
  expect(found).toEqual({ kind: "found", copies: [{ sid: held?.sid, status: "queued" }] });
  expect(await api.find({ ...request, body: "Another text", since })).toEqual({ kind: "found", copies: [] });
  expect(await api.find({ ...request, since: since + 60_000 })).toEqual({ kind: "found", copies: [] });
});
