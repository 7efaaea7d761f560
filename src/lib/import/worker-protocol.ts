/**
 * What the import Web Worker does, as a plain message handler (so Node tests run it): "parse"
 * reads a file into records and suggests the column mapping; "prepare" applies the mapping the
 * person confirmed. The parsed records stay in the worker between the two.
 */
import {
  columnNames,
  prepareImport,
  suggestMapping,
  type ColumnMapping,
  type ImportResult,
} from "../../../convex/model/shared/contactImport";
import { errorMessage } from "../../../convex/model/shared/errors";
import { parseCsvBytes, type CsvEncoding, type CsvTable } from "./csv";

export type ImportWorkerRequest =
  { type: "parse"; file: Blob } | { type: "prepare"; mapping: ColumnMapping; allowedCountries: string[] };

/** What the worker learned from a file: enough for the column-mapping step and a preview. */
export type ParsedFile = {
  columns: string[];
  suggested: ColumnMapping | null;
  /** Non-empty data rows. */
  rows: number;
  /** The first data rows, cells as in the file. */
  preview: string[][];
  encoding: CsvEncoding;
  delimiter: string;
  warnings: string[];
};

export type ImportWorkerResponse =
  | { type: "progress"; phase: "reading" | "parsing" | "checking"; fraction: number }
  | { type: "parsed"; file: ParsedFile }
  | { type: "prepared"; result: ImportResult }
  | { type: "error"; message: string };

const PREVIEW_ROWS = 5;

function describe(table: CsvTable): ParsedFile {
  const data = table.rows.filter((r) => r.some((cell) => cell.trim() !== ""));
  const width = table.rows.reduce((w, r) => Math.max(w, r.length), table.header.length);
  return {
    columns: columnNames(table.header, width),
    suggested: suggestMapping(table),
    rows: data.length,
    preview: data.slice(0, PREVIEW_ROWS),
    encoding: table.encoding,
    delimiter: table.delimiter,
    warnings: table.warnings,
  };
}

/** A handler holding one file's records; `post` sends responses back (postMessage in the worker). */
export function importWorkerHandler(post: (message: ImportWorkerResponse) => void) {
  let table: CsvTable | null = null;
  return async (request: ImportWorkerRequest): Promise<void> => {
    try {
      if (request.type === "parse") {
        post({ type: "progress", phase: "reading", fraction: 0 });
        const bytes = new Uint8Array(await request.file.arrayBuffer());
        table = parseCsvBytes(bytes, {
          onProgress: (fraction) => post({ type: "progress", phase: "parsing", fraction }),
        });
        post({ type: "parsed", file: describe(table) });
      } else {
        if (table === null) throw new Error("Choose a file first.");
        const result = prepareImport(table, request.mapping, {
          allowedCountries: request.allowedCountries,
          onProgress: (fraction) => post({ type: "progress", phase: "checking", fraction }),
        });
        post({ type: "prepared", result });
      }
    } catch (error) {
      const known = errorMessage(error);
      post({
        type: "error",
        message: known.startsWith("Something went wrong") && error instanceof Error ? error.message : known,
      });
    }
  };
}
