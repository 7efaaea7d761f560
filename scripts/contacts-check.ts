/**
 * `npm run contacts:check -- <file.csv> [--first-name-column H] [--last-name-column H]
 * [--phone-column H] [--countries US,CA] [--json]`: what importing the file as a contact list
 * would do, with the same code the browser and the backend run. `--json` prints one line:
 * {"rows":N,"accepted":N,"duplicates":N,"rejected":[{"row":N,"reason":"…"}]}. Columns not named
 * are detected from common header names. Exit 0 when the file was checked (whatever it holds),
 * 2 for bad arguments or a file that can't be read or mapped.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import {
  prepareImport,
  resolveColumn,
  suggestMapping,
  columnNames,
  type ColumnMapping,
} from "../convex/model/shared/contactImport.ts";
import { DEFAULT_ALLOWED_COUNTRIES } from "../convex/model/shared/contactPhone.ts";
import { errorCode, errorMessage } from "../convex/model/shared/errors.ts";
import { cleanCountries } from "../convex/model/organization/allowedCountries.ts";
import { parseCsvBytes, type CsvTable } from "../src/lib/import/csv.ts";

const USAGE =
  "Usage: npm run contacts:check -- <file.csv> [--first-name-column NAME] [--last-name-column NAME] " +
  "[--phone-column NAME] [--countries US,CA] [--json]";

class UsageError extends Error {}

function options(argv: string[]) {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        "first-name-column": { type: "string" },
        "last-name-column": { type: "string" },
        "phone-column": { type: "string" },
        countries: { type: "string" },
        json: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
    if (values.help) return null;
    if (positionals.length !== 1)
      throw new UsageError(positionals.length === 0 ? "Name a CSV file to check." : "Check one file at a time.");
    return { file: positionals[0], ...values };
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function mappingFor(table: CsvTable, flags: { phone?: string; first?: string; last?: string }): ColumnMapping {
  const width = table.rows.reduce((w, r) => Math.max(w, r.length), table.header.length);
  const columns = columnNames(table.header, width);
  const detected = suggestMapping(table) ?? { phone: null, firstName: null, lastName: null };
  const pick = (flag: string | undefined, role: string, fallback: string | null) =>
    flag === undefined ? fallback : resolveColumn(columns, flag, role);
  const phone = pick(flags.phone, "phone", detected.phone);
  if (phone === null)
    throw new UsageError(
      `No column looks like a phone number; name it with --phone-column. The columns are: ${columns.map((c) => `"${c}"`).join(", ")}.`,
    );
  return {
    phone,
    firstName: pick(flags.first, "first name", detected.firstName),
    lastName: pick(flags.last, "last name", detected.lastName),
  };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

function main(argv: string[]): number {
  const opts = options(argv);
  if (opts === null) {
    console.log(USAGE);
    return 0;
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(opts.file);
  } catch (error) {
    throw new UsageError(`Can't read ${opts.file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`);
  }
  const table = parseCsvBytes(bytes);
  const mapping = mappingFor(table, {
    phone: opts["phone-column"],
    first: opts["first-name-column"],
    last: opts["last-name-column"],
  });
  const allowedCountries = opts.countries ? cleanCountries(opts.countries.split(",")) : [...DEFAULT_ALLOWED_COUNTRIES];
  const result = prepareImport(table, mapping, { allowedCountries });
  const { rows, duplicates, rejected } = result;
  if (opts.json) {
    console.log(JSON.stringify({ rows, accepted: result.accepted.length, duplicates, rejected }));
    return 0;
  }
  const name = (column: string | null) => (column === null ? "none" : `"${column}"`);
  console.log(`${path.basename(opts.file)} (${table.encoding}, delimiter ${JSON.stringify(table.delimiter)})`);
  console.log(
    `Columns: phone ${name(mapping.phone)}, first name ${name(mapping.firstName)}, last name ${name(mapping.lastName)}; ` +
      `${plural(result.columns.length, "custom column")}${result.columns.length ? `: ${result.columns.map((c) => `"${c}"`).join(", ")}` : ""}`,
  );
  for (const warning of table.warnings) console.log(`Warning: ${warning}`);
  console.log(
    `${plural(rows, "row")}: ${result.accepted.length.toLocaleString("en-US")} accepted, ` +
      `${plural(duplicates, "duplicate")} merged, ${rejected.length.toLocaleString("en-US")} rejected`,
  );
  for (const r of rejected.slice(0, 50)) console.log(`  row ${r.row}: ${r.reason}`);
  if (rejected.length > 50)
    console.log(`  … and ${plural(rejected.length - 50, "more rejected row")} (use --json for all)`);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  const expected = error instanceof UsageError || errorCode(error) !== null;
  console.error(expected ? (error instanceof UsageError ? error.message : errorMessage(error)) : error);
  if (error instanceof UsageError && !error.message.startsWith("Can't read") && !error.message.startsWith("No column"))
    console.error(USAGE);
  process.exitCode = expected ? 2 : 1;
}
