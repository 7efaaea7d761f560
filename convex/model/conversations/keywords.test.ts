/** Opt-out, opt-in and help keywords, and plain-language opt-outs: what must match and what must not. */
import { describe, expect, test } from "vitest";
import { isPlainLanguageOptOut, keywordAction, messageKeyword } from "./keywords";

describe("Twilio's keywords: the whole message, any case, punctuation and spaces ignored", () => {
  test.each([
    "STOP",
    "stop",
    " Stop ",
    "Stop.",
    "STOP!!!",
    "StopAll",
    "stop all",
    "UNSUBSCRIBE",
    "Cancel",
    "end",
    "QUIT",
    "revoke",
    "OPTOUT",
    "opt-out",
    "Opt out",
    "stop 🛑",
  ])("%j opts out (keyword)", (body) => {
    expect(keywordAction(body, false)).toEqual({ action: "optOut", match: "keyword" });
  });

  test.each(["START", "start", "Unstop", "un-stop"])("%j opts back in", (body) => {
    expect(keywordAction(body, true)).toEqual({ action: "optIn" });
    expect(keywordAction(body, false)).toEqual({ action: "optIn" });
  });

  test("YES opts back in only a contact who is opted out (otherwise it is an answer)", () => {
    expect(keywordAction("Yes", true)).toEqual({ action: "optIn" });
    expect(keywordAction("Yes", false)).toBeNull();
  });

  test.each(["HELP", "help?", "Info", "INFO."])("%j asks for help", (body) => {
    expect(keywordAction(body, false)).toEqual({ action: "help" });
  });

  test.each([
    "I want to cancel my appointment",
    "When does the program end?",
    "I can't quit now",
    "start date?",
    "I need help with my application",
    "stopped by your office",
  ])("%j is not a keyword", (body) => {
    expect(keywordAction(body, false)).toBeNull();
  });

  test("Twilio's own OptOutType wins (the account may have keywords of its own)", () => {
    expect(keywordAction("ARRET", false, "STOP")).toEqual({ action: "optOut", match: "keyword" });
    expect(keywordAction("hello", true, "START")).toEqual({ action: "optIn" });
    expect(keywordAction("AIDE", false, "HELP")).toEqual({ action: "help" });
  });

  test("messageKeyword folds the message to one word, or null past two words", () => {
    expect(messageKeyword("Stop all!")).toBe("stopall");
    expect(messageKeyword("please stop now")).toBeNull();
    expect(messageKeyword("🙂")).toBeNull();
  });
});

describe("plain-language opt-outs", () => {
  test.each([
    "please stop texting me",
    "Please stop texting me, I'm not interested",
    "Stop texting me!!!",
    "stop messaging me",
    "Can you stop texting me?",
    "why won't you stop texting me",
    "take me off your list",
    "Take me off your mailing list please",
    "please remove me from your texting list",
    "remove my number from your list",
    "do not text",
    "Do not text me again",
    "don't text me",
    "dont contact me",
    "never text me again",
    "remove me",
    "Remove me please",
    "unsubscribe me",
    "Please unsubscribe me from these texts",
    "I want to unsubscribe",
    "I'd like to opt out",
    "how do I opt out?",
    "opt me out",
    "please stop",
    "Stop please",
    "stop it",
    "Stop. I'm not interested",
    "ok stop thanks",
    "stop stop stop",
    "no more texts please",
    "lose my number",
    "leave me alone",
    "I want to stop receiving these messages",
    "stop sending me these",
    "STOP TEXTING ME",
    "Please stop texting me \u{1F621}",
    "Please stop texting me \u2014 thanks",
    "Hi, this is the wrong person. Please stop texting this number",
  ])("%j opts out", (body) => {
    expect(isPlainLanguageOptOut(body)).toBe(true);
    expect(keywordAction(body, false)).toEqual({ action: "optOut", match: expect.stringMatching(/keyword|phrase/) });
  });

  test.each([
    "don't stop the program",
    "Don't stop the program, I love it",
    "I can't quit now",
    "please don't remove me",
    "Please don't remove me from the list",
    "I don't want to unsubscribe",
    "I don't want to be removed",
    "do not remove me from your list",
    "Please don't stop texting me",
    "Can I stop by the office tomorrow?",
    "stop by room 101",
    "Will the bus stop at the dorm?",
    "take me off the waitlist",
    "remove me as the emergency contact",
    "I will text you back later",
    "When is the end of the semester?",
    "I want to cancel my appointment",
    "Is it too late to quit the course?",
    "I'll stop sending documents once you confirm",
    "Text me the details",
    "no more questions, thanks!",
    "Yes please",
    "What's the deadline?",
    "start",
    "",
  ])("%j does not opt out", (body) => {
    expect(isPlainLanguageOptOut(body)).toBe(false);
  });
});
