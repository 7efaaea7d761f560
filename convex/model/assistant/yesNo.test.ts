import { expect, test } from "vitest";
import { classifyYesNo, isBareAnswer } from "./yesNo";

test.each([
  "yes",
  "YES",
  "Yes!",
  "yesss",
  "yeah",
  "yea",
  "yep",
  "yup",
  "y",
  "Y",
  "sure",
  "ok",
  "okay",
  "k",
  "of course",
  "absolutely",
  "definitely",
  "yes please",
  "sounds good",
  "no problem",
  "I do",
  "yes I will be there",
  "Yes, thank you!",
  "👍",
  "👍🏽",
  "yes 👍",
  "si",
])("%s → yes", (message) => expect(classifyYesNo(message)).toBe("yes"));

test.each([
  "no",
  "No.",
  "NO!!",
  "nooo",
  "nope",
  "nah",
  "n",
  "not really",
  "no thanks",
  "no thank you",
  "of course not",
  "absolutely not",
  "I don't think so",
  "i dont",
  "never",
  "not yet",
  "no I have not filed yet",
  "no, I am busy that day",
  "👎",
])("%s → no", (message) => expect(classifyYesNo(message)).toBe("no"));

test.each([
  "not sure",
  "maybe",
  "idk",
  "I don't know",
  "yes but only on Fridays",
  "ok but what time?",
  "no, but my brother might",
  "yes no",
  "yes... actually no",
  "depends",
  "what do you mean?",
  "when is it?",
  "call me",
  "",
  "?!",
])("%s → other", (message) => expect(classifyYesNo(message)).toBe("other"));

test("a bare answer is an answer and politeness only", () => {
  expect(isBareAnswer("yes please, thanks!")).toBe(true);
  expect(isBareAnswer("nope")).toBe(true);
  expect(isBareAnswer("yes when is it")).toBe(false);
  expect(isBareAnswer("")).toBe(false);
});
