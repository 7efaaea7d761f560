/**
 * The Virtual Assistant's interface to the messaging engine: given a VA-operated conversation and
 * the contact's new message, it answers, notes a yes/no reply, or says it doesn't know. The engine
 * does the rest (sends an answer as author "va"; on "unknown", the campaign's fallback: the set
 * reply, or Needs attention). It runs inside the inbound webhook's transaction, so it only reads
 * (a provider-backed VA answers from an action: see model/assistant/providers.ts).
 */
import type { Doc } from "../../_generated/dataModel";
import type { QueryCtx } from "../../_generated/server";
import { answerFromKnowledge } from "./answerer";
import { classifyYesNo } from "./yesNo";

export type VaResult =
  { kind: "answer"; text: string } | { kind: "noted"; tag: (typeof ANSWER_TAGS)[number] } | { kind: "unknown" };

export type VaQuestion = { conversation: Doc<"conversations">; message: Doc<"messages"> };

/** A question opening with an auxiliary verb, at the start of a sentence or after a greeting's comma. */
const YES_NO_OPENERS =
  /(^|[.!?,:;]\s*)(are|is|am|do|does|did|will|would|can|could|have|has|had|should|shall|may|was|were|want|ready|interested|still)\b[^.!?]*\?/i;

/** An instruction to answer yes or no: "Reply YES to confirm", "Text YES or NO", "respond with Y". */
const REPLY_WITH_ANSWER =
  /\b(reply|respond|text|txt|answer|send|write)(\s+(back|us|me))?(\s+(with|w\/))?\s+["'“‘*]?(yes|y|no|n)\b(?!\s+(later|more|longer|one|matter|need)\b)/i;

/** The choice spelled out: "(Y/N)", "yes/no", "YES or NO". */
const YES_NO_CHOICE = /(^|[^\p{L}])(y\s*\/\s*n|yes\s*\/\s*no|yes\s+or\s+no)(?![\p{L}])/iu;

/**
 * Whether a campaign's message asks a yes/no question: "Are you still interested…?", "Hi Ana, will
 * you attend?", "Reply YES to confirm", "Text YES or NO", "Will you attend? Reply Y/N". Merge
 * fields are read as words. "Reply STOP to opt out" is not a question.
 */
export function asksYesNo(message: string): boolean {
  const text = message.trim();
  return YES_NO_OPENERS.test(text) || REPLY_WITH_ANSWER.test(text) || YES_NO_CHOICE.test(text);
}

/** The tags the VA sets for a recognised answer (any case); one answer tag at a time. */
export const ANSWER_TAGS = ["Yes", "No"] as const;

/**
 * The conversation's tags with the contact's latest answer: it replaces an earlier answer tag (a
 * contact who changes their mind is tagged with the new answer) and is added otherwise. Null when
 * the conversation already has `max` other tags: the caller must not drop the answer silently.
 */
export function withAnswerTag(
  tags: readonly string[],
  tag: (typeof ANSWER_TAGS)[number],
  max: number,
): string[] | null {
  const isAnswer = (t: string) => ANSWER_TAGS.some((a) => a.toLowerCase() === t.toLowerCase());
  const others = tags.filter((t) => !isAnswer(t));
  const at = tags.findIndex(isAnswer);
  if (at >= 0) return tags.map((t, i) => (i === at ? tag : t)).filter((t, i) => i === at || !isAnswer(t));
  return others.length >= max ? null : [...tags, tag];
}

export async function vaAnswer(ctx: QueryCtx, { conversation, message }: VaQuestion): Promise<VaResult> {
  const campaign = conversation.campaignId ? await ctx.db.get("campaigns", conversation.campaignId) : null;
  if (campaign && asksYesNo(campaign.message)) {
    const reply = classifyYesNo(message.body);
    if (reply !== "other") return { kind: "noted", tag: reply === "yes" ? "Yes" : "No" };
  }
  const answer = await answerFromKnowledge(ctx, conversation.officeId, message.body);
  return answer.kind === "answer" ? { kind: "answer", text: answer.text } : { kind: "unknown" };
}
