/** The Virtual Assistant in conversations: answers, set reply, escalation, yes/no, takeover, opt-outs. */
import { describe, expect, test } from "vitest";
import { api } from "../../_generated/api";
import type { Doc, Id } from "../../_generated/dataModel";
import {
  conversationDoc,
  messagesOf,
  type MessagingTest,
  messagingTest,
  receiveText,
  useFakeClock,
} from "../../setup.test";
import { asksYesNo, withAnswerTag } from "./va";

type World = MessagingTest;

async function world(campaign: Partial<Doc<"campaigns">> = {}): Promise<World> {
  const w = await messagingTest({ operatedBy: "va", ...campaign });
  await w.t.run(async (ctx) => {
    for (const entry of [
      {
        question: "When is the open house?",
        answer: "The open house is Saturday at 10am in Main Hall.",
        alternates: ["open house date", "what time is the open house"],
        keywords: ["open house", "visit"],
      },
      {
        question: "Where do I park?",
        answer: "Park free in Lot B.",
        alternates: ["parking"],
        keywords: ["parking", "park"],
      },
    ]) {
      await ctx.db.insert("knowledgeEntries", {
        officeId: w.admissions,
        ...entry,
        externalId: entry.question.toLowerCase().replace(/\W+/g, "-"),
        searchText: entry.question,
        updatedAt: Date.now(),
        updatedBy: w.samId,
      });
    }
  });
  return w;
}

const text = receiveText;
const conversation = conversationDoc;
const vaReplies = async (w: World, id: Id<"conversations">) =>
  (await messagesOf(w, id)).filter((m) => m.author === "va").map((m) => m.body);

useFakeClock();

test("the VA answers from the office's knowledge base as a chatbot response", async () => {
  const w = await world();
  await text(w, w.ada.phone, "wat time is the open house??");
  expect(await vaReplies(w, w.adaConv)).toEqual(["The open house is Saturday at 10am in Main Hall."]);
  expect((await conversation(w, w.adaConv)).section).toBe("va");
});

test("when it doesn't know: the set reply once, then Needs attention; or escalation at once", async () => {
  const w = await world({ vaFallback: "setReply", vaSetReply: "An advisor will text you soon." });
  await text(w, w.ada.phone, "Can I bring my dog to the dorm?");
  expect(await vaReplies(w, w.adaConv)).toEqual(["An advisor will text you soon."]);
  expect((await conversation(w, w.adaConv)).needsAttention).toBe(false);
  await text(w, w.ada.phone, "Also what about cats?");
  expect((await conversation(w, w.adaConv)).section).toBe("needsAttention");

  const escalating = await world({ vaFallback: "escalate" });
  await text(escalating, escalating.ben.phone, "Can I bring my dog to the dorm?");
  expect(await vaReplies(escalating, escalating.benConv)).toEqual([]);
  expect((await conversation(escalating, escalating.benConv)).section).toBe("needsAttention");
});

test("small talk is not answered from the knowledge base", async () => {
  const w = await world({ vaFallback: "escalate" });
  await text(w, w.ada.phone, "lol thanks");
  expect(await vaReplies(w, w.adaConv)).toEqual([]);
});

test("a yes/no reply to a yes/no campaign question is noted as a tag, not escalated", async () => {
  expect(asksYesNo("Hi {firstName}! Are you still planning to attend in the fall?")).toBe(true);
  expect(asksYesNo("Hi {firstName}, the open house is Saturday.")).toBe(false);
  const w = await world({ message: "Hi {firstName}! Will you attend the open house?", vaFallback: "escalate" });
  await text(w, w.ada.phone, "yep!");
  await text(w, w.ben.phone, "nah not this time");
  expect((await conversation(w, w.adaConv)).tags).toEqual(["Yes"]);
  expect((await conversation(w, w.benConv)).tags).toEqual(["No"]);
  expect((await conversation(w, w.adaConv)).needsAttention).toBe(false);
  await text(w, w.ada.phone, "where do i park");
  expect(await vaReplies(w, w.adaConv)).toEqual(["Park free in Lot B."]);
});

