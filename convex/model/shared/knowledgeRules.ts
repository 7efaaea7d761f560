/**
 * What a knowledge-base entry may hold, and the CSV format it is imported and exported in
 * (`id,question,answer,alternates,keywords`; alternates separated by "|", keywords by ";"). Pure:
 * the backend, the Knowledge base page and `npm run va:eval` read files with the same rules.
 */

/** The VA loads an office's whole knowledge base for every message it answers: this keeps that read bounded. */
export const MAX_ENTRIES_PER_OFFICE = 2000;
export const LIMITS = {
  question: 300,
  answer: 1600,
  alternates: 10,
  alternate: 200,
  keywords: 20,
  keyword: 50,
  id: 64,
} as const;
export const CSV_COLUMNS = ["id", "question", "answer", "alternates", "keywords"] as const;
/** Rows per importCsv call: each call is all-or-nothing. */
export const IMPORT_BATCH_SIZE = 500;

export type EntryFields = { question: string; answer: string; alternates: string[]; keywords: string[] };
export type CsvEntryRow = {
  row: number;
  id: string;
  question: string;
  answer: string;
  alternates: string;
  keywords: string;
};
export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

const tidy = (text: string) => text.replace(/\s+/g, " ").trim();
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Repeats (ignoring case) and blanks dropped, in order. */
function distinct(values: readonly string[]): string[] {
  const seen = new Set<string>();
  return values
    .map(tidy)
    .filter((value) => value !== "" && !seen.has(value.toLowerCase()) && seen.add(value.toLowerCase()));
}

/** The entry as stored (spaces tidied, repeats dropped), or the first reason it can't be. */
export function checkEntry(input: EntryFields): Checked<EntryFields> {
  const question = tidy(input.question);
  const answer = input.answer.trim();
  const alternates = distinct(input.alternates).filter((a) => a.toLowerCase() !== question.toLowerCase());
  const keywords = distinct(input.keywords);
  const problem =
    (question === "" && "the question is empty") ||
    (question.length > LIMITS.question && `the question is longer than ${LIMITS.question} characters`) ||
    (answer === "" && "the answer is empty") ||
    (answer.length > LIMITS.answer && `the answer is longer than ${LIMITS.answer} characters (a text's limit)`) ||
    (alternates.length > LIMITS.alternates && `more than ${LIMITS.alternates} alternative phrasings`) ||
    (alternates.some((a) => a.length > LIMITS.alternate) &&
      `an alternative phrasing is longer than ${LIMITS.alternate} characters`) ||
    (alternates.some((a) => a.includes("|")) &&
      'an alternative phrasing contains "|", which separates them in files') ||
    (keywords.length > LIMITS.keywords && `more than ${LIMITS.keywords} keywords`) ||
    (keywords.some((k) => k.includes(";")) && 'a keyword contains ";", which separates them in files') ||
    (keywords.some((k) => k.length > LIMITS.keyword) && `a keyword is longer than ${LIMITS.keyword} characters`);
  return problem ? { ok: false, reason: problem } : { ok: true, value: { question, answer, alternates, keywords } };
}

/** An entry's id in files ("fafsa-deadline"): letters, digits, ".", "_", "-". */
export function checkId(id: string): Checked<string> {
  const value = id.trim();
  if (value.length > LIMITS.id) return { ok: false, reason: `the id is longer than ${LIMITS.id} characters` };
  if (!ID_PATTERN.test(value))
    return { ok: false, reason: "the id may hold only letters, digits, dots, dashes and underscores" };
  return { ok: true, value };
}

/** Two questions are the same when they differ only in case, spacing or closing punctuation. */
export const questionKey = (question: string) =>
  tidy(question)
    .toLowerCase()
    .replace(/[\s?.!]+$/, "");

/** A short id made from a question, for entries added by hand: "When is tuition due?" → "when-is-tuition-due". */
export function slugFor(question: string): string {
  const slug = questionKey(question)
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
  return slug === "" ? "entry" : slug;
}

/** The CSV's records as rows: checks the header names the five columns (any order, any case). */
export function csvEntryRows(
  header: readonly string[],
  records: readonly string[][],
  headerRow = 1,
): Checked<CsvEntryRow[]> {
  const names = header.map((name) => name.trim().toLowerCase());
  const missing = CSV_COLUMNS.filter((column) => column !== "id" && !names.includes(column));
  if (missing.length > 0)
    return { ok: false, reason: `The header has no ${missing.join(", ")} column. Expected: ${CSV_COLUMNS.join(",")}.` };
  const at = (record: readonly string[], column: string) => record[names.indexOf(column)] ?? "";
  const rows = records
    .map((record, i) => ({ record, row: headerRow + 1 + i }))
    .filter(({ record }) => record.some((cell) => cell.trim() !== ""))
    .map(({ record, row }) => ({
      row,
      id: at(record, "id"),
      question: at(record, "question"),
      answer: at(record, "answer"),
      alternates: at(record, "alternates"),
      keywords: at(record, "keywords"),
    }));
  return { ok: true, value: rows };
}

/** One CSV row as an entry (and its id, if it has one), or why it can't be imported. */
export function entryFromCsv(row: CsvEntryRow): Checked<EntryFields & { externalId?: string }> {
  const id = row.id.trim() === "" ? null : checkId(row.id);
  if (id !== null && !id.ok) return id;
  const entry = checkEntry({
    question: row.question,
    answer: row.answer,
    alternates: row.alternates.split("|"),
    keywords: row.keywords.split(";"),
  });
  if (!entry.ok) return entry;
  return { ok: true, value: id === null ? entry.value : { ...entry.value, externalId: id.value } };
}

const cell = (value: string, always = false) =>
  always || /[",\r\n]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;

/** The knowledge-base file: header, then one line per entry; answers always quoted, like the sample file. */
export function knowledgeCsv(entries: readonly (EntryFields & { id: string })[]): string {
  const lines = entries.map((e) =>
    [cell(e.id), cell(e.question), cell(e.answer, true), cell(e.alternates.join("|")), cell(e.keywords.join(";"))].join(
      ",",
    ),
  );
  return [CSV_COLUMNS.join(","), ...lines].map((line) => `${line}\n`).join("");
}
