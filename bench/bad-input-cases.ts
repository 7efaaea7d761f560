/**
 * The bad-input drill's inputs, generated with fast-check from a fixed seed (the same requests
 * and files on every run): webhook requests Parley must refuse, CSV files of every kind of mess,
 * and contact batches the browser would never send.
 */
import fc from "fast-check";
import { INBOUND_WEBHOOK_PATH, STATUS_WEBHOOK_PATH } from "../convex/model/sending/twilioConfig.ts";

export interface WebhookCase {
  kind: string;
  path: string;
  contentType: string;
  body: string;
  /** "valid": signed with the account's token over the body's form parameters; else the header sent (or none). */
  signature: "valid" | string | null;
}

const hex32 = fc.stringMatching(/^[0-9a-f]{32}$/);
const phone = fc.stringMatching(/^\+1[2-9]\d{2}[2-9]\d{6}$/);
const junk = fc.string({ unit: "binary", maxLength: 200 });
const form = (params: Record<string, string>) => new URLSearchParams(params).toString();

/** A well-formed delivery of each webhook; the cases below take something away or spoil it. */
function validParams(to: string, accountSid: string) {
  return fc
    .record({
      sid: hex32.map((h) => `SM${h}`),
      from: phone,
      body: fc.string({ maxLength: 300 }),
      status: fc.constantFrom("sent", "delivered", "undelivered", "failed", "queued"),
    })
    .map(({ sid, from, body, status }) => ({
      inbound: {
        MessageSid: sid,
        SmsSid: sid,
        AccountSid: accountSid,
        From: from,
        To: to,
        Body: body,
        NumSegments: "1",
      },
      status: { MessageSid: sid, SmsSid: sid, AccountSid: accountSid, From: to, To: from, MessageStatus: status },
    }));
}

/** Webhook requests that must each get a 4xx with a message and store nothing. */
export function webhookCases(seed: number, count: number, ids: { to: string; accountSid: string }): WebhookCase[] {
  const path = fc.constantFrom(INBOUND_WEBHOOK_PATH, STATUS_WEBHOOK_PATH);
  const formType = "application/x-www-form-urlencoded";
  const valid = validParams(ids.to, ids.accountSid);
  const pick = (p: string, v: { inbound: Record<string, string>; status: Record<string, string> }) =>
    p === INBOUND_WEBHOOK_PATH ? v.inbound : v.status;
  const required = (p: string) =>
    p === INBOUND_WEBHOOK_PATH ? ["MessageSid", "From", "To"] : ["MessageSid", "MessageStatus"];
  const kinds: fc.Arbitrary<WebhookCase>[] = [
    fc.record({ path, params: fc.dictionary(junk, junk, { maxKeys: 20 }) }).map(({ path, params }) => ({
      ...{ kind: "unsigned random form", path, contentType: formType, body: form(params), signature: null },
    })),
    fc.record({ path, v: valid, sig: fc.base64String({ minLength: 28, maxLength: 28 }) }).map(({ path, v, sig }) => ({
      ...{ kind: "wrong signature", path, contentType: formType, body: form(pick(path, v)), signature: sig },
    })),
    fc.record({ path, v: valid, size: fc.integer({ min: 1, max: 4 }) }).map(({ path, v, size }) => ({
      kind: "huge, unsigned",
      ...{ path, contentType: formType, signature: null },
      body: form({ ...pick(path, v), Body: "x".repeat(size * 1_000_000) }),
    })),
    fc.record({ path, v: valid }).map(({ path, v }) => ({
      ...{
        kind: "JSON, signed",
        path,
        contentType: "application/json",
        body: JSON.stringify(pick(path, v)),
        signature: "valid",
      },
    })),
    fc.record({ path, v: valid }).map(({ path, v }) => ({
      kind: "multipart, signed",
      ...{ path, contentType: "multipart/form-data; boundary=XyZ", signature: "valid" },
      body:
        Object.entries(pick(path, v))
          .map(([k, val]) => `--XyZ\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${val}\r\n`)
          .join("") + "--XyZ--\r\n",
    })),
    fc.record({ path, text: junk }).map(({ path, text }) => ({
      ...{ kind: "plain text, unsigned", path, contentType: "text/plain", body: text, signature: null },
    })),
    fc.record({ path, v: valid, drop: fc.nat() }).map(({ path, v, drop }) => {
      const params = { ...pick(path, v) } as Record<string, string>;
      const gone = required(path)[drop % required(path).length];
      delete params[gone];
      if (gone === "MessageSid") delete params.SmsSid;
      return { kind: `signed, no ${gone}`, path, contentType: formType, body: form(params), signature: "valid" };
    }),
    fc
      .record({ path, v: valid, bad: fc.string({ minLength: 1, maxLength: 40 }).filter((s) => !/^\+?\d+$/.test(s)) })
      .map(({ path, v, bad }) => {
        const params = { ...pick(path, v) } as Record<string, string>;
        if (path === INBOUND_WEBHOOK_PATH) params.From = `x${bad}`;
        else params.MessageStatus = `x${bad}`;
        const what = path === INBOUND_WEBHOOK_PATH ? "From" : "MessageStatus";
        return {
          kind: `signed, malformed ${what}`,
          path,
          contentType: formType,
          body: form(params),
          signature: "valid",
        };
      }),
    fc.record({ path, v: valid, bad: junk }).map(({ path, v, bad }) => ({
      kind: "signed, malformed MessageSid",
      ...{ path, contentType: formType, signature: "valid" },
      body: form({ ...pick(path, v), MessageSid: `x${bad}`, SmsSid: `x${bad}` }),
    })),
  ];
  return fc.sample(fc.oneof(...kinds), { seed, numRuns: count });
}

