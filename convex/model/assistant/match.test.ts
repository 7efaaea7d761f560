import { describe, expect, test } from "vitest";
import { DEMO_KNOWLEDGE } from "./seedKnowledge";
import { buildMatcher, CONFIDENCE_THRESHOLD, editDistance, isSmallTalk, match, termMatch } from "./match";
import { collapseRepeats, stem, terms, words } from "./text";

const matcher = buildMatcher(DEMO_KNOWLEDGE);
const answer = (message: string) => {
  const result = match(matcher, message);
  return result.kind === "answer" ? result.entryId : `IDK (${result.reason})`;
};

describe("reading a text message", () => {
  test("SMS spellings, contractions and apostrophes read as the words they stand for", () => {
    expect(words("wats ur # 4 the office? pls")).toEqual(["what", "is", "your", "for", "the", "office", "please"]);
    expect(words("I can't log in b4 2moro, thx")).toEqual([
      "i",
      "can",
      "not",
      "log",
      "in",
      "before",
      "tomorrow",
      "thanks",
    ]);
    expect(words("r u open 2day")).toEqual(["are", "you", "open", "today"]);
    expect(words("Wont, won't, WON’T")).toEqual(["will", "not", "will", "not", "will", "not"]);
  });

  test("a 2 or 4 is a word only on its own: 2nd and 401k stay as written", () => {
    expect(words("2 pay 4 the 2nd term 401k")).toEqual(["to", "pay", "for", "the", "2nd", "term", "401k"]);
  });

  test("letters repeated for emphasis collapse to the word they stretch", () => {
    expect(collapseRepeats("pleeease")).toBe("please");
    expect(collapseRepeats("soooo")).toBe("so");
    expect(collapseRepeats("refunddd")).toBe("refundd");
    expect(words("thaaanks sooo much")).toEqual(["thanks", "so", "much"]);
  });

  test("stems meet across plurals and -ed/-ing, and a small thesaurus joins everyday synonyms", () => {
    expect(["refunds", "refunded", "refunding"].map(stem)).toEqual(["refund", "refund", "refund"]);
    expect(["schedule", "scheduling", "scheduled"].map(stem)).toEqual(["schedul", "schedul", "schedul"]);
    expect(terms("My MOM lost her job")).toEqual(terms("my parent loses their jobs"));
    expect(terms("what is the deadline")).toEqual(terms("when is it due").filter((t) => t !== "when"));
  });

  test("stop words go; when/where/why/how/who stay (they tell questions apart)", () => {
    expect(terms("Where is the financial aid office?")).toEqual(["wher", "financial", "aid", "offic"]);
    expect(terms("can you please tell me what i need")).toEqual([]);
  });

  test("typos: one per short word, two from 8 letters, swapped neighbours count one", () => {
    expect(editDistance("fasfa", "fafsa", 1)).toBe(1);
    expect(editDistance("scholarhsip", "scholarship", 2)).toBe(1);
    expect(termMatch("refnd", ["refund"])).toBe(0.8);
    expect(termMatch("dog", ["do"])).toBe(0);
    expect(termMatch("suspend", ["suspension"])).toBeGreaterThan(0.7);
    expect(termMatch("schol", ["scholarship"])).toBeGreaterThan(0.5);
    expect(termMatch("pass", ["password"])).toBe(0.75);
  });
});

describe("small talk", () => {
  test.each([
    "hi",
    "Hello!",
    "hey there",
    "thanks!",
    "thank u so much",
    "ok",
    "kk",
    "lol",
    "lol ok",
    "haha",
    "bye",
    "good morning",
    "how are you?",
    "how r u",
    "👍",
    "😂😂",
    "yes",
    "nope",
    "sounds good",
  ])("%s", (message) => {
    expect(isSmallTalk(message)).toBe(true);
    expect(answer(message)).toBe("IDK (small talk)");
  });

  test("a greeting or thanks around a question doesn't hide it", () => {
    expect(isSmallTalk("hi! when is the fafsa due? thx")).toBe(false);
    expect(answer("hi! when is the fafsa due? thx")).toBe("fafsa-deadline");
    expect(answer("ok, what's the school code for fafsa")).toBe("fafsa-code");
  });
});

describe("matching the demo knowledge base", () => {
  test("questions as asked, in SMS spelling and with typos", () => {
    expect(answer("When is the FAFSA deadline?")).toBe("fafsa-deadline");
    expect(answer("wen is fafsa due??")).toBe("fafsa-deadline");
    expect(answer("fasfa deadline")).toBe("fafsa-deadline");
    expect(answer("how do i set up direct deposit 4 my refund")).toBe("direct-deposit");
    expect(answer("whats ur phone #")).toBe("contact-phone");
    expect(answer("scholarhsips?")).toBe("scholarships");
  });

  test("an entry that accounts for the whole question beats one repeating a single word", () => {
    // "time" is in three phrasings of enrollment-status (full/part/half time), but only office-hours covers "close today".
    expect(answer("what time do you close today")).toBe("office-hours");
  });

  test("off-topic questions, even sharing a word with an entry, are not answered", () => {
    for (const message of [
      "what is the wifi password in the library",
      "is the cafeteria open on weekends",
      "what is the dress code for graduation",
      "can i bring my dog to campus",
      "who won the game last night",
    ])
      expect(answer(message)).toBe("IDK (off topic)");
  });

  test("the result says how sure it is; unknowns name the closest entry", () => {
    const sure = match(matcher, "when is the fafsa deadline");
    expect(sure).toMatchObject({ kind: "answer", entryId: "fafsa-deadline", confidence: 1 });
    const unsure = match(matcher, "is the library open late");
    expect(unsure).toMatchObject({ kind: "unknown", reason: "off topic", closest: { entryId: "office-hours" } });
    expect(unsure.kind === "unknown" && unsure.closest!.confidence).toBeLessThan(CONFIDENCE_THRESHOLD);
  });

  test("two entries that fit equally well make the message ambiguous", () => {
    const twins = buildMatcher([
      { id: "a", question: "When is the housing deposit due?", alternates: [], keywords: [] },
      { id: "b", question: "When is the housing deposit due?", alternates: [], keywords: [] },
    ]);
    expect(match(twins, "housing deposit due date")).toMatchObject({ kind: "unknown", reason: "ambiguous" });
  });

  test("empty messages and empty knowledge bases", () => {
    expect(match(matcher, "  ?! ")).toEqual({ kind: "unknown", reason: "empty message" });
    expect(match(buildMatcher([]), "when is the fafsa due")).toEqual({ kind: "unknown", reason: "no knowledge base" });
  });
});

describe("a knowledge base of 2,000 entries", () => {
  const big = Array.from({ length: 2000 }, (_, i) => {
    const { id, question, answer: text, alternates, keywords } = DEMO_KNOWLEDGE[i % DEMO_KNOWLEDGE.length];
    const n = Math.floor(i / DEMO_KNOWLEDGE.length);
    return n === 0
      ? { id, question, answer: text, alternates, keywords }
      : {
          id: `${id}-${n}`,
          question: `${question} (program ${n})`,
          answer: text,
          alternates,
          keywords: [`program${n}`],
        };
  });

  test("indexes 2,000 entries and still finds the one asked about", () => {
    const result = match(buildMatcher(big), "what is the federal school code for program7");
    expect(result).toMatchObject({ kind: "answer", entryId: "fafsa-code-7" });
  });
});
