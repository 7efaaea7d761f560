/**
 * The Message resource: create (POST Messages.json), list with To / From / DateSent filters and
 * paging, fetch, redact (POST with an empty Body) and delete.
 */
import { isFinal } from "./messaging.ts";
import { pageOf } from "./paging.ts";
import { parseNumber } from "./phone.ts";
import { badRequest, messageJson, notFound, TwilioError } from "./resources.ts";
import type { RestRequest, RestResult } from "./rest-request.ts";
import type { MessageRecord } from "./state.ts";

export function messagesRoute(r: RestRequest, rest: string): RestResult | null {
  if (rest === "/Messages.json") {
    if (r.method === "POST")
      return { status: 201, body: messageJson(r.core.messaging.send(r.core.messaging.validate(r.form))) };
    if (r.method === "GET") return { status: 200, body: list(r) };
    return null;
  }
  const one = /^\/Messages\/((?:SM|MM)[0-9a-fA-F]{32})\.json$/.exec(rest);
  if (!one) return null;
  const m = r.core.state.messages.get(one[1]);
  if (!m) throw notFound(r.path);
  if (r.method === "GET") return { status: 200, body: messageJson(m) };
  if (r.method === "POST") return { status: 200, body: messageJson(update(m, r)) };
  if (r.method === "DELETE") {
    if (!isFinal(m.status)) throw badRequest(20009, "Cannot delete message because it has not reached a final status.");
    r.core.state.messages.delete(m.sid);
    r.core.changed();
    return { status: 204 };
  }
  return null;
}

/** Only redaction (Body set to "") is supported; scheduled-message cancellation has no meaning here. */
function update(m: MessageRecord, r: RestRequest): MessageRecord {
  const body = r.form.get("Body");
  if (r.form.has("Status")) throw badRequest(20001, "Only scheduled messages can be canceled; the simulator has none.");
  if (body === null) return m;
  if (body !== "") throw badRequest(20001, "Body can only be updated to an empty string (redaction).");
  if (!isFinal(m.status)) throw badRequest(20009, "Cannot redact a message that has not reached a final status.");
  m.body = "";
  m.dateUpdated = r.core.clock.now();
  r.core.changed();
  return m;
}

const DAY = 86_400_000;

/** A DateSent filter value as the time range it names: a whole UTC day, or a second. */
function dateRange(value: string, name: string): { start: number; end: number } {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (day) {
    const start = Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]));
    return { start, end: start + DAY };
  }
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new TwilioError(400, 20001, `Invalid ${name}: ${value}`);
  const second = Math.floor(t / 1000) * 1000;
  return { start: second, end: second + 1000 };
}

function list(r: RestRequest) {
  const filters: [string, string][] = [];
  const tests: ((m: MessageRecord) => boolean)[] = [];
  for (const name of ["To", "From"] as const) {
    const value = r.query.get(name);
    if (value === null) continue;
    filters.push([name, value]);
    const wanted = parseNumber(value) ?? value;
    tests.push((m) => (name === "To" ? m.to : m.from) === wanted);
  }
  for (const name of ["DateSent", "DateSent<", "DateSent>"]) {
    const value = r.query.get(name);
    if (value === null) continue;
    filters.push([name, value]);
    const { start, end } = dateRange(value, name);
    if (name === "DateSent") tests.push((m) => m.dateSent !== null && m.dateSent >= start && m.dateSent < end);
    if (name === "DateSent<") tests.push((m) => m.dateSent !== null && m.dateSent < end);
    if (name === "DateSent>") tests.push((m) => m.dateSent !== null && m.dateSent >= start);
  }
  const items = [...r.core.state.messages.values()]
    .filter((m) => tests.every((t) => t(m)))
    .sort((a, b) => b.dateCreated - a.dateCreated || b.seq - a.seq);
  return pageOf(items, (m) => m.sid, { path: r.path, filters, query: r.query }, "messages", messageJson);
}
