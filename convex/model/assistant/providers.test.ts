import { describe, expect, test, vi } from "vitest";
import type { Id } from "../../_generated/dataModel";
import { DEMO_KNOWLEDGE } from "./seedKnowledge";
import type { VaEntry } from "./answerer";
import {
  chatRequest,
  knowledgeProvider,
  llmConfig,
  llmProvider,
  parseChoice,
  vaProvider,
  type LlmConfig,
} from "./providers";

const entries: VaEntry[] = DEMO_KNOWLEDGE.map(({ id, ...fields }) => ({
  ...fields,
  _id: id as Id<"knowledgeEntries">,
}));
const config: LlmConfig = {
  url: "https://llm.example/v1/",
  apiKey: "sk-test",
  model: "tiny-1",
  timeoutMs: 1000,
  candidates: 3,
};

/** A fetch that records its calls and answers with `content` (or fails). */
function fakeFetch(reply: { content?: string; status?: number; error?: Error }) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetchImpl = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    if (reply.error) throw reply.error;
    const body = { choices: [{ message: { role: "assistant", content: reply.content ?? "" } }] };
    return await Promise.resolve(new Response(JSON.stringify(body), { status: reply.status ?? 200 }));
  });
  return { calls, fetchImpl: fetchImpl as unknown as typeof fetch };
}

describe("which provider answers", () => {
  test("the knowledge matcher by default; the model only when VA_LLM_URL, VA_LLM_API_KEY and VA_LLM_MODEL are all set", () => {
    expect(llmConfig({})).toBeNull();
    expect(llmConfig({ VA_LLM_URL: "https://x", VA_LLM_API_KEY: "k" })).toBeNull();
    expect(vaProvider({})).toBe(knowledgeProvider);
    const env = { VA_LLM_URL: "https://x/v1", VA_LLM_API_KEY: "k", VA_LLM_MODEL: "m" };
    expect(llmConfig(env)).toMatchObject({ url: "https://x/v1", apiKey: "k", model: "m" });
    expect(vaProvider(env).name).toBe("language model (m)");
  });

  test("the knowledge provider answers from the entries", async () => {
    expect(await knowledgeProvider.answer("when is the fafsa due", entries)).toMatchObject({
      kind: "answer",
      entryId: "fafsa-deadline",
    });
  });
});

describe("the language-model provider", () => {
  test("sends an OpenAI-style chat completion listing the best-ranked entries", () => {
    const { url, init } = chatRequest(config, 'when is "fafsa" due', entries.slice(0, 2));
    expect(url).toBe("https://llm.example/v1/chat/completions");
    expect(chatRequest({ ...config, url: "https://h/api/chat/completions" }, "x", []).url).toBe(
      "https://h/api/chat/completions",
    );
    expect(init.method).toBe("POST");
    expect(init.headers).toEqual({ "Content-Type": "application/json", Authorization: "Bearer sk-test" });
    const body = JSON.parse(init.body as string) as {
      model: string;
      temperature: number;
      messages: { role: string; content: string }[];
    };
    expect(body.model).toBe("tiny-1");
    expect(body.temperature).toBe(0);
    expect(body.messages.map((m) => m.role)).toEqual(["system", "user"]);
    expect(body.messages[1].content).toContain(
      "1. Q: When is the FAFSA deadline? (also: When do I need to file the FAFSA by?;",
    );
    expect(body.messages[1].content).toContain("2. Q: What is the school code for the FAFSA?");
    expect(body.messages[1].content).toContain('Message: "when is \\"fafsa\\" due"');
  });

  test("reads the model's choice; anything else is no choice", () => {
    const two = entries.slice(0, 2);
    expect(parseChoice('{"entry": 2}', two)?._id).toBe("fafsa-code");
    expect(parseChoice('```json\n{"entry": 1}\n```', two)?._id).toBe("fafsa-deadline");
    for (const content of ['{"entry": null}', '{"entry": 3}', '{"entry": "1"}', "The FAFSA is due March 1.", "{oops"])
      expect(parseChoice(content, two)).toBeNull();
  });

  test("replies with the chosen entry's own answer, never the model's words", async () => {
    const { calls, fetchImpl } = fakeFetch({ content: '{"entry": 1}' });
    const reply = await llmProvider(config, fetchImpl).answer("my mom got laid off, can my aid change", entries);
    expect(calls).toHaveLength(1);
    const chosen = entries.find((e) => reply.kind === "answer" && e._id === reply.entryId);
    expect(reply).toEqual({ kind: "answer", text: chosen?.answer, entryId: chosen?._id });
  });

  test("no entry chosen → the assistant doesn't know; small talk never reaches the model", async () => {
    const none = fakeFetch({ content: '{"entry": null}' });
    expect(await llmProvider(config, none.fetchImpl).answer("is the library open late", entries)).toEqual({
      kind: "unknown",
      reason: "the language model found no entry that answers it",
    });
    const chat = fakeFetch({ content: '{"entry": 1}' });
    expect(await llmProvider(config, chat.fetchImpl).answer("thanks!", entries)).toEqual({
      kind: "unknown",
      reason: "small talk",
    });
    expect(chat.calls).toHaveLength(0);
  });

  test("when the model fails, the knowledge matcher's answer stands", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    for (const reply of [{ status: 500 }, { error: new TypeError("fetch failed") }]) {
      const { fetchImpl } = fakeFetch(reply);
      expect(await llmProvider(config, fetchImpl).answer("when is the fafsa due", entries)).toMatchObject({
        kind: "answer",
        entryId: "fafsa-deadline",
      });
    }
  });
});
