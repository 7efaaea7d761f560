/**
 * Who answers for the Virtual Assistant, behind one interface. The default is the knowledge
 * matcher (no external service). An OpenAI-compatible chat-completions model can be switched on
 * with the Convex environment variables VA_LLM_URL (the API's base URL, e.g.
 * https://api.openai.com/v1, or the full …/chat/completions URL), VA_LLM_API_KEY and VA_LLM_MODEL;
 * it makes network calls, so it runs only from an action. It never writes answers of its own: it
 * picks which of the matcher's best-ranked entries answers the message (or none), and the reply
 * is that entry's curated answer. If the model fails or times out, the matcher's answer stands.
 */
import type { KnowledgeAnswer } from "../../validators";
import { answerFromEntries, matcherFor, type VaEntry } from "./answerer";
import { isSmallTalk, rank } from "./match";

export interface VaProvider {
  readonly name: string;
  answer(message: string, entries: readonly VaEntry[]): Promise<KnowledgeAnswer>;
}

export const knowledgeProvider: VaProvider = {
  name: "knowledge base",
  answer: async (message, entries) => await Promise.resolve(answerFromEntries(entries, message)),
};

export type LlmConfig = { url: string; apiKey: string; model: string; timeoutMs: number; candidates: number };

/** The model's settings from the environment, or null (the default: switched off) unless all three are set. */
export function llmConfig(env: Record<string, string | undefined> = process.env): LlmConfig | null {
  const [url, apiKey, model] = [env.VA_LLM_URL?.trim(), env.VA_LLM_API_KEY?.trim(), env.VA_LLM_MODEL?.trim()];
  if (!url || !apiKey || !model) return null;
  return { url, apiKey, model, timeoutMs: 8000, candidates: 8 };
}

const SYSTEM_PROMPT =
  "You route text messages that contacts send to a school office. You get the contact's message and a " +
  'numbered list of knowledge-base entries. Reply with JSON only: {"entry": N} with the number of the entry ' +
  'whose answer fully answers the message, or {"entry": null} when none does, when the message is small talk, ' +
  "or when you are not sure. Never answer the message yourself.";

/** The chat-completions request for a message and its candidate entries. */
export function chatRequest(
  config: LlmConfig,
  message: string,
  candidates: readonly VaEntry[],
): { url: string; init: RequestInit } {
  const list = candidates
    .map(
      (e, i) =>
        `${i + 1}. Q: ${e.question}${e.alternates.length ? ` (also: ${e.alternates.join("; ")})` : ""}\n   A: ${e.answer}`,
    )
    .join("\n");
  const url = /\/chat\/completions\/?$/.test(config.url)
    ? config.url
    : `${config.url.replace(/\/+$/, "")}/chat/completions`;
  const body = {
    model: config.model,
    temperature: 0,
    messages: [
      { role: "system", content: SYSTEM_PROMPT },
      { role: "user", content: `Entries:\n${list}\n\nMessage: ${JSON.stringify(message)}` },
    ],
  };
  const headers = { "Content-Type": "application/json", Authorization: `Bearer ${config.apiKey}` };
  return { url, init: { method: "POST", headers, body: JSON.stringify(body) } };
}

/** The entry the model chose (1-based in `candidates`), or null for none or an answer that isn't one of them. */
export function parseChoice(content: string, candidates: readonly VaEntry[]): VaEntry | null {
  const json = /\{[\s\S]*\}/.exec(content)?.[0];
  if (!json) return null;
  try {
    const entry = (JSON.parse(json) as { entry?: unknown }).entry;
    return typeof entry === "number" && Number.isInteger(entry) ? (candidates[entry - 1] ?? null) : null;
  } catch {
    return null;
  }
}

/** The model as a provider; `fetchImpl` lets tests stand in for the network. */
export function llmProvider(config: LlmConfig, fetchImpl: typeof fetch = fetch): VaProvider {
  return {
    name: `language model (${config.model})`,
    async answer(message, entries) {
      if (isSmallTalk(message)) return { kind: "unknown", reason: "small talk" };
      const candidates = rank(matcherFor(entries), message, config.candidates).map((r) => entries[r.entry]);
      if (candidates.length === 0) return { kind: "unknown", reason: "off topic" };
      const { url, init } = chatRequest(config, message, candidates);
      try {
        const response = await fetchImpl(url, { ...init, signal: AbortSignal.timeout(config.timeoutMs) });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const data = (await response.json()) as { choices?: { message?: { content?: string } }[] };
        const chosen = parseChoice(data.choices?.[0]?.message?.content ?? "", candidates);
        if (chosen === null) return { kind: "unknown", reason: "the language model found no entry that answers it" };
        return { kind: "answer", text: chosen.answer, entryId: chosen._id };
      } catch (error) {
        console.warn(`VA language model failed (${String(error)}); answering from the knowledge base.`);
        return answerFromEntries(entries, message);
      }
    },
  };
}

/** The provider this deployment uses: the language model when configured, else the knowledge matcher. */
export function vaProvider(
  env: Record<string, string | undefined> = process.env,
  fetchImpl?: typeof fetch,
): VaProvider {
  const config = llmConfig(env);
  return config === null ? knowledgeProvider : llmProvider(config, fetchImpl);
}
