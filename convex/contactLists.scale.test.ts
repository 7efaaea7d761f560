/**
 * A 100,000-row import through `appendBatch`, batches of 500 as the uploader sends them, with
 * convex-test's transaction limits on; it records what the biggest batch read and wrote.
 *
 * convex-test answers every indexed query by scanning the whole table (50 ms per `by_phone`
 * lookup at 50,000 contacts: hours for this test), so the test runs convex-test with the local
 * backend's index-backed queries (local/convex/testing.ts; vitest.config.ts exposes the
 * convex-test internals it needs). Validation and the limit tracker stay convex-test's own.
 */
import * as convexTestModule from "convex-test";
import { expect, test } from "vitest";
import { indexConvexTest } from "../local/convex/testing";
import { api } from "./_generated/api";
import type { ImportEntry } from "./validators";
import { insertOffice, insertUser, messageOf, newTest, signedInAs } from "./setup.test";

const AREAS = ["201", "212", "213", "305", "312", "404", "415", "503", "617", "702", "713", "206"];
/** A distinct US number for each n, as a person types it. */
function basePhone(n: number): string {
  const area = AREAS[n % AREAS.length];
  const rest = Math.floor(n / AREAS.length);
  return `(${area}) ${234 + Math.floor(rest / 10000)}-${String(rest % 10000).padStart(4, "0")}`;
}

/** Row i's phone; every 100th row repeats an earlier row's (from an earlier batch when it can). */
const phoneOf = (i: number) => basePhone(i % 100 !== 99 ? i : i >= 700 ? i - 699 : i - 98);

const ROWS = 100_000;
const BATCH = 500;

test("100,000 rows import through appendBatch within Convex's transaction limits", async () => {
  const t = newTest();
  await t.run(async (ctx) => await ctx.db.insert("organization", { name: "Northfield", helpText: "Help." }));
  const officeId = await insertOffice(t, "Admissions");
  const staff = await signedInAs(t, await insertUser(t, { role: "standard", officeIds: [officeId] }));
  const { peak, count } = await indexConvexTest(convexTestModule, t);
  const columns = ["Email", "Program", "Advisor"];
  const listId = await staff.mutation(api.contactLists.create, { officeId, name: "Everyone", tags: [], columns });
  const started = performance.now();
  for (let from = 0; from < ROWS; from += BATCH) {
    const entries: ImportEntry[] = [];
    for (let i = from; i < from + BATCH; i++)
      entries.push({
        row: i + 2,
        phone: phoneOf(i),
        firstName: `First${i}`,
        lastName: `Last${i}`,
        fields: { Email: `person${i}@example.edu`, Program: `Program ${i % 40}`, Advisor: `Advisor ${i % 25}` },
      });
    await staff.mutation(api.contactLists.appendBatch, { listId, batchIndex: from / BATCH, entries });
  }
  await staff.mutation(api.contactLists.finish, { listId });
  const seconds = (performance.now() - started) / 1000;
  expect(await staff.query(api.contactLists.get, { listId })).toMatchObject({
    status: "ready",
    contactCount: 99_000,
    duplicateCount: 1_000,
    importedBatches: ROWS / BATCH,
  });
  expect({ contacts: count("contacts"), entries: count("listEntries") }).toEqual({
    contacts: 99_000,
    entries: 99_000,
  });
  console.log(
    JSON.stringify({ rows: ROWS, batchSize: BATCH, seconds: Number(seconds.toFixed(1)), peakPerBatch: peak }),
  );
  // What the largest batch used, against the stricter (older) limits: 8,192 writes, 8 MiB, 4,096 ranges.
  expect(peak.documentsWritten).toBeLessThanOrEqual(2 * BATCH + 1);
  expect(peak.databaseQueries).toBeLessThan(4_096 / 2);
  expect(peak.bytesWritten).toBeLessThan((8 * 1024 * 1024) / 4);
  // The largest batch the backend takes (1,000 rows) with the most the uploader puts in one (2 MiB).
  const second = await staff.mutation(api.contactLists.create, { officeId, name: "Wide", tags: [], columns });
  const wide = Array.from({ length: 1000 }, (_, i) => ({
    row: i + 2,
    phone: basePhone(ROWS + i),
    firstName: "F",
    lastName: "L",
    fields: { Email: "e".repeat(700), Program: "p".repeat(700), Advisor: "a".repeat(700) },
  }));
  expect(
    await staff.mutation(api.contactLists.appendBatch, { listId: second, batchIndex: 0, entries: wide }),
  ).toMatchObject({
    contactCount: 1000,
  });
  expect(peak.documentsWritten).toBe(2001);
  expect(peak.databaseQueries).toBeLessThan(4_096 / 2 + 10);
  console.log(JSON.stringify({ largestBatch: { rows: 1000, ...peak } }));
  // The limits really are enforced here: one transaction past 4,096 index ranges fails.
  const tooMany = t.run(async (ctx) => {
    for (let i = 0; i <= 4_096; i++) await ctx.db.get("contactLists", listId);
  });
  expect(await messageOf(tooMany)).toMatch(/Too many index ranges/);
}, 300_000);
