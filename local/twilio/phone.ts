/**
 * Phone numbers as the simulated carrier network sees them: parsing to E.164, the kind of a
 * sender (long code, toll-free, short code), a small area-code atlas for the geographic fields
 * Twilio fills in, and the deterministic pool of purchasable 555-01xx numbers.
 */

export type NumberKind = "long-code" | "toll-free" | "short-code";

export const TOLL_FREE_AREA_CODES = ["800", "833", "844", "855", "866", "877", "888"];

const NANP = /^\+1([2-9]\d{2})([2-9]\d{2})(\d{4})$/;
const E164 = /^\+[1-9]\d{6,14}$/;
const SHORT_CODE = /^\d{5,6}$/;

/**
 * The E.164 form of a number as Twilio would read it (US default for 10 digits), a short code
 * as is, or null when it is not a phone number at all.
 */
export function parseNumber(input: string): string | null {
  const raw = input.trim();
  if (SHORT_CODE.test(raw)) return raw;
  const compact = raw.replace(/[\s().-]/g, "");
  let candidate = compact;
  if (/^\d{10}$/.test(compact)) candidate = `+1${compact}`;
  else if (/^1\d{10}$/.test(compact)) candidate = `+${compact}`;
  if (!E164.test(candidate)) return null;
  if (candidate.startsWith("+1") && !NANP.test(candidate)) return null;
  return candidate;
}

export function numberKind(number: string): NumberKind {
  if (SHORT_CODE.test(number)) return "short-code";
  const npa = areaCodeOf(number);
  return npa && TOLL_FREE_AREA_CODES.includes(npa) ? "toll-free" : "long-code";
}

export function areaCodeOf(number: string): string | null {
  return NANP.exec(number)?.[1] ?? null;
}

export function isAreaCode(value: string): boolean {
  return /^[2-9]\d{2}$/.test(value);
}

/** "(415) 555-0100" for North American numbers, the number itself otherwise. */
export function friendlyName(number: string): string {
  const m = NANP.exec(number);
  return m ? `(${m[1]}) ${m[2]}-${m[3]}` : number;
}

export interface Place {
  city: string;
  state: string;
  zip: string;
  latitude: number;
  longitude: number;
}

const ATLAS: Record<string, Place> = {
  "206": { city: "Seattle", state: "WA", zip: "98101", latitude: 47.61, longitude: -122.33 },
  "212": { city: "New York", state: "NY", zip: "10001", latitude: 40.75, longitude: -73.99 },
  "213": { city: "Los Angeles", state: "CA", zip: "90012", latitude: 34.05, longitude: -118.24 },
  "303": { city: "Denver", state: "CO", zip: "80202", latitude: 39.75, longitude: -104.99 },
  "305": { city: "Miami", state: "FL", zip: "33130", latitude: 25.77, longitude: -80.2 },
  "312": { city: "Chicago", state: "IL", zip: "60601", latitude: 41.88, longitude: -87.62 },
  "404": { city: "Atlanta", state: "GA", zip: "30303", latitude: 33.75, longitude: -84.39 },
  "415": { city: "San Francisco", state: "CA", zip: "94105", latitude: 37.79, longitude: -122.39 },
  "512": { city: "Austin", state: "TX", zip: "78701", latitude: 30.27, longitude: -97.74 },
  "602": { city: "Phoenix", state: "AZ", zip: "85004", latitude: 33.45, longitude: -112.07 },
  "614": { city: "Columbus", state: "OH", zip: "43215", latitude: 39.96, longitude: -83.0 },
  "617": { city: "Boston", state: "MA", zip: "02108", latitude: 42.36, longitude: -71.06 },
  "734": { city: "Ann Arbor", state: "MI", zip: "48104", latitude: 42.28, longitude: -83.74 },
  "808": { city: "Honolulu", state: "HI", zip: "96813", latitude: 21.31, longitude: -157.86 },
  "907": { city: "Anchorage", state: "AK", zip: "99501", latitude: 61.22, longitude: -149.9 },
};

/** Where a number is, for area codes the atlas knows. */
export function placeOf(number: string): Place | null {
  const npa = areaCodeOf(number);
  return npa ? (ATLAS[npa] ?? null) : null;
}

/** Area codes a Local search without AreaCode walks through, in order. */
export const DEFAULT_LOCAL_AREA_CODES = Object.keys(ATLAS);

/** The purchasable numbers of an area code: +1 NPA 555-0100 … 555-0199. */
export function poolOf(areaCode: string): string[] {
  return Array.from({ length: 100 }, (_, i) => `+1${areaCode}55501${String(i).padStart(2, "0")}`);
}

// prettier-ignore
const KEYPAD: Record<string, string> = {
  a: "2", b: "2", c: "2", d: "3", e: "3", f: "3", g: "4", h: "4", i: "4",
  j: "5", k: "5", l: "5", m: "6", n: "6", o: "6", p: "7", q: "7", r: "7", s: "7",
  t: "8", u: "8", v: "8", w: "9", x: "9", y: "9", z: "9",
};

/**
 * Twilio's Contains pattern: digits and letters (keypad digits), `*` one digit, `%` any run of
 * digits, a leading `+` anchors at the start of the E.164 number, a trailing `$` at its end.
 */
export function containsMatcher(pattern: string): (number: string) => boolean {
  let source = "";
  for (const ch of pattern.toLowerCase()) {
    if (/\d/.test(ch)) source += ch;
    else if (KEYPAD[ch]) source += KEYPAD[ch];
    else if (ch === "*") source += "\\d";
    else if (ch === "%") source += "\\d*";
    else if (ch === "+" && source === "") source += "^\\+";
    else if (ch === "$") source += "$";
  }
  const re = new RegExp(source);
  return (number) => re.test(number);
}
