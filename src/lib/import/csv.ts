/**
 * Reading a CSV file into records, the same way in the browser's Web Worker, the CLI and the
 * benchmark (plain TypeScript: no DOM or Node APIs beyond TextDecoder).
 *
 * Bytes: UTF-8 (a BOM is dropped), UTF-16 when a UTF-16 BOM says so, and Windows-1252 when the
 * bytes are not valid UTF-8 (what Excel on Windows saves as "CSV"). Text: papaparse with the
 * delimiter guessed from the first records (comma, semicolon, tab, pipe), quoted values that span
 * lines kept as one record, blank records kept so that row numbers match a spreadsheet's.
 */
import Papa from "papaparse";
import { appError } from "../../../convex/model/shared/errors";
import type { CsvRecords } from "../../../convex/model/shared/contactImport";

export type CsvEncoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";

export type CsvTable = CsvRecords & {
  headerRow: number;
  delimiter: string;
  encoding: CsvEncoding;
  /** Problems worth telling the person (an unclosed quote), in plain words. */
  warnings: string[];
};

/** The text of a file's bytes and the encoding it was read with. */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  const decode = (encoding: CsvEncoding, fatal = false) => new TextDecoder(encoding, { fatal }).decode(bytes);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: decode("utf-16le"), encoding: "utf-16le" };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: decode("utf-16be"), encoding: "utf-16be" };
  try {
    return { text: decode("utf-8", true), encoding: "utf-8" };
  } catch {
    return { text: fixCp1252(decode("windows-1252")), encoding: "windows-1252" };
  }
}

/** Windows-1252's characters at 0x80–0x9F (Node's TextDecoder reads those bytes as Latin-1 control codes). */
const CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";
const fixCp1252 = (text: string) => text.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]);

const DELIMITERS = [",", ";", "\t", "|"];

/** The delimiter of the first records (blank lines skipped, so they don't spoil the guess). */
function guessDelimiter(text: string): string {
  const sample = Papa.parse<string[]>(text.slice(0, 64 * 1024), {
    delimitersToGuess: DELIMITERS,
    skipEmptyLines: "greedy",
    preview: 50,
  });
  return DELIMITERS.includes(sample.meta.delimiter) ? sample.meta.delimiter : ",";
}

export type ParseOptions = { onProgress?: (fraction: number) => void };

/** Records of CSV text: the first non-blank record is the header. Throws INVALID for a file with no header. */
export function parseCsvText(text: string, options: ParseOptions = {}): CsvTable {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const delimiter = guessDelimiter(body);
  const records: string[][] = [];
  const warnings: string[] = [];
  let next = 0;
  Papa.parse<string[]>(body, {
    delimiter,
    skipEmptyLines: false,
    step: (result) => {
      records.push(result.data);
      for (const e of result.errors)
        if (e.code === "MissingQuotes")
          warnings.push(
            `Row ${records.length} opens a quote (") that is never closed, so everything after it was read as one value. Check that row in the file.`,
          );
      if (options.onProgress && records.length >= next) {
        next = records.length + 2000;
        options.onProgress(Math.min(1, result.meta.cursor / Math.max(1, body.length)));
      }
    },
  });
  options.onProgress?.(1);
  const headerIndex = records.findIndex((r) => r.some((cell) => cell.trim() !== ""));
  if (headerIndex < 0)
    throw appError("INVALID", "The file is empty. Choose a CSV file with a header row and contacts.");
  return {
    header: records[headerIndex],
    rows: records.slice(headerIndex + 1),
    headerRow: headerIndex + 1,
    delimiter,
    encoding: "utf-8",
    warnings,
  };
}

/** A file's bytes as records: decoding, then parsing. */
export function parseCsvBytes(bytes: Uint8Array, options: ParseOptions = {}): CsvTable {
  const { text, encoding } = decodeCsvBytes(bytes);
  return { ...parseCsvText(text, options), encoding };
}

const csvCell = (value: string | number) => {
  const text = String(value);
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The downloadable report of rejected rows: "Row,Reason" then one line per row, CRLF as spreadsheets expect. */
export function rejectedRowsCsv(rejected: readonly { row: number; reason: string }[]): string {
  const lines = [["Row", "Reason"], ...rejected.map((r) => [r.row, r.reason])];
  return lines.map((line) => line.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
