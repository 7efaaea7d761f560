/**
 * The Virtual Assistant's matcher: which knowledge-base entry answers a text message, and how
 * sure it is. Ranking is BM25 (MiniSearch) over each entry's question and alternative phrasings
 * (the best phrasing counts), its keywords and, weakly, its answer, with fuzzy matching for typos
 * and prefix matching for clipped words. Confidence is how much of the message the entry
 * accounts for: the message's terms weighted by rarity (IDF; a word the knowledge base never uses
 * weighs most), each counted by how well the entry matches it. Below CONFIDENCE_THRESHOLD, or
 * when a runner-up fits as well, the assistant doesn't know. Small talk never reaches the
 * knowledge base. Pure: runs in Convex's runtime, the browser and `npm run va:eval`.
 */
import MiniSearch from "minisearch";
import { isBareAnswer } from "./yesNo";
import { QUESTION_WORDS, terms, words } from "./text";

export { classifyYesNo, type YesNo } from "./yesNo";

export type MatchEntry<Id extends string = string> = {
  id: Id;
  question: string;
  answer?: string;
  alternates: readonly string[];
  keywords: readonly string[];
};

export type UnknownReason = "empty message" | "no knowledge base" | "small talk" | "off topic" | "ambiguous";

export type MatchResult<Id extends string = string> =
  | { kind: "answer"; entryId: Id; score: number; confidence: number }
  | { kind: "unknown"; reason: UnknownReason; closest?: { entryId: Id; confidence: number } };

/** Below this share of the message accounted for, the assistant doesn't know. */
export const CONFIDENCE_THRESHOLD = 0.6;
/** A runner-up scoring this close to the best, and covering as much, makes the message ambiguous. */
export const AMBIGUOUS_SCORE_RATIO = 0.9;

/** Entries ranked by BM25 that are weighed for coverage; rank's share in choosing among them. */
const CANDIDATES = 8;
const RANK_WEIGHT = 0.1;

/** How well an entry's term matches a message's term: exact, a typo away, or the message's word clipped. */
const QUALITY = { exact: 1, fuzzy: 0.8, answerOnly: 0.6 } as const;
const BOOST = { phrasing: 1, keywords: 1.2, answer: 0.25 } as const;

type Doc = { id: number; entry: number; kind: "phrasing" | "keywords" | "answer"; text: string };

export type Matcher<Id extends string = string> = {
  entries: readonly MatchEntry<Id>[];
  index: MiniSearch<Doc>;
  /** Per entry: terms of its question, alternates and keywords; and of its answer. */
  termsOf: { main: Set<string>; answer: Set<string> }[];
  /** Entries whose question, alternates or keywords use each term. */
  documentFrequency: Map<string, number>;
};

const SMALL_TALK = new Set(
  (
    "hi hello hey heya hiya yo howdy sup greetings morning afternoon evening night good great cool nice awesome " +
    "perfect sweet fine thanks thank ok lol lmao rofl haha hahaha hehe bye goodbye later ttyl cya welcome sorry " +
    "wow omg bot robot human person real up going doing day have you are is it this who how what so much very " +
    "too a the i me my there all got sounds never mind no problem yes no"
  ).split(" "),
);
const SMALL_TALK_MARKERS = new Set(
  "hi hello hey heya hiya yo howdy sup morning afternoon evening thanks thank lol lmao rofl haha hahaha hehe bye goodbye later ttyl cya ok cool great nice awesome sounds bot robot".split(
    " ",
  ),
);

const SMALL_TALK_PHRASES = [
  "how are you",
  "how is it going",
  "how you doing",
  "what is up",
  "who is this",
  "are you a",
];

/** Small talk: greetings, thanks, acknowledgements, laughter, goodbyes, "how are you" — nothing to look up. */
export function isSmallTalk(message: string): boolean {
  const all = words(message);
  if (all.length > 0 && isBareAnswer(message)) return true;
  const text = all.filter((word) => /[a-z0-9]/.test(word));
  const chat = text.every((word) => SMALL_TALK.has(word));
  const marked =
    text.some((word) => SMALL_TALK_MARKERS.has(word)) || SMALL_TALK_PHRASES.some((p) => text.join(" ").includes(p));
  return all.length > 0 && chat && (text.length === 0 || marked);
}

/** Indexes entries for matching. Build once per office's knowledge base; matching is then cheap. */
export function buildMatcher<Id extends string>(entries: readonly MatchEntry<Id>[]): Matcher<Id> {
  const docs: Doc[] = [];
  const termsOf = entries.map((entry, i) => {
    const phrasings = [entry.question, ...entry.alternates];
    for (const text of phrasings) docs.push({ id: docs.length, entry: i, kind: "phrasing", text });
    if (entry.keywords.length > 0)
      docs.push({ id: docs.length, entry: i, kind: "keywords", text: entry.keywords.join(" ; ") });
    if (entry.answer) docs.push({ id: docs.length, entry: i, kind: "answer", text: entry.answer });
    return {
      main: new Set([...phrasings, ...entry.keywords].flatMap(terms)),
      answer: new Set(terms(entry.answer ?? "")),
    };
  });
  const index = new MiniSearch<Doc>({
    fields: ["text"],
    storeFields: ["entry", "kind"],
    tokenize: (text) => terms(text),
    processTerm: (term) => term,
  });
  index.addAll(docs);
  const documentFrequency = new Map<string, number>();
  for (const { main } of termsOf)
    for (const term of main) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  return { entries, index, termsOf, documentFrequency };
}

