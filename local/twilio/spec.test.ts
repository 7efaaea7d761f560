// The simulator's JSON has exactly the fields of Twilio's OpenAPI description of the 2010 API
// (the schemas Parley uses, kept in spec/ with Twilio's license): nothing missing, nothing invented.
import { readFileSync } from "node:fs";
import { afterEach, beforeEach, expect, test } from "vitest";
import { startTestSimulator, type TestSimulator } from "./test-kit.ts";

const spec = JSON.parse(readFileSync(new URL("./spec/twilio-api-v2010-excerpt.json", import.meta.url), "utf8")) as {
  schemas: Record<string, { properties: Record<string, unknown> }>;
};
const fieldsOf = (schema: string) => Object.keys(spec.schemas[`api.v2010.account.${schema}`].properties).sort();

let sim: TestSimulator;
const PARLEY = "+14155550100";

beforeEach(async () => {
  sim = await startTestSimulator();
  await sim.own(PARLEY);
});
afterEach(() => sim.close());

async function get(uri: string): Promise<Record<string, unknown>> {
  const auth = Buffer.from(`${sim.accountSid}:${sim.authToken}`).toString("base64");
  const response = await fetch(`${sim.url}${uri}`, { headers: { Authorization: `Basic ${auth}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

test("a Message has the spec's fields", async () => {
  const created = await sim.client.messages.create({ from: PARLEY, to: "+16175550123", body: "Hello" });
  expect(Object.keys(await get(created.uri)).sort()).toEqual(fieldsOf("message"));
});

test("an IncomingPhoneNumber has the spec's fields", async () => {
  const [offer] = await sim.client.availablePhoneNumbers("US").local.list({ areaCode: 415, limit: 1 });
  const bought = await sim.client.incomingPhoneNumbers.create({ phoneNumber: offer.phoneNumber });
  expect(Object.keys(await get(bought.uri)).sort()).toEqual(fieldsOf("incoming_phone_number"));
});

test("available Local and TollFree numbers have the spec's fields", async () => {
  const base = `/2010-04-01/Accounts/${sim.accountSid}/AvailablePhoneNumbers/US`;
  const local = (await get(`${base}/Local.json?AreaCode=415&PageSize=1`)).available_phone_numbers as object[];
  const tollFree = (await get(`${base}/TollFree.json?PageSize=1`)).available_phone_numbers as object[];
  const schema = "available_phone_number_country.available_phone_number_";
  expect(Object.keys(local[0]).sort()).toEqual(fieldsOf(`${schema}local`));
  expect(Object.keys(tollFree[0]).sort()).toEqual(fieldsOf(`${schema}toll_free`));
});
