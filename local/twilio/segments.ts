/**
 * SMS segment counting as carriers do it: a body that fits the GSM-7 alphabet (extension
 * characters take two septets) is 160 septets in one segment or 153 per segment when split; any
 * other character makes the whole body UCS-2, 70 code units alone or 67 per segment. Twilio
 * paces senders in segments, so the simulator's queues count with this.
 */

const GSM_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
  "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM_EXTENSION = "\f^{}\\[~]|€";

const basic = new Set(GSM_BASIC);
const extension = new Set(GSM_EXTENSION);

export type Encoding = "GSM-7" | "UCS-2";

export interface SegmentCount {
  encoding: Encoding;
  /** Septets for GSM-7, UTF-16 code units for UCS-2. */
  units: number;
  segments: number;
}

export function countSegments(body: string): SegmentCount {
  let septets = 0;
  for (const ch of body) {
    if (basic.has(ch)) septets += 1;
    else if (extension.has(ch)) septets += 2;
    else return split("UCS-2", body.length, 70, 67);
  }
  return split("GSM-7", septets, 160, 153);
}

function split(encoding: Encoding, units: number, single: number, multi: number): SegmentCount {
  return { encoding, units, segments: units <= single ? 1 : Math.ceil(units / multi) };
}
