/**
 * SMS segment counting, shared by the backend and the campaign wizard (pure: no Convex or Node APIs).
 *
 * A text goes out as GSM-7 when every character is in the GSM 03.38 default alphabet or its
 * extension table (an extension character is sent as ESC + char, two septets); otherwise the whole
 * text goes out as UCS-2, counted in UTF-16 code units (an emoji is two). One segment carries 160
 * septets or 70 units; a longer text is split into parts of 153 septets or 67 units (the rest is the
 * concatenation header), and a part never ends in the middle of an escape sequence or a surrogate
 * pair — so a part can carry one unit less, and the count below packs parts exactly as a carrier does.
 */

/** Twilio's limit on a message body, in UTF-16 code units (what a text box's maxlength counts). */
export const MESSAGE_MAX_CHARACTERS = 1600;

export type Encoding = "GSM-7" | "UCS-2";

export type SegmentCount = {
  encoding: Encoding;
  /** Length in the encoding's units: GSM-7 septets (an extension character counts 2) or UTF-16 code units. */
  characters: number;
  /** Segments (parts) the text is sent as; 0 for an empty text. */
  segments: number;
  /** Units one segment of this text carries: 160 / 70 for a single segment, 153 / 67 once split. */
  perSegment: number;
  /** Units left in the last segment before the text needs another one. */
  remainingInSegment: number;
  /** The characters that forced UCS-2, each once, in order of appearance (empty for GSM-7). */
  nonGsmCharacters: string[];
};

const GSM_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
  "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM_EXTENSION = "\f^{}\\[~]|€";
const BASIC = new Set(GSM_BASIC);
const EXTENSION = new Set(GSM_EXTENSION);

const LIMITS: Record<Encoding, { single: number; part: number }> = {
  "GSM-7": { single: 160, part: 153 },
  "UCS-2": { single: 70, part: 67 },
};

/** Septets a character takes in GSM-7 (1 or 2), or 0 when it is not in the GSM-7 alphabet. */
export function gsmSeptets(char: string): 0 | 1 | 2 {
  if (BASIC.has(char)) return 1;
  if (EXTENSION.has(char)) return 2;
  return 0;
}

/** The encoding a text is sent in. */
export function encodingOf(text: string): Encoding {
  for (const char of text) if (gsmSeptets(char) === 0) return "UCS-2";
  return "GSM-7";
}

/** Each character (code point) of the text with the units it takes in the encoding. */
function units(text: string, encoding: Encoding): { char: string; size: number }[] {
  return Array.from(text, (char) => ({ char, size: encoding === "GSM-7" ? gsmSeptets(char) : char.length }));
}

/** The text cut into the parts it is sent as (one part when it fits a single segment; none when empty). */
export function splitSegments(text: string): string[] {
  if (text === "") return [];
  const encoding = encodingOf(text);
  const chars = units(text, encoding);
  const total = chars.reduce((sum, c) => sum + c.size, 0);
  if (total <= LIMITS[encoding].single) return [text];
  const parts: string[] = [];
  let part = "";
  let used = 0;
  for (const { char, size } of chars) {
    if (used + size > LIMITS[encoding].part) {
      parts.push(part);
      part = "";
      used = 0;
    }
    part += char;
    used += size;
  }
  parts.push(part);
  return parts;
}

/** The live count the wizard shows under the message, and what sending is paced by. */
export function countSegments(text: string): SegmentCount {
  const encoding = encodingOf(text);
  const chars = units(text, encoding);
  const characters = chars.reduce((sum, c) => sum + c.size, 0);
  const nonGsmCharacters =
    encoding === "GSM-7" ? [] : [...new Set(chars.map((c) => c.char))].filter((c) => gsmSeptets(c) === 0);
  const { single, part } = LIMITS[encoding];
  if (characters <= single)
    return {
      encoding,
      characters,
      segments: characters === 0 ? 0 : 1,
      perSegment: single,
      remainingInSegment: single - characters,
      nonGsmCharacters,
    };
  const parts = splitSegments(text);
  const last = units(parts[parts.length - 1], encoding).reduce((sum, c) => sum + c.size, 0);
  return {
    encoding,
    characters,
    segments: parts.length,
    perSegment: part,
    remainingInSegment: part - last,
    nonGsmCharacters,
  };
}
