/**
 * CSV import into an office's knowledge base. Each call takes up to IMPORT_BATCH_SIZE rows and
 * is all-or-nothing: any row that can't be imported is reported (row number and reason) and
 * nothing is written. A row with an id updates the entry with that id, or creates it; a row
 * without one updates the entry asking the same question, or creates one with an id made from
 * the question. Importing the same file twice changes nothing the second time.
 */
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx } from "../../_generated/server";
import type { KnowledgeImportResult } from "../../validators";
import { requireOfficeWrite, type Viewer } from "../organization/auth";
import { appError } from "../shared/errors";
import { assertRoomFor, freshExternalId, officeEntries, searchTextOf } from "./knowledgeBase";
import {
  entryFromCsv,
  IMPORT_BATCH_SIZE,
  questionKey,
  type CsvEntryRow,
  type EntryFields,
} from "../shared/knowledgeRules";

type Existing = Pick<Doc<"knowledgeEntries">, "_id" | "question" | "answer" | "alternates" | "keywords" | "externalId">;
type Creation = EntryFields & { externalId: string };
export type ImportPlan = {
  creates: Creation[];
  updates: { entryId: Id<"knowledgeEntries">; fields: EntryFields }[];
  unchanged: number;
  errors: { row: number; reason: string }[];
};

const same = (a: EntryFields, b: EntryFields) =>
  a.question === b.question &&
  a.answer === b.answer &&
  a.alternates.join("|") === b.alternates.join("|") &&
  a.keywords.join(";") === b.keywords.join(";");

/** What importing `rows` into a knowledge base holding `existing` would do (pure). */
export function planImport(existing: readonly Existing[], rows: readonly CsvEntryRow[]): ImportPlan {
  const plan: ImportPlan = { creates: [], updates: [], unchanged: 0, errors: [] };
  const byId = new Map(existing.flatMap((e) => (e.externalId ? [[e.externalId, e] as const] : [])));
  const byQuestion = new Map(existing.map((e) => [questionKey(e.question), e] as const));
  const taken = new Set([...byId.keys(), ...rows.map((r) => r.id.trim()).filter(Boolean)]);
  const rowOf = new Map<string, number>();
  for (const row of rows) {
    const checked = entryFromCsv(row);
    if (!checked.ok) {
      plan.errors.push({ row: row.row, reason: checked.reason });
      continue;
    }
    const { externalId, ...fields } = checked.value;
    const question = questionKey(fields.question);
    const [idKey, questionSeen] = [`id:${externalId}`, `question:${question}`];
    const target = externalId ? byId.get(externalId) : byQuestion.get(question);
    const twin = byQuestion.get(question);
    const reason =
      (externalId && rowOf.has(idKey) && `the id "${externalId}" is also on row ${rowOf.get(idKey)}`) ||
      (rowOf.has(questionSeen) && `the same question is also on row ${rowOf.get(questionSeen)}`) ||
      (twin && twin !== target && `entry "${twin.externalId ?? twin.question}" already asks this question`);
    for (const key of externalId ? [idKey, questionSeen] : [questionSeen]) if (!rowOf.has(key)) rowOf.set(key, row.row);
    if (reason) plan.errors.push({ row: row.row, reason });
    else if (target && same(target, fields)) plan.unchanged += 1;
    else if (target) plan.updates.push({ entryId: target._id, fields });
    else {
      const id = externalId ?? freshExternalId(taken, fields.question);
      taken.add(id);
      plan.creates.push({ ...fields, externalId: id });
    }
  }
  return plan;
}

/** Imports one batch of rows into an office's knowledge base (see the module comment). */
export async function importRows(
  ctx: MutationCtx,
  viewer: Viewer,
  args: { officeId: Id<"offices">; rows: CsvEntryRow[] },
  now: number,
): Promise<KnowledgeImportResult> {
  requireOfficeWrite(viewer, args.officeId, "knowledge.write");
  if (args.rows.length > IMPORT_BATCH_SIZE)
    throw appError("INVALID", `Send at most ${IMPORT_BATCH_SIZE} rows at a time.`);
  const entries = await officeEntries(ctx, args.officeId);
  const plan = planImport(entries, args.rows);
  if (plan.errors.length > 0) return { created: 0, updated: 0, unchanged: 0, errors: plan.errors };
  const office = await ctx.db.get("offices", args.officeId);
  assertRoomFor(entries.length + plan.creates.length, office?.name);
  const stamp = { updatedAt: now, updatedBy: viewer._id };
  for (const { entryId, fields } of plan.updates) {
    const externalId = entries.find((e) => e._id === entryId)?.externalId;
    await ctx.db.patch("knowledgeEntries", entryId, {
      ...fields,
      ...stamp,
      searchText: searchTextOf({ ...fields, externalId }),
    });
  }
  for (const entry of plan.creates)
    await ctx.db.insert("knowledgeEntries", {
      ...entry,
      ...stamp,
      officeId: args.officeId,
      searchText: searchTextOf(entry),
    });
  return { created: plan.creates.length, updated: plan.updates.length, unchanged: plan.unchanged, errors: [] };
}
