/**
 * The Knowledge base page's file handling: reading an import file into rows (checked with the
 * backend's own rules first, so a bad file is reported whole before anything is sent), sending
 * them in all-or-nothing batches, and writing the export file.
 */
import { csvEntryRows, entryFromCsv, IMPORT_BATCH_SIZE, type CsvEntryRow } from "$convex/model/shared/knowledgeRules";
import type { KnowledgeImportResult } from "$convex/validators";
import { parseCsvBytes } from "$lib/import/csv";

export type RowProblem = { row: number; reason: string };
export type ReadResult = { ok: true; rows: CsvEntryRow[] } | { ok: false; message: string; problems: RowProblem[] };

/** A file's rows, or what is wrong with it: the header, or every row that breaks the rules (by row number). */
export function readKnowledgeFile(bytes: Uint8Array): ReadResult {
  let table;
  try {
    table = parseCsvBytes(bytes);
  } catch {
    return { ok: false, message: "The file is empty. Choose a CSV file with a header row.", problems: [] };
  }
  const rows = csvEntryRows(table.header, table.rows, table.headerRow);
  if (!rows.ok) return { ok: false, message: rows.reason, problems: [] };
  if (rows.value.length === 0) return { ok: false, message: "The file has a header but no entries.", problems: [] };
  const problems = rows.value.flatMap((row) => {
    const checked = entryFromCsv(row);
    return checked.ok ? [] : [{ row: row.row, reason: checked.reason }];
  });
  if (problems.length > 0)
    return {
      ok: false,
      message: `${problems.length === 1 ? "One row" : `${problems.length} rows`} can't be imported:`,
      problems,
    };
  return { ok: true, rows: rows.value };
}

/**
 * Sends rows in batches (each all-or-nothing on the backend); stops at the first batch with
 * problems. Totals cover the batches written before it.
 */
export async function importInBatches(
  rows: CsvEntryRow[],
  send: (batch: CsvEntryRow[]) => Promise<KnowledgeImportResult>,
  onProgress: (done: number) => void = () => {},
): Promise<KnowledgeImportResult> {
  const total: KnowledgeImportResult = { created: 0, updated: 0, unchanged: 0, errors: [] };
  for (let start = 0; start < rows.length; start += IMPORT_BATCH_SIZE) {
    const result = await send(rows.slice(start, start + IMPORT_BATCH_SIZE));
    if (result.errors.length > 0) return { ...total, errors: result.errors };
    total.created += result.created;
    total.updated += result.updated;
    total.unchanged += result.unchanged;
    onProgress(Math.min(rows.length, start + IMPORT_BATCH_SIZE));
  }
  return total;
}

/** "3 added, 1 updated, 25 unchanged." */
export function importSummary(result: KnowledgeImportResult): string {
  const parts = [
    [result.created, "added"],
    [result.updated, "updated"],
    [result.unchanged, "unchanged"],
  ].filter(([count]) => count !== 0);
  return parts.length === 0 ? "Nothing to import." : `${parts.map(([n, what]) => `${n} ${what}`).join(", ")}.`;
}

/** Alternative phrasings typed one per line; keywords separated by commas or semicolons. */
export const splitLines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);
export const splitKeywords = (text: string) =>
  text
    .split(/[;,]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** The export file's name: "knowledge-base-financial-aid.csv". */
export function exportFileName(officeName: string): string {
  const slug = officeName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return `knowledge-base-${slug || "office"}.csv`;
}
