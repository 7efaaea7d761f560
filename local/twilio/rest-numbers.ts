/**
 * Phone numbers: AvailablePhoneNumbers/US/Local.json and TollFree.json search the deterministic
 * 555-01xx pool (AreaCode, Contains, InRegion, PageSize), IncomingPhoneNumbers buys (PhoneNumber
 * or AreaCode), fetches, lists, updates and releases the account's numbers.
 */
import type { Core } from "./core.ts";
import { pageOf } from "./paging.ts";
import {
  DEFAULT_LOCAL_AREA_CODES,
  TOLL_FREE_AREA_CODES,
  containsMatcher,
  friendlyName,
  isAreaCode,
  numberKind,
  parseNumber,
  placeOf,
  poolOf,
} from "./phone.ts";
import { availableNumberJson, badRequest, notFound, numberJson } from "./resources.ts";
import type { RestRequest, RestResult } from "./rest-request.ts";
import { newSid, type NumberRecord } from "./state.ts";

export function numbersRoute(r: RestRequest, rest: string): RestResult | null {
  const available = /^\/AvailablePhoneNumbers\/([A-Z]{2})\/(Local|TollFree)\.json$/.exec(rest);
  if (available) return r.method === "GET" ? { status: 200, body: search(r, available[1], available[2]) } : null;
  const list = /^\/IncomingPhoneNumbers(?:\/(Local|TollFree))?\.json$/.exec(rest);
  if (list) {
    if (r.method === "POST") return { status: 201, body: numberJson(buy(r)) };
    if (r.method === "GET") return { status: 200, body: listOwned(r, list[1]) };
    return null;
  }
  const one = /^\/IncomingPhoneNumbers\/(PN[0-9a-fA-F]{32})\.json$/.exec(rest);
  if (!one) return null;
  const n = r.core.state.numbers.get(one[1]);
  if (!n) throw notFound(r.path);
  if (r.method === "GET") return { status: 200, body: numberJson(n) };
  if (r.method === "POST") {
    configure(n, r.form, r.core.clock.now());
    r.core.events.emit({ type: "number", action: "updated", phoneNumber: n.phoneNumber, sid: n.sid });
    r.core.changed();
    return { status: 200, body: numberJson(n) };
  }
  if (r.method === "DELETE") {
    r.core.state.numbers.delete(n.sid);
    r.core.events.emit({ type: "number", action: "deleted", phoneNumber: n.phoneNumber, sid: n.sid });
    r.core.changed();
    return { status: 204 };
  }
  return null;
}

/** Whether a number is one the simulated Twilio sells: +1 NPA 555-01xx. */
const inPool = (phone: string) => /^\+1[2-9]\d{2}55501\d{2}$/.test(phone);

function availableIn(core: Core, areaCodes: string[]): string[] {
  return areaCodes.flatMap(poolOf).filter((p) => !core.state.numberByPhone(p));
}

function search(r: RestRequest, country: string, type: string) {
  const filters: [string, string][] = [];
  for (const name of ["AreaCode", "Contains", "SmsEnabled", "InRegion"]) {
    const value = r.query.get(name);
    if (value !== null) filters.push([name, value]);
  }
  const areaCode = r.query.get("AreaCode");
  if (areaCode !== null && !isAreaCode(areaCode)) throw badRequest(21451, `Invalid area code ${areaCode}.`);
  const tollFree = type === "TollFree";
  const codes = tollFree ? TOLL_FREE_AREA_CODES : DEFAULT_LOCAL_AREA_CODES;
  const searched = areaCode ? [areaCode].filter((c) => tollFree === TOLL_FREE_AREA_CODES.includes(c)) : codes;
  let numbers = country === "US" ? availableIn(r.core, searched) : [];
  const contains = r.query.get("Contains");
  if (contains) numbers = numbers.filter(containsMatcher(contains));
  const region = r.query.get("InRegion");
  if (region) numbers = numbers.filter((p) => placeOf(p)?.state === region.toUpperCase());
  if (r.query.get("SmsEnabled") === "false") numbers = [];
  const query = new URLSearchParams(r.query);
  query.delete("Page");
  query.delete("PageToken");
  const page = pageOf(
    numbers,
    (p) => p,
    { path: r.path, filters, query },
    "available_phone_numbers",
    availableNumberJson,
  );
  return { ...page, next_page_uri: null, previous_page_uri: null };
}

