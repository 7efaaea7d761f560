/**
 * What an inbound text asks of Parley itself, before any person or the Virtual Assistant sees it:
 * to opt out (Twilio's keywords, or a plain-language request), to opt back in, or for help. Pure
 * and table-tested (`keywords.test.ts`).
 *
 * Keywords count only as the whole message (case, punctuation, emoji and surrounding spaces
 * ignored: "Stop.", " STOP ", "opt-out"), as Twilio matches them. Plain-language requests are
 * matched per clause (a message is split at . , ! ? ; and line breaks) in two ways: a clause that,
 * once polite words are set aside, *is* a request ("please stop", "remove me, thanks"), or a
 * clause that *contains* an unambiguous request ("why won't you stop texting me") that no nearby
 * negation turns around ("please don't remove me from the list"). Anything less clear is left to
 * a person: a missed request reaches an agent, who can opt the contact out; a false opt-out
 * silences someone who wanted to talk.
 */

export type KeywordAction =
  { action: "optOut"; match: "keyword" | "phrase" } | { action: "optIn" } | { action: "help" } | null;

/** Twilio's default opt-out keywords. */
export const OPT_OUT_KEYWORDS = ["stop", "stopall", "unsubscribe", "cancel", "end", "quit", "revoke", "optout"];
/** Twilio's opt-in keywords (YES counts too, but only for a contact who is opted out). */
export const OPT_IN_KEYWORDS = ["start", "unstop"];
export const HELP_KEYWORDS = ["help", "info"];

/** Lowercase, compatibility forms folded, typographic apostrophes made plain. */
function fold(body: string): string {
  return body
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\u2018\u2019\u02BC\u0060\u00B4]/g, "'");
}

/** The words of a text (letters, digits, inner apostrophes). */
function words(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu) ?? [];
}

/** The whole message as one keyword ("Stop!" → "stop", "opt-out" → "optout"), or null past two words. */
export function messageKeyword(body: string): string | null {
  const all = words(fold(body));
  return all.length === 0 || all.length > 2 ? null : all.join("");
}

/** Clauses that, with the polite words around them set aside, are a request to stop texting. */
const STOP_REQUESTS = new Set([
  "stop",
  "stop all",
  "stop it",
  "stop this",
  "stop that",
  "stop texting",
  "stop messaging",
  "stop the texts",
  "stop the messages",
  "unsubscribe",
  "unsubscribe me",
  "opt out",
  "opt me out",
  "optout",
  "remove me",
  "take me off",
  "no more",
  "no more texts",
  "no more messages",
  "leave me alone",
]);

const LEADING = [
  ...["please", "pls", "plz", "kindly", "just", "ok", "okay", "hi", "hello", "hey", "yes", "yeah", "no", "sorry"],
  ...["but", "and", "so", "seriously", "again", "i said", "i want to", "i wanna", "i would like to", "i'd like to"],
  ...["id like to", "i wish to", "i need to", "can you", "could you", "would you", "will you", "can u", "could u"],
  ...["how do i", "how can i", "can i"],
];
const TRAILING = [
  ...["please", "pls", "plz", "now", "right now", "thanks", "thank you", "thx", "ty", "already", "asap"],
  ...["immediately", "for good", "forever", "permanently", "again", "anymore", "any more", "ok", "okay", "lol"],
];

/** Whether the clause is a stop request once leading and trailing polite words are set aside. */
function isStopRequest(clause: string): boolean {
  if (/^stop(?: stop)+$/.test(clause)) return true;
  let candidates = [clause];
  for (let round = 0; round < 6 && candidates.length > 0; round++) {
    if (candidates.some((c) => STOP_REQUESTS.has(c))) return true;
    const next: string[] = [];
    for (const c of candidates) {
      for (const f of LEADING) if (c.startsWith(`${f} `)) next.push(c.slice(f.length + 1));
      for (const f of TRAILING) if (c.endsWith(` ${f}`)) next.push(c.slice(0, -f.length - 1));
    }
    candidates = [...new Set(next)];
  }
  return false;
}

