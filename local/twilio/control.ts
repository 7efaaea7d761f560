/**
 * The control API under `/sim/` (JSON, no auth; the simulator listens on loopback): what tests
 * and the phone page use to play contacts, shape the carrier network, inject faults and watch.
 * Every endpoint is listed in README.md.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Core } from "./core.ts";
import { messageView } from "./events.ts";
import { ControlError } from "./inbound.ts";
import { numberKind, parseNumber } from "./phone.ts";
import { numberJson, TwilioError } from "./resources.ts";
import { configure, newNumber } from "./rest-numbers.ts";
import {
  DEFAULT_CONFIG,
  NO_FAULTS,
  RULE_KINDS,
  type ContactRule,
  type Faults,
  type RuleKind,
  type SimConfig,
} from "./state.ts";

type Json = Record<string, unknown>;
type Result = { status: number; body: unknown };

const ok = (body: unknown, status = 200): Result => ({ status, body });

function phone(value: unknown, name: string): string {
  const parsed = typeof value === "string" ? parseNumber(value) : null;
  if (!parsed) throw new ControlError(`"${name}" must be a phone number, got ${JSON.stringify(value)}`);
  return parsed;
}

function numbersView(core: Core) {
  return [...core.state.numbers.values()].map((n) => ({
    sid: n.sid,
    phoneNumber: n.phoneNumber,
    friendlyName: n.friendlyName,
    smsUrl: n.smsUrl,
    statusCallback: n.statusCallback,
    kind: numberKind(n.phoneNumber),
    segmentsPerSecond: core.messaging.throughputOf(n.phoneNumber),
    origin: n.origin,
  }));
}

/** Contacts: every number that is not the account's and has texted or been texted. */
function contacts(core: Core) {
  const seen = new Map<string, { number: string; lastActivity: number; received: number; sent: number }>();
  for (const m of core.state.messages.values()) {
    const contact = m.direction === "inbound" ? m.from : m.to;
    const entry = seen.get(contact) ?? { number: contact, lastActivity: 0, received: 0, sent: 0 };
    entry.lastActivity = Math.max(entry.lastActivity, m.dateUpdated);
    if (m.direction === "inbound") entry.sent++;
    else entry.received++;
    seen.set(contact, entry);
  }
  return [...seen.values()]
    .sort((a, b) => b.lastActivity - a.lastActivity)
    .map((c) => ({ ...c, lastActivity: new Date(c.lastActivity).toISOString() }));
}

function conversation(core: Core, contact: string) {
  const messages = [...core.state.messages.values()]
    .filter((m) => (m.direction === "inbound" ? m.from : m.to) === contact)
    .sort((a, b) => a.seq - b.seq)
    .map(messageView);
  return { contact, messages };
}

function merge<T extends object>(target: T, patch: Json, check: (key: string, value: unknown) => boolean): T {
  for (const [key, value] of Object.entries(patch)) {
    if (!(key in target)) throw new ControlError(`Unknown setting "${key}"`);
    if (!check(key, value)) throw new ControlError(`Invalid value for "${key}": ${JSON.stringify(value)}`);
    (target as Json)[key] = value;
  }
  return target;
}

const isRate = (v: unknown) => typeof v === "number" && v >= 0 && v <= 1;
const isCount = (v: unknown) => typeof v === "number" && Number.isFinite(v) && v >= 0;

function setFaults(core: Core, patch: Json): Faults {
  return merge(core.state.faults, patch, (key, v) => (key.endsWith("Rate") ? isRate(v) : isCount(v)));
}

function setConfig(core: Core, patch: Json): SimConfig {
  return merge(core.state.config, patch, (key, v) => {
    if (key === "queueOverflow") return v === "fail-30001" || v === "reject-21611";
    if (key === "optOutReplies" || key === "helpReply") return typeof v === "boolean";
    if (key === "throughput")
      return typeof v === "object" && v !== null && Object.values(v).every((x) => isCount(x) && x > 0);
    return isCount(v) && (key !== "concurrency" || (v as number) >= 1);
  });
}

function setRule(core: Core, body: Json): Result {
  const number = phone(body.number, "number");
  if (body.kind === null || body.kind === "normal") {
    core.state.rules.delete(number);
    return ok({ number, rule: null });
  }
  if (!RULE_KINDS.includes(body.kind as RuleKind)) {
    throw new ControlError(
      `"kind" must be one of ${RULE_KINDS.join(", ")} (or "normal"), got ${JSON.stringify(body.kind)}`,
    );
  }
  const rule: ContactRule = { kind: body.kind as RuleKind, since: core.clock.now(), seen: 0 };
  if (body.attempts !== undefined) rule.attempts = Number(body.attempts);
  if (body.seconds !== undefined) rule.seconds = Number(body.seconds);
  core.state.rules.set(number, rule);
  return ok({ number, rule });
}

