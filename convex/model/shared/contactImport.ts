/**
 * The contact-list import engine, pure and shared by the browser (a Web Worker), the
 * `contacts:check` CLI and the backend: from parsed CSV records and a column mapping to accepted
 * entries, merged duplicates and rejected rows with their reasons.
 *
 * Row numbers are the ones a spreadsheet shows: the header is row 1 and every record (a quoted
 * value may span lines) is one row. A completely empty row keeps its number but is not counted:
 * `rows = accepted + duplicates + rejected`. Duplicates (same E.164 number) merge into the first
 * row with that number; later rows only fill in values the first one left empty.
 */
import { appError } from "./errors";
import { DEFAULT_ALLOWED_COUNTRIES, normalizePhone } from "./contactPhone";

/** Parsed CSV: the header record, then every record after it (blank ones included). */
export type CsvRecords = {
  header: string[];
  rows: string[][];
  /** Spreadsheet row of the header (1 unless blank rows precede it). */ headerRow?: number;
};

/** Which columns hold the names and the phone, by (cleaned) column name. */
export type ColumnMapping = { phone: string; firstName: string | null; lastName: string | null };

export type AcceptedEntry = {
  row: number;
  phone: string;
  firstName: string;
  lastName: string;
  /** Every column that is not mapped to a name or the phone, by column name. */
  fields: Record<string, string>;
};
export type RejectedRow = { row: number; reason: string };

export type ImportResult = {
  /** Custom columns (every unmapped column), in file order: the list's merge fields. */
  columns: string[];
  accepted: AcceptedEntry[];
  /** Rows merged into an earlier row with the same phone number. */
  duplicates: number;
  rejected: RejectedRow[];
  /** Non-empty data rows: accepted + duplicates + rejected. */
  rows: number;
};

/** Longest column name kept (longer header names are cut). */
export const MAX_COLUMN_NAME = 80;
/** More custom columns than this are refused (a Convex document has at most 1,024 fields). */
export const MAX_CUSTOM_COLUMNS = 500;
/** A row longer than this (all its values together) is rejected: a list entry must stay far below 1 MiB. */
export const MAX_ROW_CHARACTERS = 100_000;
export const ROW_TOO_LONG_REASON = `longer than ${MAX_ROW_CHARACTERS.toLocaleString("en-US")} characters`;

const ASCII_LOOKALIKES: Record<string, string> = {
  "‘": "'",
  "’": "'",
  "“": '"',
  "”": '"',
  "–": "-",
  "—": "-",
  "…": "...",
};

/**
 * A column name Convex accepts as a field name (printable ASCII, not starting with "$" or "_"):
 * trimmed, accents dropped ("Prénom" → "Prenom"), other characters outside ASCII removed,
 * spaces collapsed, cut to 80 characters. Empty → "".
 */
export function safeColumnName(raw: string): string {
  return raw
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[‘’“”–—…]/g, (c) => ASCII_LOOKALIKES[c])
    .replace(/[^\x20-\x7E]/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^[$_\s]+/, "")
    .slice(0, MAX_COLUMN_NAME)
    .trim();
}

/**
 * Column names for a header `width` columns wide (rows longer than the header widen it): each
 * made safe; an empty one becomes "Column N" (N counted from 1); a repeated one gets " (2)", " (3)".
 */
export function columnNames(header: readonly string[], width = header.length): string[] {
  const names: string[] = [];
  const taken = new Set<string>();
  for (let i = 0; i < Math.max(width, header.length); i++) {
    const base = safeColumnName(header[i] ?? "") || `Column ${i + 1}`;
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base} (${n})`;
    taken.add(name.toLowerCase());
    names.push(name);
  }
  return names;
}

const squash = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, "");

/** Header spellings, squashed (lowercase, letters and digits only), best first. */
const DETECT = {
  phone: ["mobilephone", "mobile", "mobilenumber", "cellphone", "cell", "cellnumber", "phonenumber", "phone", "number"],
  firstName: ["firstname", "first", "givenname"],
  lastName: ["lastname", "last", "surname", "familyname"],
} as const;

/** The columns that look like the phone and the names, from common header names (case, spaces and punctuation ignored). */
export function detectColumns(columns: readonly string[]): {
  phone: string | null;
  firstName: string | null;
  lastName: string | null;
} {
  const find = (spellings: readonly string[]) => {
    for (const spelling of spellings) {
      const found = columns.find((c) => squash(c) === spelling);
      if (found !== undefined) return found;
    }
    return null;
  };
  return { phone: find(DETECT.phone), firstName: find(DETECT.firstName), lastName: find(DETECT.lastName) };
}

/** The column a user named (as in the file, or its cleaned name; case-insensitive), or throws INVALID. */
export function resolveColumn(columns: readonly string[], wanted: string, role: string): string {
  const exact = columns.find((c) => c === wanted.trim() || c === safeColumnName(wanted));
  const loose = exact ?? columns.find((c) => c.toLowerCase() === safeColumnName(wanted).toLowerCase());
  if (loose === undefined)
    throw appError(
      "INVALID",
      `There is no column named "${wanted.trim()}" for the ${role}. The columns are: ${columns.map((c) => `"${c}"`).join(", ")}.`,
    );
  return loose;
}

const isBlank = (record: readonly string[]) => record.every((cell) => cell.trim() === "");

function checkMapping(columns: readonly string[], mapping: ColumnMapping): void {
  for (const [role, column] of Object.entries(mapping))
    if (column !== null && !columns.includes(column))
      throw appError(
        "INVALID",
        `The column "${column}" chosen for ${role} isn't in the file. Choose one of its columns.`,
      );
  const chosen = [mapping.phone, mapping.firstName, mapping.lastName].filter((c) => c !== null);
  if (new Set(chosen).size !== chosen.length)
    throw appError("INVALID", "Choose a different column for each of first name, last name and phone.");
}

