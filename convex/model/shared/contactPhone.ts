/**
 * Phone numbers of contacts: one normalization (E.164, default region US) shared by the CSV
 * import in the browser, the `contacts:check` CLI and the backend, so a number the preview
 * accepts is the number the backend stores. Pure; libphonenumber-js with its "max" metadata (the
 * one that knows which area codes and exchanges exist: measured ~13 µs a number in Node).
 */
import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";

/** The organization's allowed countries when it has not chosen any. */
export const DEFAULT_ALLOWED_COUNTRIES: readonly string[] = ["US", "CA"];

/** Why a phone cell can't be imported, in the words the rejected-rows report shows. */
export const PHONE_REASONS = {
  missing: "missing phone",
  invalid: "not a valid phone number",
  extension: "has an extension, which texts can't reach",
} as const;

/** US territories share +1 and US carriers: an allowed "US" covers them. */
const US_TERRITORIES = new Set(["PR", "VI", "GU", "AS", "MP"]);

const COUNTRY_NAMES: Record<string, string> = {
  US: "US",
  CA: "Canada",
  MX: "Mexico",
  GB: "United Kingdom",
  PR: "Puerto Rico",
};

/** "US, Canada": how the allowed countries read in a reason. */
export function countryList(countries: readonly string[]): string {
  return countries.map((c) => COUNTRY_NAMES[c] ?? c).join(", ");
}

export function outsideCountriesReason(allowed: readonly string[]): string {
  return `outside the allowed countries (${countryList(allowed)})`;
}

/** Typographic dashes, and the non-breaking or zero-width spaces spreadsheets put in numbers. */
const DASHES = /[\u2010-\u2015\u2212\uFE63\uFF0D]/g;
const SPACES = /[\u00A0\u2000-\u200A\u202F\u205F\u3000]/g;
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;
/** A trailing extension: "x12", "ext. 12", "extension 12", "#12". */
const EXTENSION = /\s*(?:,|;)?\s*(?:e?xt\.?|extension|x|#)\s*\d+\s*$/i;
/** What may remain of a phone number once the extension is gone. */
const PHONE_CHARS = /^[+\d\s().\-/]+$/;

export type PhoneResult = { ok: true; phone: string; country: string } | { ok: false; reason: string };

/**
 * The E.164 form of a phone cell as people type it ("(415) 555-2671", "+1 415 555 2671",
 * "1-415-555-2671"), or the reason it can't be texted. Letters make a number invalid (a typed
 * "O" for "0" must not be read as a vanity number); an extension is refused because a text
 * would reach the main line, not the person.
 */
export function normalizePhone(
  raw: string,
  allowedCountries: readonly string[] = DEFAULT_ALLOWED_COUNTRIES,
): PhoneResult {
  const cell = raw.replace(DASHES, "-").replace(SPACES, " ").replace(INVISIBLE, "").trim();
  if (cell === "") return { ok: false, reason: PHONE_REASONS.missing };
  const withoutExtension = cell.replace(EXTENSION, "");
  if (!PHONE_CHARS.test(withoutExtension) || !/\d/.test(withoutExtension))
    return { ok: false, reason: PHONE_REASONS.invalid };
  const parsed = parsePhoneNumberFromString(withoutExtension, "US");
  if (!parsed || !parsed.isValid()) return { ok: false, reason: PHONE_REASONS.invalid };
  if (withoutExtension !== cell) return { ok: false, reason: PHONE_REASONS.extension };
  const country = parsed.country ?? "";
  const effective = US_TERRITORIES.has(country) ? "US" : country;
  if (!allowedCountries.includes(effective) && !allowedCountries.includes(country))
    return { ok: false, reason: outsideCountriesReason(allowedCountries) };
  return { ok: true, phone: parsed.number, country };
}

/** "(415) 555-2671" for a NANP number, the international form otherwise. */
export function formatPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  return parsed.countryCallingCode === "1" ? parsed.formatNational() : parsed.formatInternational();
}

/**
 * Text a list entry is found by: names, and the phone as people search it (E.164, digits without
 * the country code, the seven digits after a North American area code, and the formatted form,
 * whose pieces "415", "555", "2671" match too).
 */
export function entrySearchText(firstName: string, lastName: string, e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  const national = parsed ? String(parsed.nationalNumber) : e164.replace(/\D/g, "");
  const local = parsed?.countryCallingCode === "1" ? national.slice(3) : "";
  return [firstName, lastName, e164, national, local, formatPhone(e164)].filter((s) => s !== "").join(" ");
}

/** Whether libphonenumber-js knows the ISO 3166 code ("US", "CA", …). */
export function isCountryCode(code: string): code is CountryCode {
  return isSupportedCountry(code);
}