function registerNumber(core: Core, body: Json): Result {
  const e164 = phone(body.e164 ?? body.phoneNumber, "e164");
  const existing = core.state.numberByPhone(e164);
  const n = existing ?? newNumber(core, e164, "registered");
  const form = new URLSearchParams();
  const fields: [string, unknown][] = [
    ["SmsUrl", body.smsUrl],
    ["SmsMethod", body.smsMethod],
    ["SmsFallbackUrl", body.smsFallbackUrl],
    ["StatusCallback", body.statusCallback],
    ["FriendlyName", body.friendlyName],
  ];
  for (const [key, value] of fields) if (typeof value === "string") form.set(key, value);
  configure(n, form, core.clock.now());
  core.state.numbers.set(n.sid, n);
  core.events.emit({
    type: "number",
    action: existing ? "updated" : "created",
    phoneNumber: n.phoneNumber,
    sid: n.sid,
  });
  return ok(numberJson(n), existing ? 200 : 201);
}

function route(core: Core, method: string, path: string, body: Json): Result | null {
  const key = `${method} ${path}`;
  switch (key) {
    case "GET /sim/state":
      return ok({
        accountSid: core.accountSid,
        numbers: numbersView(core),
        rules: Object.fromEntries(core.state.rules),
        throughput: Object.fromEntries(core.state.throughput),
        optOuts: core.state.optOutPairs(),
        config: core.state.config,
        faults: core.state.faults,
      });
    case "POST /sim/inbound": {
      const m = core.inbound.receive(body as { from: string; to: string; body: string });
      return ok({ sid: m.sid, message: messageView(m) }, 201);
    }
    case "GET /sim/numbers":
      return ok(numbersView(core));
    case "POST /sim/numbers":
      return registerNumber(core, body);
    case "GET /sim/rules":
      return ok(Object.fromEntries(core.state.rules));
    case "POST /sim/rules":
      return setRule(core, body);
    case "POST /sim/throughput": {
      const number = phone(body.number, "number");
      const sps = body.segmentsPerSecond;
      if (sps === null) core.state.throughput.delete(number);
      else if (isCount(sps) && (sps as number) > 0) core.state.throughput.set(number, sps as number);
      else throw new ControlError(`"segmentsPerSecond" must be a positive number or null`);
      return ok({ number, segmentsPerSecond: core.messaging.throughputOf(number) });
    }
    case "GET /sim/faults":
      return ok(core.state.faults);
    case "POST /sim/faults":
      return ok(setFaults(core, body));
    case "DELETE /sim/faults":
      return ok((core.state.faults = { ...NO_FAULTS }));
    case "GET /sim/config":
      return ok(core.state.config);
    case "POST /sim/config":
      return ok(setConfig(core, body));
    case "DELETE /sim/config":
      return ok((core.state.config = structuredClone(DEFAULT_CONFIG)));
    case "GET /sim/opt-outs":
      return ok(core.state.optOutPairs());
    case "POST /sim/opt-outs": {
      const sender = phone(body.sender, "sender");
      const contact = phone(body.contact, "contact");
      const optedOut = body.optedOut !== false;
      core.state.setOptOut(sender, contact, optedOut);
      core.events.emit({ type: "opt-out", sender, contact, optedOut });
      return ok({ sender, contact, optedOut });
    }
    case "GET /sim/contacts":
      return ok(contacts(core));
    case "GET /sim/messages":
      return ok([...core.state.messages.values()].sort((a, b) => a.seq - b.seq).map(messageView));
    case "POST /sim/reset":
      core.reset({ keepNumbers: body.keepNumbers === true });
      return ok({ reset: true });
  }
  const rule = /^\/sim\/rules\/([^/]+)$/.exec(path);
  if (rule && method === "DELETE") return setRule(core, { number: decodeURIComponent(rule[1]), kind: null });
  const convo = /^\/sim\/conversations\/([^/]+)$/.exec(path);
  if (convo && method === "GET") return ok(conversation(core, phone(decodeURIComponent(convo[1]), "contact")));
  return null;
}

/** Handles one `/sim/…` request (all but the event stream). */
export function handleControl(core: Core, req: IncomingMessage, res: ServerResponse, url: URL, raw: string): void {
  const send = ({ status, body }: Result) => {
    res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" });
    res.end(JSON.stringify(body));
  };
  try {
    const body = raw.trim() === "" ? {} : (JSON.parse(raw) as unknown);
    if (typeof body !== "object" || body === null || Array.isArray(body))
      throw new ControlError("The body must be a JSON object");
    const result = route(core, req.method ?? "GET", url.pathname, body as Json);
    if (result && req.method !== "GET") core.changed();
    send(result ?? { status: 404, body: { error: `No control endpoint ${req.method} ${url.pathname}` } });
  } catch (error) {
    if (error instanceof ControlError || error instanceof SyntaxError)
      send({ status: 400, body: { error: error.message } });
    else if (error instanceof TwilioError) send({ status: 400, body: { error: error.message, code: error.code } });
    else throw error;
  }
}