test("an agent takes a conversation over and hands it back; the VA never texts an opted-out contact", async () => {
  const w = await world();
  await w.sam.mutation(api.conversations.setOperatedBy, { conversationId: w.adaConv, operatedBy: "agent" });
  await text(w, w.ada.phone, "when is the open house");
  expect(await vaReplies(w, w.adaConv)).toEqual([]);
  expect((await conversation(w, w.adaConv)).section).toBe("needsAttention");
  await w.sam.mutation(api.conversations.sendReply, { conversationId: w.adaConv, body: "Saturday!" });
  await w.sam.mutation(api.conversations.setOperatedBy, { conversationId: w.adaConv, operatedBy: "va" });
  await text(w, w.ada.phone, "where do i park");
  expect(await vaReplies(w, w.adaConv)).toEqual(["Park free in Lot B."]);
  await text(w, w.ada.phone, "STOP");
  await text(w, w.ada.phone, "when is the open house");
  expect(await vaReplies(w, w.adaConv)).toEqual(["Park free in Lot B."]);
});

describe("which campaign messages ask a yes/no question", () => {
  test.each([
    "Hi {firstName}! Are you still planning to attend in the fall?",
    "Hi {firstName}, will you attend orientation on 9/12?",
    "Orientation is 9/12. Reply YES to confirm your spot.",
    "Your appointment is Tuesday at 2pm. Reply Y to confirm or N to reschedule.",
    "Text YES or NO: do you plan to enroll this fall",
    "Will you attend? Reply Y/N",
    "Attending the open house (y/n)",
    'Please respond with "yes" if you received your award letter.',
    "Let us know: yes or no, are you coming",
    "Reply 'YES' to get reminders.",
  ])("%s", (message) => {
    expect(asksYesNo(message)).toBe(true);
  });

  test.each([
    "Hi {firstName}, the open house is Saturday at 10am. Reply STOP to opt out.",
    "When is a good time to call? Reply with your availability.",
    "Questions? Text HELP for help.",
    "Text no later than Friday to hold your spot.",
    "Your yearly review is due. Reply now to book.",
    "Visit northfield.edu/yesterday for details.",
  ])("not: %s", (message) => {
    expect(asksYesNo(message)).toBe(false);
  });
});

describe("the answer's tag", () => {
  test("is added, replaces an earlier answer, and is refused (null) when three other tags fill the conversation", () => {
    expect(withAnswerTag([], "Yes", 3)).toEqual(["Yes"]);
    expect(withAnswerTag(["vip", "Yes"], "No", 3)).toEqual(["vip", "No"]);
    expect(withAnswerTag(["yes", "a", "b"], "Yes", 3)).toEqual(["Yes", "a", "b"]);
    expect(withAnswerTag(["a", "b"], "No", 3)).toEqual(["a", "b", "No"]);
    expect(withAnswerTag(["a", "b", "c"], "Yes", 3)).toBeNull();
  });
});

test('"Reply YES to confirm": the answer is tagged, a changed mind replaces it, and a full set of tags sends it to a person', async () => {
  const w = await world({
    message: "Hi {firstName}, orientation is 9/12. Reply YES to confirm.",
    vaFallback: "escalate",
  });
  await text(w, w.ada.phone, "YES");
  expect(await conversation(w, w.adaConv)).toMatchObject({ tags: ["Yes"], needsAttention: false });
  await text(w, w.ada.phone, "actually no, sorry");
  expect(await conversation(w, w.adaConv)).toMatchObject({ tags: ["Yes"], needsAttention: true });
  await w.sam.mutation(api.conversations.sendReply, { conversationId: w.adaConv, body: "No problem!" });
  await text(w, w.ada.phone, "no");
  expect(await conversation(w, w.adaConv)).toMatchObject({ tags: ["No"], needsAttention: false });
  expect(await vaReplies(w, w.adaConv)).toEqual([]);

  await w.t.run(async (ctx) => await ctx.db.patch("conversations", w.benConv, { tags: ["vip", "transfer", "fall"] }));
  await text(w, w.ben.phone, "y");
  expect(await conversation(w, w.benConv)).toMatchObject({
    tags: ["vip", "transfer", "fall"],
    needsAttention: true,
  });
});
