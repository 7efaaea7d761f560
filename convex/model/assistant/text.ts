/**
 * How the Virtual Assistant reads a text message: lowercase, accents and apostrophes dropped,
 * SMS spellings expanded ("wats ur #" → "what is your number"), letters repeated for emphasis
 * collapsed ("pleeease"), stop words dropped and words reduced to a light stem ("refunds" →
 * "refund"). Knowledge-base entries go through the same steps, so both sides meet in one
 * vocabulary. Pure and runtime-free: Convex's runtime, the browser and the eval script share it.
 */

/**
 * SMS spellings and contractions (apostrophes already removed) → what they stand for, as
 * "spelling=meaning" pairs ("_" is a space). A bare "2" or "4" is a word here: "2 pay" is "to pay".
 */
const SMS_TABLE =
  "u=you wen=when ur=your urs=yours r=are y=why pls=please plz=please plzz=please thx=thanks thnx=thanks thanx=thanks " +
  "tks=thanks ty=thank_you tyvm=thank_you wat=what wut=what wht=what wats=what_is whats=what_is wuts=what_is " +
  "whatre=what_are whens=when_is wheres=where_is whos=who_is hows=how_is whys=why_is 2=to 4=for b4=before " +
  "idk=i_do_not_know dunno=do_not_know tmrw=tomorrow tmr=tomorrow tmrrw=tomorrow 2moro=tomorrow " +
  "2morrow=tomorrow tomoro=tomorrow 2day=today 2nite=tonight tonite=tonight gr8=great l8r=later l8er=later " +
  "msg=message txt=text ppl=people abt=about bc=because bcuz=because cuz=because coz=because cause=because " +
  "b=be w=with wo=without im=i_am ive=i_have ill=i_will youre=you_are youll=you_will theyre=they_are " +
  "dont=do_not doesnt=does_not didnt=did_not cant=can_not cannot=can_not wont=will_not isnt=is_not " +
  "arent=are_not wasnt=was_not werent=were_not havent=have_not hasnt=has_not hadnt=had_not " +
  "shouldnt=should_not couldnt=could_not wouldnt=would_not wanna=want_to gonna=going_to gotta=got_to " +
  "kinda=kind_of lemme=let_me gimme=give_me k=ok kk=ok okay=ok okey=ok oky=ok np=no_problem nvm=never_mind " +
  "btw=by_the_way rn=right_now asap=soon hv=have ne1=anyone any1=anyone some1=someone yr=year yrs=years " +
  "sched=schedule appt=appointment appts=appointments acct=account info=information pmt=payment " +
  "docs=documents doc=document dept=department univ=university govt=government num=number " +
  "finaid=financial_aid";

export const SMS_ABBREVIATIONS: ReadonlyMap<string, string> = new Map(
  SMS_TABLE.split(" ").map((pair) => {
    const [spelling, meaning] = pair.split("=");
    return [spelling, meaning.replace(/_/g, " ")];
  }),
);

/**
 * Words that carry no topic: function words, question scaffolding ("can you tell me"), politeness
 * and chat. "when", "where", "why" and "how" are not here: they tell "when is the office open"
 * from "where is the office" (see QUESTION_WORDS).
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    "a an the and or but if of at by for with about to from in on onto up down out into over under off " +
    "again then once here there all any both each few more most other some such nor not no only own same so " +
    "than too very just also still really actually even ever s t can could will would shall should may might " +
    "must i me my mine myself we us our ours you your yours yourself he him his she her hers it its they them " +
    "their theirs what which whom whose this that these those am is are was were be been being have has " +
    "had having do does did doing done get gets got getting go goes going gone want wants wanted need needs " +
    "needed know knew known tell told let like please help use used make made take find anyone someone " +
    "something anything thing things question ask asking wondering wonder thanks thank hi hello hey ok yes " +
    "yeah yep sure because whether while as just well now right soon way kind lot lots much many say says said " +
    "saying mean means meant think guess see look try seem wonder receive receives received receiving " +
    "yo heya hiya howdy sup greetings lol lmao rofl haha hahaha hehe bye goodbye cya ttyl omg wow cool awesome"
  ).split(" "),
);

/** Question words are terms (they tell entries apart), but count for less in how much of a message an entry covers. */
export const QUESTION_WORDS: ReadonlySet<string> = new Set(["when", "where", "why", "how", "who"]);

