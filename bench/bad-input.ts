/**
 * `npm run bench -- badinput`: what Parley does with input it must refuse.
 *
 * Webhooks: fast-check generates (fixed seed, so every run posts the same requests) bodies for
 * `POST /twilio/inbound` and `/twilio/status` on the site port — random form fields, huge bodies,
 * JSON / multipart / plain text, missing or wrong signatures, and correctly signed requests that
 * lack a required field or carry malformed values. Each must be answered 4xx with a message, the
 * backend must keep answering, and no document may be stored (every table counted, from the
 * backend's durable log, before and after).
 *
 * CSV: generated files (broken quoting, mixed delimiters, UTF-8 / UTF-16 / Windows-1252 and
 * invalid bytes, huge fields) go through the browser's pipeline (`src/lib/import/csv.ts`,
 * `prepareImport`) — every row must be accepted, merged as a duplicate or rejected with a reason —
 * and some through the uploader into `contactLists.appendBatch`, whose stored counts must match;
 * batches the browser would never send (bad phones, unknown or unsafe columns, huge values, too
 * many rows) must be refused with a message and store nothing; and `npm run contacts:check` must
 * report on the files without crashing.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { ConvexHttpClient } from "convex/browser";
import { api } from "../convex/_generated/api";
import type { Id } from "../convex/_generated/dataModel";
import { prepareImport, suggestMapping } from "../convex/model/shared/contactImport.ts";
import { errorCode, errorMessage } from "../convex/model/shared/errors.ts";
import { twilioSignature } from "../convex/model/sending/twilioSignature.ts";
import { ROOT } from "../local/child.ts";
import { parseCsvBytes } from "../src/lib/import/csv.ts";
import { ListUploader } from "../src/lib/import/uploader.ts";
import { ADMISSIONS, logger, startDrillStack, storedTables, tableCounts, type DrillStack } from "./drill-kit.ts";
import { csvCases, invalidBatches, webhookCases, type WebhookCase } from "./bad-input-cases.ts";

const log = logger("badinput");
const SEED = 20261129;

async function post(stack: DrillStack, c: WebhookCase): Promise<{ status: number; text: string }> {
  const url = `${stack.backend.siteUrl}${c.path}`;
  const headers: Record<string, string> = { "content-type": c.contentType };
  if (c.signature === "valid")
    headers["x-twilio-signature"] = await twilioSignature(
      stack.simulator.authToken,
      url,
      Object.fromEntries(new URLSearchParams(c.body)),
    );
  else if (c.signature !== null) headers["x-twilio-signature"] = c.signature;
  const response = await fetch(url, { method: "POST", headers, body: c.body });
  return { status: response.status, text: await response.text() };
}

async function webhookDrill(stack: DrillStack) {
  const cases = webhookCases(SEED, 150, { to: ADMISSIONS, accountSid: stack.simulator.accountSid });
  const before = tableCounts(await storedTables(stack.dataDir));
  const unclear: string[] = [];
  for (const c of cases) {
    const { status, text } = await post(stack, c);
    if (status < 400 || status >= 500 || text.trim() === "")
      unclear.push(`${c.kind} ${c.path}: ${status} ${JSON.stringify(text.slice(0, 80))}`);
  }
  const answers = (await fetch(`${stack.backend.url}/api/query_ts`, { method: "POST" })).ok;
  const after = tableCounts(await storedTables(stack.dataDir));
  const changed = Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t]);
  const stored = changed.reduce((n, t) => n + Math.abs((after[t] ?? 0) - (before[t] ?? 0)), 0);
  return {
    webhook_requests: cases.length,
    webhook_kinds: [...new Set(cases.map((c) => c.kind))].length,
    webhook_unclear_answers: unclear.length,
    webhook_unclear_examples: unclear.slice(0, 5),
    webhook_rows_stored: stored,
    webhook_tables_changed: changed,
    backend_answers_after_webhooks: answers,
  };
}

type ListCounts = { contactCount: number; rejectedCount: number; duplicateCount: number; status: string };

async function csvDrill(stack: DrillStack, sam: ConvexHttpClient, officeId: Id<"offices">) {
  const cases = csvCases(SEED, 60);
  const { allowedCountries } = await sam.query(api.contactLists.importSettings, {});
  let [unexplained, crashes, noPhoneColumn, uploaded, mismatched] = [0, 0, 0, 0, 0];
  const problems: string[] = [];
  for (const [i, bytes] of cases.entries()) {
    try {
      const table = parseCsvBytes(bytes);
      const mapping = suggestMapping(table);
      if (mapping === null) {
        noPhoneColumn += 1; // the wizard asks which column holds the phone
        continue;
      }
      const prepared = prepareImport(table, mapping, { allowedCountries });
      const explained =
        prepared.rows === prepared.accepted.length + prepared.duplicates + prepared.rejected.length &&
        prepared.rejected.every((r) => r.reason.trim() !== "");
      if (!explained) {
        unexplained += 1;
        problems.push(`case ${i}: ${prepared.rows} rows, not all accounted for`);
      }
      if (i % 4 !== 0) continue;
      uploaded += 1;
      const uploader = new ListUploader({ mutation: (ref, args) => sam.mutation(ref, args) });
      const listId = await uploader.upload(prepared, { officeId, name: `Bad input ${i}`, tags: [] });
      const list = (await sam.query(api.contactLists.get, { listId })) as ListCounts | null;
      if (
        list?.status !== "ready" ||
        list.contactCount !== prepared.accepted.length ||
        list.rejectedCount !== prepared.rejected.length ||
        list.duplicateCount !== prepared.duplicates
      ) {
        mismatched += 1;
        problems.push(`case ${i}: stored ${JSON.stringify(list)} for ${prepared.accepted.length} accepted`);
      }
    } catch (error) {
      crashes += 1;
      problems.push(`case ${i}: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
    }
  }
  return {
    csv_files: cases.length,
    csv_without_phone_column: noPhoneColumn,
    csv_uploaded: uploaded,
    csv_unexplained_rows: unexplained + mismatched,
    csv_crashes: crashes,
    csv_problems: problems.slice(0, 5),
    cases,
  };
}

/** Batches the browser would never send, straight to `appendBatch`: each refused with a message, nothing stored. */
async function batchDrill(stack: DrillStack, sam: ConvexHttpClient, officeId: Id<"offices">) {
  const batches = invalidBatches(SEED);
  const lists: Id<"contactLists">[] = [];
  for (const [i] of batches.entries())
    lists.push(
      await sam.mutation(api.contactLists.create, { officeId, name: `Refusals ${i}`, tags: [], columns: ["Program"] }),
    );
  const before = tableCounts(await storedTables(stack.dataDir));
  let [accepted, unclear] = [0, 0];
  const examples: string[] = [];
  for (const [i, [label, entries]] of batches.entries()) {
    try {
      await sam.mutation(api.contactLists.appendBatch, { listId: lists[i], batchIndex: 0, entries: entries as never });
      accepted += 1;
      examples.push(`${label}: accepted`);
    } catch (error) {
      // Parley's refusals carry { code, message } (the UI shows the message); argument validation and the
      // client's own value checks name the field. Anything else ("Value is too large") is a failed function.
      const message = errorCode(error) !== null ? errorMessage(error) : error instanceof Error ? error.message : "";
      if (errorCode(error) === null && !/ArgumentValidationError|Validator error|Field name/.test(message)) {
        unclear += 1;
        examples.push(`${label}: ${message.replace(/\s+/g, " ").slice(0, 160)}`);
      }
    }
  }
  const after = tableCounts(await storedTables(stack.dataDir));
  return {
    batches_sent: batches.length,
    batches_accepted: accepted,
    batches_unclear_errors: unclear,
    batch_examples: examples.slice(0, 5),
    batch_rows_stored:
      (after.listEntries ?? 0) - (before.listEntries ?? 0) + (after.contacts ?? 0) - (before.contacts ?? 0),
  };
}