/** `fields` of the kept entry gain the values it lacks; names too. Returns nothing: it edits `kept`. */
export function mergeInto(kept: AcceptedEntry, later: Omit<AcceptedEntry, "row" | "phone">): void {
  if (kept.firstName === "") kept.firstName = later.firstName;
  if (kept.lastName === "") kept.lastName = later.lastName;
  for (const [column, value] of Object.entries(later.fields))
    if (value !== "" && (kept.fields[column] ?? "") === "") kept.fields[column] = value;
}

export type PrepareOptions = {
  allowedCountries?: readonly string[];
  /** Called every few thousand rows with the share done (0–1). */
  onProgress?: (fraction: number) => void;
};

type Layout = { custom: { name: string; index: number }[]; phoneAt: number; firstAt: number; lastAt: number };

/** Where the mapped columns are, and the custom ones (every other column); throws INVALID for a bad mapping. */
function layout(records: CsvRecords, mapping: ColumnMapping): Layout {
  const width = records.rows.reduce((w, r) => Math.max(w, r.length), records.header.length);
  const names = columnNames(records.header, width);
  checkMapping(names, mapping);
  const mapped = new Set([mapping.phone, mapping.firstName, mapping.lastName]);
  const custom = names.map((name, index) => ({ name, index })).filter((c) => !mapped.has(c.name));
  if (custom.length > MAX_CUSTOM_COLUMNS)
    throw appError(
      "INVALID",
      `The file has ${custom.length} columns besides names and phone; Parley keeps at most ${MAX_CUSTOM_COLUMNS}. Remove the columns you don't need.`,
    );
  const at = (name: string | null) => (name === null ? -1 : names.indexOf(name));
  return { custom, phoneAt: at(mapping.phone), firstAt: at(mapping.firstName), lastAt: at(mapping.lastName) };
}

/** One non-blank record: an entry, or the reason it is rejected. */
function judge(record: string[], row: number, l: Layout, allowed: readonly string[]): AcceptedEntry | RejectedRow {
  const cell = (index: number) => (index < 0 ? "" : (record[index] ?? "").trim());
  const phone = normalizePhone(cell(l.phoneAt), allowed);
  if (!phone.ok) return { row, reason: phone.reason };
  if (record.reduce((n, v) => n + v.length, 0) > MAX_ROW_CHARACTERS) return { row, reason: ROW_TOO_LONG_REASON };
  const fields: Record<string, string> = {};
  for (const c of l.custom) fields[c.name] = cell(c.index);
  return { row, phone: phone.phone, firstName: cell(l.firstAt), lastName: cell(l.lastAt), fields };
}

/** The whole import decision for a parsed file: see the module comment for the rules. */
export function prepareImport(records: CsvRecords, mapping: ColumnMapping, options: PrepareOptions = {}): ImportResult {
  const l = layout(records, mapping);
  const allowed = options.allowedCountries ?? DEFAULT_ALLOWED_COUNTRIES;
  const result: ImportResult = {
    columns: l.custom.map((c) => c.name),
    accepted: [],
    duplicates: 0,
    rejected: [],
    rows: 0,
  };
  const byPhone = new Map<string, AcceptedEntry>();
  const firstRow = (records.headerRow ?? 1) + 1;
  records.rows.forEach((record, i) => {
    if (options.onProgress && i % 5000 === 0) options.onProgress(i / records.rows.length);
    if (isBlank(record)) return;
    result.rows += 1;
    const judged = judge(record, firstRow + i, l, allowed);
    if ("reason" in judged) return void result.rejected.push(judged);
    const kept = byPhone.get(judged.phone);
    if (kept !== undefined) {
      mergeInto(kept, judged);
      result.duplicates += 1;
      return;
    }
    byPhone.set(judged.phone, judged);
    result.accepted.push(judged);
  });
  options.onProgress?.(1);
  return result;
}

/** The mapping a file suggests by its header names; null when no column looks like a phone. */
export function suggestMapping(records: CsvRecords): ColumnMapping | null {
  const width = records.rows.reduce((w, r) => Math.max(w, r.length), records.header.length);
  const detected = detectColumns(columnNames(records.header, width));
  return detected.phone === null
    ? null
    : { phone: detected.phone, firstName: detected.firstName, lastName: detected.lastName };
}
