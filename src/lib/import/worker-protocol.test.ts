import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { importWorkerHandler, type ImportWorkerResponse } from "./worker-protocol";

const fixture = () => new Blob([readFileSync(new URL("../../../tests/fixtures/contacts-messy.csv", import.meta.url))]);

test("the worker parses a file, suggests the mapping, then prepares the import, reporting progress", async () => {
  const messages: ImportWorkerResponse[] = [];
  const handle = importWorkerHandler((m) => messages.push(m));
  await handle({ type: "parse", file: fixture() });
  const parsed = messages.find((m) => m.type === "parsed");
  expect(parsed).toMatchObject({
    file: {
      columns: [
        "First Name",
        "Last Name",
        "Mobile Phone",
        "Email",
        "Program",
        "Advisor, Assigned",
        "Refund Amount",
        "Column 8",
      ],
      suggested: { phone: "Mobile Phone", firstName: "First Name", lastName: "Last Name" },
      rows: 16,
      encoding: "utf-8",
      delimiter: ",",
      warnings: [],
    },
  });
  expect(messages.some((m) => m.type === "progress" && m.phase === "parsing" && m.fraction === 1)).toBe(true);
  messages.length = 0;
  await handle({
    type: "prepare",
    mapping: { phone: "Mobile Phone", firstName: "First Name", lastName: null },
    allowedCountries: ["US", "CA", "GB"],
  });
  const prepared = messages.at(-1);
  expect(prepared?.type).toBe("prepared");
  if (prepared?.type !== "prepared") return;
  expect(prepared.result).toMatchObject({ rows: 16, duplicates: 1 });
  expect(prepared.result.accepted).toHaveLength(10);
  expect(prepared.result.columns).toContain("Last Name");
  expect(messages.some((m) => m.type === "progress" && m.phase === "checking")).toBe(true);
});

test("mistakes come back as messages for the person", async () => {
  const messages: ImportWorkerResponse[] = [];
  const handle = importWorkerHandler((m) => messages.push(m));
  await handle({
    type: "prepare",
    mapping: { phone: "Phone", firstName: null, lastName: null },
    allowedCountries: ["US"],
  });
  await handle({ type: "parse", file: new Blob(["\n\n"]) });
  await handle({ type: "parse", file: new Blob(["name,phone\nAna,4155552671\n"]) });
  await handle({
    type: "prepare",
    mapping: { phone: "Cell", firstName: null, lastName: null },
    allowedCountries: ["US"],
  });
  expect(messages.filter((m) => m.type === "error")).toEqual([
    { type: "error", message: "Choose a file first." },
    { type: "error", message: "The file is empty. Choose a CSV file with a header row and contacts." },
    { type: "error", message: 'The column "Cell" chosen for phone isn\'t in the file. Choose one of its columns.' },
  ]);
});
