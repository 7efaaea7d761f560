/**
 * Reads the messaging TwiML an SMS webhook answers with: `<Response>` holding `<Message>` verbs,
 * each with its text (directly or in `<Body>`) and optional `to`, `from`, `action` /
 * `statusCallback` attributes. Other verbs (`<Redirect>`) are ignored.
 */

export interface TwimlMessage {
  body: string;
  to?: string;
  from?: string;
  statusCallback?: string;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code = name[1].toLowerCase() === "x" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

function text(xml: string): string {
  const cdata = /^\s*<!\[CDATA\[([\s\S]*)\]\]>\s*$/.exec(xml);
  if (cdata) return cdata[1];
  return decode(xml.replace(/<[^>]*>/g, "")).trim();
}

function attributes(source: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of source.matchAll(/([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out[m[1]] = decode(m[2] ?? m[3] ?? "");
  return out;
}

/** The messages a TwiML document asks to send; null when the text is not a TwiML `<Response>`. */
export function parseMessagingTwiml(xml: string): TwimlMessage[] | null {
  const doc = xml
    .replace(/<\?xml[^>]*\?>/, "")
    .replace(/<!--[\s\S]*?-->/g, "")
    .trim();
  if (/^<Response\s*\/>$/.test(doc)) return [];
  const response = /^<Response(?:\s[^>]*)?>([\s\S]*)<\/Response>$/.exec(doc);
  if (!response) return null;
  const messages: TwimlMessage[] = [];
  for (const m of response[1].matchAll(/<Message(\s[^>]*?)?(?:\/>|>([\s\S]*?)<\/Message>)/g)) {
    const attrs = attributes(m[1] ?? "");
    const inner = m[2] ?? "";
    const body = /<Body(?:\s[^>]*)?>([\s\S]*?)<\/Body>/.exec(inner);
    const message: TwimlMessage = { body: text(body ? body[1] : inner.replace(/<Media[\s\S]*?<\/Media>/g, "")) };
    if (attrs.to) message.to = attrs.to;
    if (attrs.from) message.from = attrs.from;
    const callback = attrs.action ?? attrs.statusCallback;
    if (callback) message.statusCallback = callback;
    messages.push(message);
  }
  return messages;
}
