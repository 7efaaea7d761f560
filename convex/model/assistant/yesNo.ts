/**
 * Yes/No recognition for replies to yes/no questions ("Will you attend orientation? Reply YES or
 * NO"). A message is "yes" or "no" when it opens with an answer ("yeah", "nope", "of course not",
 * "👍") and goes on without a qualification; anything hedged ("not sure", "maybe"), qualified
 * ("yes but only on Fridays") or contradictory ("yes no") is "other", for a person to read.
 */
import { collapseRepeats, normalizeText } from "./text";

export type YesNo = "yes" | "no" | "other";

const phrases = (list: string) => list.split(",").map((phrase) => phrase.trim().split(" "));

/** Longest first wins, so "no problem" and "of course not" beat "no" and "of course". */
const YES = phrases(
  "yes,yess,yeah,yea,yeh,ya,yah,yup,yep,y,ye,sure,sure thing,ok,k,kk,okay,okey,alright,all right,of course," +
    "absolutely,definitely,certainly,correct,right,affirmative,indeed,for sure,why not,y not,no problem," +
    "no worries,no doubt,i do,i am,i will,i would,i can,i did,i have,i think so,i guess so,i guess,sounds good," +
    "sounds great,that works,works for me,please do,fine,thats fine,perfect,great,yes please,si,true,👍,✅,👌,🙌,👏,💯",
);
const NO = phrases(
  "no,nope,nah,naw,na,n,nay,no thanks,no thank you,no way,not really,not at all,not yet,not now,never," +
    "negative,not interested,of course not,absolutely not,definitely not,certainly not,i do not,i dont,i am not," +
    "i will not,i wont,i would not,i can not,i cant,i cannot,i did not,i didnt,i have not,i havent," +
    "i do not think so,i dont think so,👎,❌,🚫,🙅",
);

/** Hedges and qualifications anywhere in the message make it "other". */
const HEDGES = phrases(
  "but,however,though,although,except,unless,maybe,perhaps,probably,possibly,not sure,unsure,idk," +
    "i do not know,i dont know,dunno,depends,it depends,kind of,kinda,sort of,only if,if,or,either,never mind,nvm",
);

/** Words that answer on their own wherever they stand: a later one of the other kind contradicts the first. */
const INTERJECTIONS = new Set(["yes", "yeah", "yea", "yep", "yup", "sure", "ok", "okay", "no", "nope", "nah", "naw"]);
const isInterjection = (word: string) => INTERJECTIONS.has(word) || /\p{Extended_Pictographic}/u.test(word);

/** Politeness and chat a clear answer may carry: "yes please, thanks!" */
const FILLER = new Set(["thanks", "thank", "you", "thx", "ty", "please", "pls", "so", "much", "lol", "haha", "!"]);

function tokens(message: string): string[] {
  const text = normalizeText(message).replace(/[^\p{L}\p{N}\p{Extended_Pictographic}]+/gu, " ");
  return text
    .split(" ")
    .filter(Boolean)
    .map((token) => collapseRepeats(token, (word) => YES.some((p) => p[0] === word) || NO.some((p) => p[0] === word)));
}

function startsWith(words: string[], phrase: string[], at = 0): boolean {
  return phrase.every((word, i) => words[at + i] === word);
}

/** The longest answer phrase at `at`: its kind and length, or null. */
function answerAt(words: string[], at: number): { kind: "yes" | "no"; length: number } | null {
  let best: { kind: "yes" | "no"; length: number } | null = null;
  for (const [kind, list] of [["yes", YES] as const, ["no", NO] as const])
    for (const phrase of list)
      if (startsWith(words, phrase, at) && phrase.length > (best?.length ?? 0)) best = { kind, length: phrase.length };
  return best;
}

/** "yes", "no" or "other" for a reply to a yes/no question. */
export function classifyYesNo(message: string): YesNo {
  const words = tokens(message);
  if (words.length === 0) return "other";
  if (words.some((_, at) => HEDGES.some((phrase) => startsWith(words, phrase, at)))) return "other";
  const first = answerAt(words, 0);
  if (first === null) return "other";
  for (let at = first.length; at < words.length;) {
    const next = answerAt(words, at);
    if (next !== null && next.kind !== first.kind && isInterjection(words[at])) return "other";
    at += next?.length ?? 1;
  }
  return first.kind;
}

/** Whether a message is only an answer and politeness ("yes", "nope thanks", "👍"): nothing to look up. */
export function isBareAnswer(message: string): boolean {
  const words = tokens(message);
  if (words.length === 0) return false;
  for (let at = 0; at < words.length;) {
    const answer = answerAt(words, at);
    if (answer === null && !FILLER.has(words[at])) return false;
    at += answer?.length ?? 1;
  }
  return true;
}