function buy(r: RestRequest): NumberRecord {
  const requested = r.form.get("PhoneNumber");
  const areaCode = r.form.get("AreaCode");
  let phone: string;
  if (requested) {
    const parsed = parseNumber(requested);
    if (!parsed || numberKind(parsed) === "short-code") throw badRequest(21421, `PhoneNumber ${requested} is invalid.`);
    if (!inPool(parsed) || r.core.state.numberByPhone(parsed)) {
      throw badRequest(21422, `PhoneNumber ${parsed} is not available.`);
    }
    phone = parsed;
  } else if (areaCode) {
    if (!isAreaCode(areaCode)) throw badRequest(21451, `Invalid area code ${areaCode}.`);
    const first = availableIn(r.core, [areaCode])[0];
    if (!first) throw badRequest(21452, `No phone numbers found in area code ${areaCode}.`);
    phone = first;
  } else {
    throw badRequest(21421, "A PhoneNumber or an AreaCode is required to buy a number.");
  }
  const n = newNumber(r.core, phone, "api");
  configure(n, r.form, n.dateCreated);
  r.core.state.numbers.set(n.sid, n);
  r.core.events.emit({ type: "number", action: "created", phoneNumber: n.phoneNumber, sid: n.sid });
  r.core.changed();
  return n;
}

export function newNumber(core: Core, phone: string, origin: NumberRecord["origin"]): NumberRecord {
  const now = core.clock.now();
  return {
    sid: newSid("PN"),
    accountSid: core.accountSid,
    phoneNumber: phone,
    friendlyName: friendlyName(phone),
    smsUrl: "",
    smsMethod: "POST",
    smsFallbackUrl: "",
    smsFallbackMethod: "POST",
    statusCallback: "",
    statusCallbackMethod: "POST",
    voiceUrl: null,
    voiceMethod: "POST",
    dateCreated: now,
    dateUpdated: now,
    origin,
  };
}

const method = (value: string | null, fallback: "GET" | "POST"): "GET" | "POST" =>
  value === null ? fallback : value.toUpperCase() === "GET" ? "GET" : "POST";

/** Applies the writable fields Parley uses; the rest of the resource is fixed. */
export function configure(n: NumberRecord, form: URLSearchParams, now: number): void {
  n.friendlyName = form.get("FriendlyName") ?? n.friendlyName;
  n.smsUrl = form.get("SmsUrl") ?? n.smsUrl;
  n.smsMethod = method(form.get("SmsMethod"), n.smsMethod);
  n.smsFallbackUrl = form.get("SmsFallbackUrl") ?? n.smsFallbackUrl;
  n.smsFallbackMethod = method(form.get("SmsFallbackMethod"), n.smsFallbackMethod);
  n.statusCallback = form.get("StatusCallback") ?? n.statusCallback;
  n.statusCallbackMethod = method(form.get("StatusCallbackMethod"), n.statusCallbackMethod);
  n.voiceUrl = form.get("VoiceUrl") ?? n.voiceUrl;
  n.voiceMethod = method(form.get("VoiceMethod"), n.voiceMethod);
  n.dateUpdated = now;
}

function listOwned(r: RestRequest, type?: string) {
  const filters: [string, string][] = [];
  let items = [...r.core.state.numbers.values()];
  const phone = r.query.get("PhoneNumber");
  if (phone !== null) {
    filters.push(["PhoneNumber", phone]);
    const match = containsMatcher(phone.replace(/[^\d*+]/g, ""));
    items = items.filter((n) => match(n.phoneNumber));
  }
  const name = r.query.get("FriendlyName");
  if (name !== null) {
    filters.push(["FriendlyName", name]);
    items = items.filter((n) => n.friendlyName === name);
  }
  if (type) items = items.filter((n) => (numberKind(n.phoneNumber) === "toll-free") === (type === "TollFree"));
  return pageOf(items, (n) => n.sid, { path: r.path, filters, query: r.query }, "incoming_phone_numbers", numberJson);
}
