/**
 * The Virtual Assistant's answer to a contact's message from the office's knowledge base — the
 * one function the messaging engine calls (from `vaAnswer`, inside the inbound transaction: it
 * only reads). It loads the office's entries (at most MAX_ENTRIES_PER_OFFICE) and matches.
 */
import type { Doc, Id } from "../../_generated/dataModel";
import type { QueryCtx } from "../../_generated/server";
import type { KnowledgeAnswer, KnowledgeTryResult } from "../../validators";
import { requireOfficeRead, type Viewer } from "../organization/auth";
import { appError } from "../shared/errors";
import { officeEntries } from "./knowledgeBase";
import { MESSAGE_MAX_CHARACTERS } from "../shared/segments";
import { buildMatcher, classifyYesNo, match, type Matcher } from "./match";

export type VaEntry = Pick<Doc<"knowledgeEntries">, "_id" | "question" | "answer" | "alternates" | "keywords">;

export function matcherFor(entries: readonly VaEntry[]): Matcher<Id<"knowledgeEntries">> {
  return buildMatcher(entries.map((entry) => ({ ...entry, id: entry._id })));
}

/**
 * The matcher of an office's entries as stored, reused while none of them changes: indexing 2,000
 * entries takes ~200 ms, matching one message ~15 ms. A pure function of the entries, so a
 * module-level cache is safe in Convex's runtime (an isolate may keep it between calls, or not).
 */
const recent = new Map<string, Matcher<Id<"knowledgeEntries">>>();
function storedMatcher(entries: readonly Doc<"knowledgeEntries">[]): Matcher<Id<"knowledgeEntries">> {
  const key = entries.map((e) => `${e._id}@${e.updatedAt}`).join(",");
  const matcher = recent.get(key) ?? matcherFor(entries);
  recent.delete(key);
  recent.set(key, matcher);
  for (const old of recent.keys()) if (recent.size > 8) recent.delete(old);
  return matcher;
}

/** The answer from these entries (pure). */
export function answerFromEntries(
  entries: readonly VaEntry[],
  message: string,
  matcher: Matcher<Id<"knowledgeEntries">> = matcherFor(entries),
): KnowledgeAnswer {
  const result = match(matcher, message);
  if (result.kind === "unknown") return { kind: "unknown", reason: result.reason };
  const entry = entries.find((e) => e._id === result.entryId) as VaEntry;
  return { kind: "answer", text: entry.answer, entryId: entry._id };
}

/**
 * What the VA replies to `message` for an office: an entry's answer, or "unknown" with the reason
 * ("small talk", "off topic", "ambiguous", "no knowledge base", "empty message").
 */
export async function answerFromKnowledge(
  ctx: QueryCtx,
  officeId: Id<"offices">,
  message: string,
): Promise<KnowledgeAnswer> {
  const entries = await officeEntries(ctx, officeId);
  return answerFromEntries(entries, message, storedMatcher(entries));
}

/** The "Try it" box: what the VA would do with a message, with the entry it chose or came closest to. */
export async function tryMessage(
  ctx: QueryCtx,
  viewer: Viewer,
  args: { officeId: Id<"offices">; message: string },
): Promise<KnowledgeTryResult> {
  requireOfficeRead(viewer, args.officeId);
  if (args.message.length > MESSAGE_MAX_CHARACTERS)
    throw appError("INVALID", `A text holds at most ${MESSAGE_MAX_CHARACTERS.toLocaleString("en-US")} characters.`);
  const entries = await officeEntries(ctx, args.officeId);
  const result = match(storedMatcher(entries), args.message);
  const byId = new Map(entries.map((e) => [e._id, e]));
  const yesNo = classifyYesNo(args.message);
  if (result.kind === "answer") {
    const { question, answer } = byId.get(result.entryId) as VaEntry;
    return {
      yesNo,
      result: { kind: "answer", entryId: result.entryId, question, answer, confidence: result.confidence },
    };
  }
  const near = result.closest
    ? { entry: byId.get(result.closest.entryId), confidence: result.closest.confidence }
    : null;
  const closest = near?.entry
    ? { entryId: near.entry._id, question: near.entry.question, confidence: near.confidence }
    : undefined;
  return { yesNo, result: { kind: "unknown", reason: result.reason, closest } };
}