const CHARS = [
  "a",
  "Z",
  " ",
  ",",
  ";",
  "\t",
  "|",
  '"',
  "\n",
  "\r\n",
  "é",
  "—",
  "’",
  "\u00a0",
  "\u200b",
  "😀",
  "\u0000",
  "0",
  "5",
];
const cell = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.constantFrom(...CHARS), { maxLength: 12 }).map((c) => c.join("")) },
  { weight: 3, arbitrary: fc.stringMatching(/^\(?[2-9]\d{2}\)? ?[2-9]\d{2}-\d{4}$/) },
  { weight: 1, arbitrary: fc.constantFrom("+44 20 7946 0958", "415-555-2671 ext. 12", "call me", "", '"unclosed') },
  { weight: 1, arbitrary: fc.integer({ min: 100_000, max: 300_000 }).map((n) => "y".repeat(n)) },
);

/** Encodes text as one of the encodings people's files come in — or as bytes that are no encoding at all. */
function encode(text: string, how: number): Uint8Array {
  if (how === 0) return new TextEncoder().encode(text);
  if (how === 1) return new TextEncoder().encode(`\ufeff${text}`);
  if (how === 2) {
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) new DataView(bytes.buffer).setUint16(2 + i * 2, text.charCodeAt(i), true);
    return bytes;
  }
  if (how === 3) return Uint8Array.from(text, (ch) => (ch.charCodeAt(0) < 256 ? ch.charCodeAt(0) : 0x3f)); // Windows-1252-ish
  const bytes = new TextEncoder().encode(text);
  for (let i = 7; i < bytes.length; i += 53) bytes[i] = 0xc3 ^ (i & 0x3f); // broken UTF-8 sequences
  return bytes;
}

/** CSV files of every kind of mess, each with a recognisable phone column. */
export function csvCases(seed: number, count: number): Uint8Array[] {
  const file = fc.record({
    delimiter: fc.constantFrom(",", ";", "\t", "|"),
    mixed: fc.boolean(),
    rows: fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 0, maxLength: 40 }),
    quoting: fc.constantFrom("none", "all", "broken"),
    encoding: fc.integer({ min: 0, max: 4 }),
    lineEnd: fc.constantFrom("\n", "\r\n", "\r"),
  });
  return fc.sample(file, { seed, numRuns: count }).map(({ delimiter, mixed, rows, quoting, encoding, lineEnd }) => {
    const quote = (value: string, i: number) =>
      quoting === "all" ? `"${value.replace(/"/g, '""')}"` : quoting === "broken" && i % 3 === 1 ? `"${value}` : value;
    const lines = [["First Name", "Last Name", "Mobile Phone", "Notes"], ...rows].map((row, r) =>
      row.map(quote).join(mixed && r % 2 === 1 ? [",", ";", "\t"][r % 3] : delimiter),
    );
    return encode(lines.join(lineEnd) + lineEnd, encoding);
  });
}

/** Batches for `contactLists.appendBatch` (a list with the one column "Program") that must be refused. */
export function invalidBatches(seed: number): [string, Record<string, unknown>[]][] {
  const ok = (row: number, phone = `+1617555${String(2000 + row).padStart(4, "0")}`) => ({
    ...{ row, phone, firstName: "A", lastName: "B", fields: { Program: "Nursing" } },
  });
  const junkPhones = fc.sample(fc.string({ minLength: 1, maxLength: 30 }), { seed, numRuns: 5 });
  return [
    ...junkPhones.map((p): [string, Record<string, unknown>[]] => [
      `junk phone ${JSON.stringify(p)}`,
      [ok(2), { ...ok(3), phone: p }],
    ]),
    ["a number of another country", [{ ...ok(2), phone: "+442079460958" }]],
    ["an unknown column", [{ ...ok(2), fields: { Program: "x", Secret: "y" } }]],
    ["a 200,000-character name", [{ ...ok(2), firstName: "n".repeat(200_000) }]],
    ["an unsafe column name", [{ ...ok(2), fields: { Program: "x", $id: "y" } }]],
    ["a 2 MB value", [{ ...ok(2), fields: { Program: "z".repeat(2_000_000) } }]],
    ["1,001 rows", Array.from({ length: 1001 }, (_, i) => ok(i + 2))],
    ["a negative row", [{ ...ok(2), row: -5 }]],
    ["no phone", [{ ...ok(2), phone: undefined }]],
  ];
}