/** `npm run contacts:check -- file --json` on some of the files: a report (exit 0) or a clear refusal (exit 2). */
async function cliDrill(cases: Uint8Array[]) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "parley-badinput-"));
  let crashes = 0;
  try {
    for (const [i, bytes] of cases.entries()) {
      if (i % 12 !== 0) continue;
      const file = path.join(dir, `case-${i}.csv`);
      writeFileSync(file, bytes);
      const run = promisify(execFile)(
        process.execPath,
        ["--import", "tsx", "scripts/contacts-check.ts", file, "--json"],
        {
          cwd: ROOT,
          maxBuffer: 64 << 20,
        },
      );
      const outcome = await run.then(
        ({ stdout }) => ("rows" in JSON.parse(stdout) ? "report" : "crash"),
        (error: { code?: number; stderr?: string }) => (error.code === 2 && error.stderr?.trim() ? "refused" : "crash"),
      );
      if (outcome === "crash") crashes += 1;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { cli_files: Math.ceil(cases.length / 12), cli_crashes: crashes };
}

export async function benchBadInput(): Promise<Record<string, unknown>> {
  const stack = await startDrillStack();
  try {
    const webhooks = await webhookDrill(stack);
    log(`webhooks: ${webhooks.webhook_unclear_answers} unclear answers, ${webhooks.webhook_rows_stored} rows stored`);
    const sam = await stack.signIn("sam@parley.test");
    const officeId = (await sam.query(api.viewer.get, {}))!.offices[0]._id;
    const { cases, ...csv } = await csvDrill(stack, sam, officeId);
    log(`csv: ${csv.csv_unexplained_rows} unexplained, ${csv.csv_crashes} crashes`);
    const batches = await batchDrill(stack, sam, officeId);
    const cli = await cliDrill(cases);
    const answers = (await fetch(`${stack.backend.url}/api/query_ts`, { method: "POST" })).ok;
    const figures = {
      ...webhooks,
      ...csv,
      ...batches,
      ...cli,
      backend_answers: answers && stack.backend.child.exitCode === null,
    };
    return {
      ...figures,
      pass:
        figures.backend_answers &&
        webhooks.webhook_unclear_answers === 0 &&
        webhooks.webhook_rows_stored === 0 &&
        csv.csv_unexplained_rows === 0 &&
        csv.csv_crashes === 0 &&
        batches.batches_accepted === 0 &&
        batches.batches_unclear_errors === 0 &&
        batches.batch_rows_stored === 0 &&
        cli.cli_crashes === 0,
    };
  } finally {
    await stack.stop();
  }
}