/**
 * A small thesaurus of words people use interchangeably when texting a school office, as
 * "meaning=word,word,…": each word reads as the meaning on both sides ("my mom lost her job"
 * meets "my parent lost their job"). General groups only; an office's own vocabulary belongs in
 * its entries' alternates and keywords.
 */
const SYNONYM_TABLE =
  "parent=mom,mother,mum,mommy,dad,father,daddy,parents,guardian,guardians,stepmom,stepdad,stepmother,stepfather " +
  "mistake=wrong,error,errors,mistakes,incorrect,typo,typos,mistaken " +
  "change=update,fix,correct,correction,corrections,edit,modify,adjust,amend " +
  "document=documents,paperwork,papers,paper,form,forms " +
  "grade=grades,gpa,marks " +
  "money=funds,funding,cash,dollars " +
  "pay=payment,payments,paid " +
  "start=begin,begins,beginning,commence " +
  "deadline=due,duedate " +
  "class=classes,course,courses " +
  "housing=dorm,dorms,residence " +
  "school=college,university " +
  "phone=cell,cellphone,telephone " +
  "advisor=adviser,counselor,counsellor " +
  "cost=price,fee,fees,charge,charges,costs " +
  "lose=lost,losing,loses " +
  "apply=application,applications,applying " +
  "professor=teacher,instructor,prof";

const EMOJI = /\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier})?/gu;
const IS_EMOJI = /\p{Extended_Pictographic}/u;
const WORD = /[a-z0-9]+/g;

/** Lowercase, accents off, apostrophes dropped ("won't" → "wont"), emoji spaced out as their own tokens. */
export function normalizeText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/['’‘`´]/g, "")
    .replace(EMOJI, (emoji) => ` ${emoji} `);
}

/** "pleeease" → "please", "soooo" → "so": runs of 3+ become 1 when that word is known, else 2. */
export function collapseRepeats(word: string, known: (word: string) => boolean = isKnownWord): string {
  if (!/(.)\1\1/.test(word)) return word;
  const single = word.replace(/(.)\1+/g, "$1");
  return known(single) ? single : word.replace(/(.)\1\1+/g, "$1$1");
}

function isKnownWord(word: string): boolean {
  return SMS_ABBREVIATIONS.has(word) || STOP_WORDS.has(word) || QUESTION_WORDS.has(word);
}

/** Words and emoji of a message, SMS spellings expanded, before stop words and stemming. */
export function words(text: string): string[] {
  const normalized = normalizeText(text);
  const emoji = normalized.match(EMOJI) ?? [];
  const raw = (normalized.replace(EMOJI, " ").match(WORD) ?? []).map((word) => collapseRepeats(word));
  return [...raw.flatMap((word) => (SMS_ABBREVIATIONS.get(word) ?? word).split(" ")), ...emoji];
}

const VOWEL = /[aeiouy]/;

/**
 * A light English stem (Porter's step 1 and a final "e"): plurals and -ed/-ing endings go, so
 * "refunds", "deposited", "counseling" and "scheduling" meet "refund", "deposit", "counsel",
 * "schedule". Both sides use it, so it only needs to be consistent, not linguistically exact.
 */
export function stem(word: string): string {
  let w = word;
  if (w.length <= 3 || /\d/.test(w)) return w;
  if (w.endsWith("sses")) w = w.slice(0, -2);
  else if (w.endsWith("ies") && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith("s") && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  const ending = /(ing|ed)$/.exec(w);
  if (ending && w.length - ending[0].length >= 3 && VOWEL.test(w.slice(0, -ending[0].length))) {
    w = w.slice(0, -ending[0].length);
    if (/([^aeiouslz])\1$/.test(w)) w = w.slice(0, -1);
  }
  if (w.endsWith("e") && w.length > 3) w = w.slice(0, -1);
  return w;
}

/** Stem of each thesaurus word → stem of its meaning. */
const SYNONYMS: ReadonlyMap<string, string> = new Map(
  SYNONYM_TABLE.split(" ").flatMap((group) => {
    const [meaning, list] = group.split("=");
    return list.split(",").map((word) => [stem(word), stem(meaning)] as const);
  }),
);

/** The terms the matcher compares: words without stop words, stemmed (question words kept). */
export function terms(text: string): string[] {
  return words(text)
    .filter((word) => !STOP_WORDS.has(word) && !IS_EMOJI.test(word))
    .map(stem)
    .map((term) => SYNONYMS.get(term) ?? term);
}
