/**
 * The Virtual Assistant's interface to the messaging engine: given a VA-operated conversation and
 * the contact's new message, it answers, notes a yes/no reply, or says it doesn't know. The engine
 * does the rest (sends an answer as author "va"; on "unknown", the campaign's fallback: the set
 * reply, or Needs attention). It runs inside the inbound webhook's transaction, so it only reads
 * (a provider-backed VA answers from an action: see model/vaProviders.ts).
 */
import type { Doc } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { answerFromKnowledge } from "./vaAnswerer";
import { classifyYesNo } from "./vaYesNo";

export type VaResult = { kind: "answer"; text: string } | { kind: "noted"; tag: string } | { kind: "unknown" };

export type VaQuestion = { conversation: Doc<"conversations">; message: Doc<"messages"> };

const YES_NO_OPENERS =
  /(^|[.!?]\s+)(are|is|am|do|does|did|will|would|can|could|have|has|had|should|shall|may|was|were|want|ready|interested|still)\b[^.!?]*\?/i;

/** Whether a campaign's message asks a yes/no question ("Are you still interested in…?"). */
export function asksYesNo(message: string): boolean {
  return YES_NO_OPENERS.test(message.trim());
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
