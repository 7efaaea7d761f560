// The REST subset through the official twilio SDK: messages (create, fetch, list with filters
// and paging), numbers (search, buy, update, release), auth, and Twilio's validation errors.
import twilio from "twilio";
import { afterEach, beforeEach, expect, test } from "vitest";
import { twilioClient } from "./sdk-client.ts";
import { startTestSimulator, type TestSimulator } from "./test-kit.ts";

let sim: TestSimulator;
const PARLEY = "+14155550100";
const CONTACT = "+16175550123";

beforeEach(async () => {
  sim = await startTestSimulator();
  await sim.own(PARLEY);
});
afterEach(() => sim.close());

async function rejection(
  promise: Promise<unknown>,
): Promise<{ status: number; code: number; message: string; moreInfo: string }> {
  const error = await promise.then(
    () => expect.fail("the request should have failed"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(twilio.RestException);
  return error as { status: number; code: number; message: string; moreInfo: string };
}

test("a created message is queued, fetchable, and shaped like Twilio's Message resource", async () => {
  const created = await sim.client.messages.create({ from: PARLEY, to: CONTACT, body: "Hello from Parley" });
  expect(created.sid).toMatch(/^SM[0-9a-f]{32}$/);
  expect(created).toMatchObject({ status: "queued", direction: "outbound-api", numSegments: "1", price: null });
  expect(created).toMatchObject({ errorCode: null, errorMessage: null, apiVersion: "2010-04-01", numMedia: "0" });
  expect(created.uri).toBe(`/2010-04-01/Accounts/${sim.accountSid}/Messages/${created.sid}.json`);
  expect(created.dateCreated.getTime()).toBe(Math.floor(sim.clock.now() / 1000) * 1000);

  const raw = await fetch(`${sim.url}${created.uri}`, {
    headers: { Authorization: `Basic ${Buffer.from(`${sim.accountSid}:${sim.authToken}`).toString("base64")}` },
  }).then((r) => r.json() as Promise<Record<string, unknown>>);
  expect(Object.keys(raw).sort()).toEqual(
    [
      "account_sid", "api_version", "body", "date_created", "date_sent", "date_updated", "direction", "error_code",
      "error_message", "from", "messaging_service_sid", "num_media", "num_segments", "price", "price_unit", "sid",
      "status", "subresource_uris", "to", "uri",
    ].sort(), // prettier-ignore
  );
  expect(raw.date_created).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$/);

  await sim.clock.advance(5_000);
  const fetched = await sim.client.messages(created.sid).fetch();
  expect(fetched.status).toBe("delivered");
  expect(fetched.dateSent?.getTime()).toBe(created.dateCreated.getTime());
});

test("lists page by PageSize and the SDK follows next_page_uri to the end", async () => {
  const sids: string[] = [];
  for (let i = 0; i < 7; i++) {
    sids.push((await sim.client.messages.create({ from: PARLEY, to: CONTACT, body: `n${i}` })).sid);
    await sim.clock.advance(1000);
  }
  const all = await sim.client.messages.list({ pageSize: 3 });
  expect(all.map((m) => m.sid)).toEqual([...sids].reverse());

  const first = await sim.client.messages.page({ pageSize: 3 });
  expect(first.instances).toHaveLength(3);
  expect(first.nextPageUrl).toMatch(/Messages\.json\?PageSize=3&Page=1&PageToken=PA/);
  const second = await first.nextPage();
  expect(second?.instances.map((m) => m.sid)).toEqual(sids.slice(1, 4).reverse());
  const back = await second?.previousPage();
  expect(back?.instances.map((m) => m.sid)).toEqual(sids.slice(4).reverse());

  const limited = await sim.client.messages.list({ limit: 4, pageSize: 2 });
  expect(limited).toHaveLength(4);
});

test("lists filter by To, From and DateSent (a day, before, after)", async () => {
  await sim.own("+14155550101");
  await sim.client.messages.create({ from: PARLEY, to: CONTACT, body: "day one" });
  await sim.clock.advance(86_400_000);
  await sim.client.messages.create({ from: "+14155550101", to: "+16175550124", body: "day two" });
  await sim.clock.advance(1000);
  const day1 = new Date(sim.clock.now() - 86_401_000);
  const day2 = new Date(sim.clock.now());

  const bodies = (list: { body: string }[]) => list.map((m) => m.body).sort();
  expect(bodies(await sim.client.messages.list({ to: CONTACT }))).toEqual(["day one"]);
  expect(bodies(await sim.client.messages.list({ from: "+14155550101" }))).toEqual(["day two"]);
  const isoDay = (d: Date) => d.toISOString().slice(0, 10);
  const onDay = await fetch(`${sim.url}/2010-04-01/Accounts/${sim.accountSid}/Messages.json?DateSent=${isoDay(day1)}`, {
    headers: { Authorization: `Basic ${Buffer.from(`${sim.accountSid}:${sim.authToken}`).toString("base64")}` },
  }).then((r) => r.json() as Promise<{ messages: { body: string }[]; first_page_uri: string }>);
  expect(bodies(onDay.messages)).toEqual(["day one"]);
  expect(onDay.first_page_uri).toContain(`DateSent=${isoDay(day1)}&PageSize=50&Page=0`);
  expect(bodies(await sim.client.messages.list({ dateSentAfter: day2 }))).toEqual([]);
  expect(bodies(await sim.client.messages.list({ dateSentBefore: day2 }))).toEqual(["day one", "day two"]);
  expect(bodies(await sim.client.messages.list({ dateSentAfter: new Date(day2.getTime() - 5000) }))).toEqual([
    "day two",
  ]);
});

test("validation errors carry Twilio's codes, messages and more_info", async () => {
  const create = (params: Record<string, unknown>) => sim.client.messages.create(params as never);
  const cases: [Record<string, unknown>, number][] = [
    [{ from: PARLEY, to: "not a number", body: "x" }, 21211],
    [{ from: PARLEY, to: "+1055501234", body: "x" }, 21211],
    [{ from: "banana", to: CONTACT, body: "x" }, 21212],
    [{ from: "+12125550100", to: CONTACT, body: "x" }, 21606],
    [{ to: CONTACT, body: "x" }, 21603],
    [{ from: PARLEY, to: CONTACT }, 21602],
    [{ from: PARLEY, to: CONTACT, body: "x".repeat(1601) }, 21617],
    [{ messagingServiceSid: `MG${"a".repeat(32)}`, to: CONTACT, body: "x" }, 21701],
    [{ from: PARLEY, to: PARLEY, body: "x" }, 21266],
  ];
  for (const [params, code] of cases) {
    const error = await rejection(create(params));
    expect({ code: error.code, status: error.status }).toEqual({ code, status: 400 });
    expect(error.moreInfo).toBe(`https://www.twilio.com/docs/errors/${code}`);
  }
  await sim.control("POST", "/sim/rules", { number: CONTACT, kind: "not-mobile" });
  expect((await rejection(create({ from: PARLEY, to: CONTACT, body: "x" }))).code).toBe(21614);
  await sim.control("POST", "/sim/rules", { number: CONTACT, kind: "invalid" });
  expect((await rejection(create({ from: PARLEY, to: CONTACT, body: "x" }))).code).toBe(21211);
  expect(await sim.client.messages.create({ from: PARLEY, to: "6175550199", body: "x".repeat(1600) })).toMatchObject({
    to: "+16175550199",
    numSegments: "11",
  });
  const missing = await rejection(sim.client.messages(`SM${"0".repeat(32)}`).fetch());
  expect({ status: missing.status, code: missing.code }).toEqual({ status: 404, code: 20404 });
});

test("wrong credentials get 401 with error 20003", async () => {
  const wrong = twilioClient(sim.accountSid, "not-the-token", sim.url);
  const error = await rejection(wrong.messages.list());
  expect({ status: error.status, code: error.code, message: error.message }).toEqual({
    status: 401,
    code: 20003,
    message: "Authenticate",
  });
  const otherAccount = twilioClient(`AC${"f".repeat(32)}`, sim.authToken, sim.url);
  expect((await rejection(otherAccount.messages.list())).code).toBe(20003);
});

test("numbers: search the 555-01xx pool, buy by number or area code, update, list, release", async () => {
  const local = await sim.client.availablePhoneNumbers("US").local.list({ areaCode: 415, limit: 5 });
  expect(local.map((n) => n.phoneNumber)).toEqual([
    "+14155550101",
    "+14155550102",
    "+14155550103",
    "+14155550104",
    "+14155550105",
  ]);
  expect(local[0]).toMatchObject({
    friendlyName: "(415) 555-0101",
    locality: "San Francisco",
    region: "CA",
    isoCountry: "US",
  });
  expect(local[0].capabilities).toEqual({ mms: true, sms: true, voice: true });
  const pattern = await sim.client
    .availablePhoneNumbers("US")
    .local.list({ areaCode: 617, contains: "55501*7", limit: 20 });
  expect(pattern.map((n) => n.phoneNumber.slice(-4))).toEqual([
    "0107",
    "0117",
    "0127",
    "0137",
    "0147",
    "0157",
    "0167",
    "0177",
    "0187",
    "0197",
  ]);
  const exact = await sim.client.availablePhoneNumbers("US").local.list({ contains: "+1617555014%", limit: 20 });
  expect(exact).toHaveLength(10);
  const tollFree = await sim.client.availablePhoneNumbers("US").tollFree.list({ limit: 2 });
  expect(tollFree.map((n) => n.phoneNumber)).toEqual(["+18005550100", "+18005550101"]);
  const badArea = await rejection(sim.client.availablePhoneNumbers("US").local.list({ areaCode: 123 }));
  expect(badArea.code).toBe(21451);

  const bought = await sim.client.incomingPhoneNumbers.create({
    phoneNumber: "+14155550101",
    smsUrl: "https://parley.example/twilio/sms",
    statusCallback: "https://parley.example/twilio/status",
    friendlyName: "Admissions",
  });
  expect(bought).toMatchObject({ phoneNumber: "+14155550101", smsMethod: "POST", friendlyName: "Admissions" });
  expect(bought.sid).toMatch(/^PN[0-9a-f]{32}$/);
  const raw = await fetch(`${sim.url}${bought.uri}`, {
    headers: { Authorization: `Basic ${Buffer.from(`${sim.accountSid}:${sim.authToken}`).toString("base64")}` },
  }).then((r) => r.json() as Promise<Record<string, unknown>>);
  expect(Object.keys(raw).sort()).toEqual(
    [
      "account_sid", "address_requirements", "address_sid", "api_version", "beta", "bundle_sid", "capabilities",
      "date_created", "date_updated", "emergency_address_sid", "emergency_address_status", "emergency_status",
      "friendly_name", "identity_sid", "origin", "phone_number", "sid", "sms_application_sid", "sms_fallback_method",
      "sms_fallback_url", "sms_method", "sms_url", "status", "status_callback", "status_callback_method", "trunk_sid",
      "type", "uri", "voice_application_sid", "voice_caller_id_lookup", "voice_fallback_method", "voice_fallback_url",
      "voice_method", "voice_receive_mode", "voice_url",
    ].sort(), // prettier-ignore
  );
  const byArea = await sim.client.incomingPhoneNumbers.create({ areaCode: "415" });
  expect(byArea.phoneNumber).toBe("+14155550102");
  expect((await rejection(sim.client.incomingPhoneNumbers.create({ phoneNumber: "+14155550101" }))).code).toBe(21422);
  expect((await rejection(sim.client.incomingPhoneNumbers.create({ phoneNumber: "+14155551234" }))).code).toBe(21422);
  const again = await sim.client.availablePhoneNumbers("US").local.list({ areaCode: 415, limit: 1 });
  expect(again[0].phoneNumber).toBe("+14155550103");

  const updated = await sim.client.incomingPhoneNumbers(bought.sid).update({ smsUrl: "https://parley.example/v2/sms" });
  expect(updated.smsUrl).toBe("https://parley.example/v2/sms");
  expect((await sim.client.incomingPhoneNumbers(bought.sid).fetch()).smsUrl).toBe("https://parley.example/v2/sms");
  const owned = await sim.client.incomingPhoneNumbers.list();
  expect(owned.map((n) => n.phoneNumber)).toEqual([PARLEY, "+14155550101", "+14155550102"]);
  expect((await sim.client.incomingPhoneNumbers.list({ phoneNumber: "+14155550102" })).map((n) => n.sid)).toEqual([
    byArea.sid,
  ]);

  expect(await sim.client.incomingPhoneNumbers(bought.sid).remove()).toBe(true);
  expect((await rejection(sim.client.incomingPhoneNumbers(bought.sid).fetch())).status).toBe(404);
  const released = await rejection(sim.client.messages.create({ from: "+14155550101", to: CONTACT, body: "x" }));
  expect(released.code).toBe(21606);
});