/** Typing distance up to `max`: insertions, deletions, substitutions and swapped neighbours ("fasfa") cost 1. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j], rows[i - 2][j - 2] + 1);
    }
    if (Math.min(...row) > max) return max + 1;
    rows.push(row);
  }
  return rows[a.length][b.length];
}

/** Typos allowed in a word: none below 5 letters, 1 up to 7, 2 from 8. */
const typosAllowed = (term: string) => (term.length < 5 ? 0 : term.length < 8 ? 1 : 2);

/** Letters two words share at the start. */
function sharedPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/**
 * How well `term` (from a message) matches a set of an entry's terms, 0 to 1: exactly; a typo
 * away; or a form of the same word the stemmer didn't reduce ("sched" → "schedule", "suspend" →
 * "suspension": a shared start of 5+ letters covering most of the shorter word).
 */
export function termMatch(term: string, vocabulary: Iterable<string>): number {
  let best = 0;
  const typos = typosAllowed(term);
  for (const candidate of vocabulary) {
    if (candidate === term) return QUALITY.exact;
    if (typos > 0 && editDistance(term, candidate, typos) <= typos) best = Math.max(best, QUALITY.fuzzy);
    const shared = sharedPrefix(term, candidate);
    const clipped = shared === term.length && term.length >= 4;
    if (clipped || (shared >= 5 && shared >= 0.75 * Math.min(term.length, candidate.length)))
      best = Math.max(best, 0.5 + (0.5 * shared) / Math.max(term.length, candidate.length));
  }
  return best;
}

/**
 * Weights read a small knowledge base as if it had this many entries, the others not using the
 * word: in a base of 3 entries that all say "housing", "housing" still tells the topic.
 */
const MIN_ENTRIES_FOR_WEIGHTS = 30;

/** IDF of a message's term: by the knowledge base's own word it matches (typos included), else as unseen. */
function weight(matcher: Matcher, term: string): number {
  const n = Math.max(matcher.entries.length, MIN_ENTRIES_FOR_WEIGHTS);
  let df = matcher.documentFrequency.get(term);
  if (df === undefined && typosAllowed(term) > 0)
    for (const [known, count] of matcher.documentFrequency)
      if (editDistance(term, known, typosAllowed(term)) <= typosAllowed(term)) df = Math.max(df ?? 0, count);
  return Math.log(1 + (n - (df ?? 0) + 0.5) / ((df ?? 0) + 0.5));
}

/** Share (0–1) of the message's weighted terms that entry `i` accounts for; question words weigh half. */
export function coverage(matcher: Matcher, i: number, messageTerms: readonly string[]): number {
  let total = 0;
  let covered = 0;
  for (const term of new Set(messageTerms)) {
    const w = weight(matcher, term) * (QUESTION_WORDS.has(term) ? 0.5 : 1);
    const { main, answer } = matcher.termsOf[i];
    const quality = Math.max(termMatch(term, main), QUALITY.answerOnly * termMatch(term, answer));
    total += w;
    covered += w * quality;
  }
  return total === 0 ? 0 : covered / total;
}

/** Entries by BM25 relevance: the best phrasing, plus keywords, plus (weakly) the answer. */
export function rank(matcher: Matcher, message: string, limit = 10): { entry: number; score: number }[] {
  const results = matcher.index.search(terms(message).join(" "), {
    fuzzy: (term) => (typosAllowed(term) === 0 ? false : typosAllowed(term)),
    prefix: (term) => term.length >= 4,
  });
  const best = new Map<number, { phrasing: number; extra: number }>();
  for (const result of results) {
    const { entry, kind } = result as unknown as Doc;
    const score = best.get(entry) ?? { phrasing: 0, extra: 0 };
    if (kind === "phrasing") score.phrasing = Math.max(score.phrasing, result.score * BOOST.phrasing);
    else score.extra += result.score * BOOST[kind];
    best.set(entry, score);
  }
  return [...best.entries()]
    .map(([entry, { phrasing, extra }]) => ({ entry, score: phrasing + extra }))
    .sort((a, b) => b.score - a.score)
    .slice(0, limit);
}

/**
 * The entry that answers `message`, or why the assistant doesn't know. Of the best-ranked
 * entries, the one covering most of the message wins (rank breaks near-ties): BM25 alone favours
 * an entry repeating one word ("time" in "full time", "part time", "half time") over one that
 * accounts for the whole question ("what time do you close today").
 */
export function match<Id extends string>(matcher: Matcher<Id>, message: string): MatchResult<Id> {
  if (words(message).length === 0) return { kind: "unknown", reason: "empty message" };
  if (isSmallTalk(message)) return { kind: "unknown", reason: "small talk" };
  if (matcher.entries.length === 0) return { kind: "unknown", reason: "no knowledge base" };
  const messageTerms = terms(message);
  const ranked = rank(matcher, message, CANDIDATES);
  const top = ranked[0]?.score ?? 0;
  const [best, second] = ranked
    .map((r) => ({ ...r, coverage: coverage(matcher, r.entry, messageTerms) }))
    .map((r) => ({ ...r, key: r.coverage + RANK_WEIGHT * (r.score / top) }))
    .sort((a, b) => b.key - a.key);
  if (best === undefined) return { kind: "unknown", reason: "off topic" };
  const closest = { entryId: matcher.entries[best.entry].id, confidence: round(best.coverage) };
  if (best.coverage < CONFIDENCE_THRESHOLD) return { kind: "unknown", reason: "off topic", closest };
  if (second && second.coverage >= best.coverage - 0.02 && second.score >= AMBIGUOUS_SCORE_RATIO * best.score)
    return { kind: "unknown", reason: "ambiguous", closest };
  return { kind: "answer", entryId: closest.entryId, score: round(best.score), confidence: closest.confidence };
}

const round = (n: number) => Math.round(n * 1000) / 1000;
