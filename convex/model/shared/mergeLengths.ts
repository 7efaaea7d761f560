/**
 * How long a campaign's text can get once merge fields are filled in (pure, shared with readiness).
 *
 * A list keeps, per field, the longest value any of its entries ever had (`contactLists.maxLengths`,
 * widened by every import batch, hand-added contact and clone page; never narrowed when a contact
 * is removed, so it is an upper bound). The worst case of a template is the template rendered with
 * each field at its longest: exact for a template with one field, an upper bound with several (the
 * longest values may belong to different contacts). Lists imported before `maxLengths` existed
 * have none: their worst case is unknown, and only the fan-out's per-contact check applies.
 */
import type { Doc } from "../../_generated/dataModel";
import { mergeFields, renderMessage, fieldKey } from "./merge";
import { MESSAGE_MAX_CHARACTERS } from "./segments";

export type MaxLengths = NonNullable<Doc<"contactLists">["maxLengths"]>;

/** What an entry contributes: its names, its phone, and its custom fields by column. */
type LengthEntry = { firstName: string; lastName: string; phone: string; fields: Record<string, string> };

/** A new list's lengths: nothing seen yet. `columns` are parallel to the list's columns. */
export function emptyMaxLengths(columns: readonly string[]): MaxLengths {
  return { firstName: 0, lastName: 0, phone: 0, columns: columns.map(() => 0) };
}

/** The lengths widened by `entries`; undefined (unknown) stays unknown. */
export function widenMaxLengths(
  current: MaxLengths | undefined,
  columns: readonly string[],
  entries: readonly LengthEntry[],
): MaxLengths | undefined {
  if (current === undefined) return undefined;
  const next: MaxLengths = { ...current, columns: columns.map((_, i) => current.columns[i] ?? 0) };
  for (const entry of entries) {
    next.firstName = Math.max(next.firstName, entry.firstName.length);
    next.lastName = Math.max(next.lastName, entry.lastName.length);
    next.phone = Math.max(next.phone, entry.phone.length);
    columns.forEach((column, i) => {
      next.columns[i] = Math.max(next.columns[i], (entry.fields[column] ?? "").length);
    });
  }
  return next;
}

/** True when `a` and `b` hold the same lengths (so a write can be skipped). */
export function sameMaxLengths(a: MaxLengths | undefined, b: MaxLengths | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export type WorstCase = {
  /** The text's length with every field at its longest. */
  length: number;
  /** The fields the template uses, longest value first (as typed in the template), with that length. */
  fields: { name: string; max: number }[];
};

/** The template's longest rendering over the list; null when the list's lengths are unknown. */
export function worstCaseLength(
  template: string,
  columns: readonly string[],
  maxLengths: MaxLengths | undefined,
): WorstCase | null {
  if (maxLengths === undefined) return null;
  const fill = (n: number) => "x".repeat(n);
  const fields = Object.fromEntries(columns.map((c, i) => [c, fill(maxLengths.columns[i] ?? 0)]));
  const entry = {
    ...{ firstName: fill(maxLengths.firstName), lastName: fill(maxLengths.lastName), phone: fill(maxLengths.phone) },
    fields,
  };
  const rendered = renderMessage(template, entry);
  const lengthOf = (name: string) => {
    const probe = renderMessage(`{${name}}`, entry);
    return probe === `{${name}}` ? 0 : probe.length;
  };
  const used = mergeFields(template)
    .map((name) => ({ name, max: lengthOf(name) }))
    .filter((f) => f.max > 0)
    .sort((a, b) => b.max - a.max || fieldKey(a.name).localeCompare(fieldKey(b.name)));
  return { length: rendered.length, fields: used };
}

const count = (n: number) => n.toLocaleString("en-US");

/** Readiness's reason when the longest values on the list can push the text past 1,600 characters; null otherwise. */
export function worstCaseProblem(worst: WorstCase | null): string | null {
  if (worst === null || worst.length <= MESSAGE_MAX_CHARACTERS) return null;
  const named = worst.fields
    .slice(0, 3)
    .map((f) => `{${f.name}} (up to ${count(f.max)} characters)`)
    .join(", ");
  return (
    `With the longest values on the contact list — ${named} — the text can reach ${count(worst.length)} characters; ` +
    `texts can be at most ${count(MESSAGE_MAX_CHARACTERS)}. Shorten the message or those values on the list.`
  );
}

/** Why one contact's rendered text can't be sent; null when it can. */
export function renderedTooLong(body: string): string | null {
  if (body.length <= MESSAGE_MAX_CHARACTERS) return null;
  return `The text with this contact's merge fields is ${count(body.length)} characters; texts can be at most ${count(MESSAGE_MAX_CHARACTERS)}.`;
}
