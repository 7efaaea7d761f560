/** `npm run contacts:check`: the CLI run as a person runs it, on the messy fixture and on mistakes. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
const FIXTURE = path.join(ROOT, "tests/fixtures/contacts-messy.csv");

function run(...args: string[]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/contacts-check.ts", ...args], {
    cwd: ROOT,
    encoding: "utf8",
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test("the messy fixture: every row judged as a person would, one JSON line", () => {
  const { code, stdout } = run(FIXTURE, "--json");
  expect(code).toBe(0);
  expect(stdout.split("\n").filter(Boolean)).toHaveLength(1);
  // Row 2–7 accepted (row 6 has no names, which is fine); 8 "555-2677" lacks an area code; 9 "call me";
  // 10 a UK number; 11 repeats row 2's number (merged); 12 has an extension; 13 accepted; 14 no phone;
  // 15 "268O" has a letter O; 16 is one record across two lines (quoted newline); 17 has an extra value.
  expect(JSON.parse(stdout)).toEqual({
    rows: 16,
    accepted: 9,
    duplicates: 1,
    rejected: [
      { row: 8, reason: "not a valid phone number" },
      { row: 9, reason: "not a valid phone number" },
      { row: 10, reason: "outside the allowed countries (US, Canada)" },
      { row: 12, reason: "has an extension, which texts can't reach" },
      { row: 14, reason: "missing phone" },
      { row: 15, reason: "not a valid phone number" },
    ],
  });
  expect(stdout).toBe(
    '{"rows":16,"accepted":9,"duplicates":1,"rejected":[{"row":8,"reason":"not a valid phone number"},{"row":9,"reason":"not a valid phone number"},{"row":10,"reason":"outside the allowed countries (US, Canada)"},{"row":12,"reason":"has an extension, which texts can\'t reach"},{"row":14,"reason":"missing phone"},{"row":15,"reason":"not a valid phone number"}]}\n',
  );
});

test("without --json, a readable summary; named columns and countries are honoured", () => {
  const readable = run(FIXTURE);
  expect(readable.code).toBe(0);
  expect(readable.stdout).toContain('Columns: phone "Mobile Phone", first name "First Name", last name "Last Name"');
  expect(readable.stdout).toContain("16 rows: 9 accepted, 1 duplicate merged, 6 rejected");
  expect(readable.stdout).toContain("  row 10: outside the allowed countries (US, Canada)");
  const named = run(FIXTURE, "--countries", "us,gb", "--first-name-column", "email", "--json");
  const parsed = JSON.parse(named.stdout) as { accepted: number; rejected: { row: number }[] };
  expect(parsed.accepted).toBe(10);
  expect(parsed.rejected.map((r) => r.row)).toEqual([8, 9, 12, 14, 15]);
});

test("bad arguments and unreadable files exit 2 with a clear message", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "contacts-check-"));
  const noPhone = path.join(dir, "no-phone.csv");
  writeFileSync(noPhone, "Name,Email\nAna,a@example.edu\n");
  const cases: [string[], RegExp][] = [
    [[], /Name a CSV file to check/],
    [[FIXTURE, "--bogus"], /Unknown option '--bogus'/],
    [[path.join(dir, "missing.csv")], /Can't read .*missing\.csv: ENOENT/],
    [[FIXTURE, "--phone-column", "Cell"], /There is no column named "Cell" for the phone/],
    [[noPhone], /No column looks like a phone number; name it with --phone-column/],
    [[FIXTURE, "--countries", "XX"], /XX isn't one/],
  ];
  for (const [args, message] of cases) {
    const { code, stderr } = run(...args);
    expect({ args, code }).toEqual({ args, code: 2 });
    expect(stderr).toMatch(message);
  }
});
