/**
 * `npm run va:eval -- --kb <knowledge-base.csv> --cases <cases.csv> [--json]`: how well the Virtual
 * Assistant answers, with the matcher the backend runs (convex/model/assistant/match.ts). The knowledge
 * base is the file the Knowledge base page imports (id,question,answer,alternates,keywords); the
 * cases are `message,expected`, expected being an entry id or IDK (the assistant should not know).
 * `--json` prints one line: {"cases":N,"accuracy":x,"idkCases":N,"idkAnsweredAnyway":N,
 * "idkLeftUnanswered":x,"misses":[{"message":"…","expected":"…","got":"…"}]}, where accuracy is
 * correct ÷ all cases and an IDK case is correct when left unanswered. Exit 0 when evaluated,
 * 2 for bad arguments or files.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { errorMessage } from "../convex/model/shared/errors.ts";
import { csvEntryRows, entryFromCsv } from "../convex/model/shared/knowledgeRules.ts";
import { buildMatcher, match, type MatchEntry } from "../convex/model/assistant/match.ts";
import { parseCsvBytes, type CsvTable } from "../src/lib/import/csv.ts";

const USAGE = "Usage: npm run va:eval -- --kb <knowledge-base.csv> --cases <cases.csv> [--json]";

class UsageError extends Error {}

function table(file: string): CsvTable {
  try {
    return parseCsvBytes(readFileSync(file));
  } catch (error) {
    throw new UsageError(
      `Can't read ${file}: ${error instanceof Error && "code" in error ? error.message : errorMessage(error)}`,
    );
  }
}

function knowledgeBase(file: string): MatchEntry[] {
  const { header, rows, headerRow } = table(file);
  const checked = csvEntryRows(header, rows, headerRow);
  if (!checked.ok) throw new UsageError(`${file}: ${checked.reason}`);
  return checked.value.map((row) => {
    const entry = entryFromCsv(row);
    if (!entry.ok) throw new UsageError(`${file}, row ${row.row}: ${entry.reason}`);
    return { ...entry.value, id: entry.value.externalId ?? `row-${row.row}` };
  });
}

function cases(file: string): { message: string; expected: string }[] {
  const { header, rows } = table(file);
  const names = header.map((name) => name.trim().toLowerCase());
  const [message, expected] = [names.indexOf("message"), names.indexOf("expected")];
  if (message < 0 || expected < 0) throw new UsageError(`${file}: the header needs message and expected columns.`);
  return rows
    .filter((row) => (row[message] ?? "").trim() !== "")
    .map((row) => ({ message: row[message], expected: (row[expected] ?? "").trim() }));
}

export type Evaluation = {
  cases: number;
  accuracy: number;
  idkCases: number;
  idkAnsweredAnyway: number;
  idkLeftUnanswered: number;
  misses: { message: string; expected: string; got: string }[];
};

export function evaluate(entries: MatchEntry[], list: { message: string; expected: string }[]): Evaluation {
  const matcher = buildMatcher(entries);
  const misses: Evaluation["misses"] = [];
  let idkCases = 0;
  let idkAnsweredAnyway = 0;
  for (const { message, expected } of list) {
    const result = match(matcher, message);
    const got = result.kind === "answer" ? result.entryId : "IDK";
    const idk = expected.toUpperCase() === "IDK";
    idkCases += idk ? 1 : 0;
    idkAnsweredAnyway += idk && got !== "IDK" ? 1 : 0;
    if (idk ? got !== "IDK" : got !== expected) misses.push({ message, expected: idk ? "IDK" : expected, got });
  }
  const ratio = (n: number, of: number) => (of === 0 ? 1 : Math.round((n / of) * 10_000) / 10_000);
  return {
    cases: list.length,
    accuracy: ratio(list.length - misses.length, list.length),
    idkCases,
    idkAnsweredAnyway,
    idkLeftUnanswered: ratio(idkCases - idkAnsweredAnyway, idkCases),
    misses,
  };
}

function main(argv: string[]): number {
  let values: { kb?: string; cases?: string; json?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        kb: { type: "string" },
        cases: { type: "string" },
        json: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    }));
    if (values.help) return (console.log(USAGE), 0);
    if (!values.kb || !values.cases) throw new UsageError("Name the knowledge base (--kb) and the cases (--cases).");
    const result = evaluate(knowledgeBase(values.kb), cases(values.cases));
    if (values.json) console.log(JSON.stringify(result));
    else {
      const percent = (x: number) => `${(x * 100).toFixed(1)}%`;
      console.log(`${result.cases} cases: ${percent(result.accuracy)} correct.`);
      console.log(
        `${result.idkCases} cases the assistant should not know: ${percent(result.idkLeftUnanswered)} left unanswered (${result.idkAnsweredAnyway} answered anyway).`,
      );
      for (const miss of result.misses) console.log(`  "${miss.message}": expected ${miss.expected}, got ${miss.got}`);
    }
    return 0;
  } catch (error) {
    if (!(error instanceof UsageError) && !(error instanceof TypeError)) throw error;
    console.error(`${error.message}\n${USAGE}`);
    return 2;
  }
}

if (import.meta.filename === process.argv[1]) process.exitCode = main(process.argv.slice(2));