const LIST = String.raw`(?:(?:your|the|this|ur|all|these|any|of) )*(?:(?:texting|text|sms|mailing|contact|messaging|call|calling|phone|distribution) )?(?:list|lists|database|system|contacts)`;

/** Requests that are unambiguous wherever they stand in a clause. */
const STOP_PHRASES: RegExp[] = [
  /\bstop (?:texting|txting|messaging|msging|contacting|spamming|bothering) (?:me|us|this number|my (?:phone|number|cell))\b/,
  /\bstop (?:texting|txting|messaging|contacting)$/,
  /\bstop sending (?:me|us|these|those|this|them|texts|messages|msgs|sms)\b/,
  /\bquit (?:texting|messaging|contacting|sending) me\b/,
  /\bstop (?:receiving|getting) (?:(?:these|those|your|the|any|all) )?(?:texts|text messages|messages|msgs|sms)\b/,
  new RegExp(
    String.raw`\b(?:take|remove|delete|drop|erase) (?:me|my (?:phone )?number|this number) (?:off|from|out of) ${LIST}\b`,
  ),
  /\b(?:unsubscribe|opt) me\b/,
  /\b(?:unsubscribe|opt out) (?:me )?from (?:(?:your|these|this|the|all) )?(?:texts|messages|list|lists|sms|alerts)\b/,
  /\b(?:do not|don't|dont|never) (?:text|txt|message|msg|contact|sms) (?:me|this number|us)\b/,
  /\b(?:do not|don't|dont) (?:text|txt|message|contact)$/,
  /\bno more (?:texts|text messages|messages|msgs|texting|sms)\b/,
  /\b(?:lose|delete) my number\b/,
  /\bleave me alone\b/,
];

/** Words that, shortly before a request, turn it around ("please don't remove me"). */
const NEGATIONS = new Set([
  ...["not", "never", "don't", "dont", "didn't", "didnt", "doesn't", "doesnt"],
  ...["shouldn't", "shouldnt", "wouldn't", "wouldnt", "isn't", "isnt"],
]);

function containsStopPhrase(clause: string): boolean {
  for (const phrase of STOP_PHRASES) {
    const found = phrase.exec(clause);
    if (found === null) continue;
    const before = words(clause.slice(0, found.index)).slice(-4);
    if (!before.some((w) => NEGATIONS.has(w))) return true;
  }
  return false;
}

/** Whether the text asks, in plain language, to stop being texted. */
export function isPlainLanguageOptOut(body: string): boolean {
  const clauses = fold(body)
    .split(/[.,!?;:\n]+/)
    .map((c) => words(c).join(" "))
    .filter((c) => c !== "");
  return clauses.some((c) => isStopRequest(c) || containsStopPhrase(c));
}

/**
 * What the text asks of Parley. `optedOut`: the contact is opted out now (then YES opts back in,
 * as it does at Twilio). `twilioOptOutType`: Twilio's own reading (the webhook's `OptOutType`),
 * which wins when it names one — the account may have keywords of its own.
 */
export function keywordAction(body: string, optedOut: boolean, twilioOptOutType?: string): KeywordAction {
  const twilio = twilioOptOutType?.trim().toUpperCase();
  if (twilio === "STOP") return { action: "optOut", match: "keyword" };
  if (twilio === "START") return { action: "optIn" };
  if (twilio === "HELP") return { action: "help" };
  const keyword = messageKeyword(body);
  if (keyword !== null && OPT_OUT_KEYWORDS.includes(keyword)) return { action: "optOut", match: "keyword" };
  if (keyword !== null && (OPT_IN_KEYWORDS.includes(keyword) || (optedOut && keyword === "yes")))
    return { action: "optIn" };
  if (keyword !== null && HELP_KEYWORDS.includes(keyword)) return { action: "help" };
  if (isPlainLanguageOptOut(body)) return { action: "optOut", match: "phrase" };
  return null;
}
