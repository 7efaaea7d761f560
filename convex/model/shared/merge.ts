/**
 * Merge fields in campaign messages, shared by the backend and the wizard's preview (pure).
 *
 * `{firstName}`, `{lastName}` and `{phone}` come from every list entry; any custom column of the
 * list is a field too (`{Program}`, `{Advisor, Assigned}`). Names match ignoring case and extra
 * spaces (`{ first name }` is `{firstName}`); a built-in name wins over a column of the same name.
 * A known field with no value renders as nothing; an unknown one is left as typed (launch refuses
 * messages with unknown fields, so only previews ever show one). Braces that hold no name (`{}`,
 * `{ }`, a lone `{`) are plain text.
 */

/** What a message is rendered for: one list entry. `phone` is E.164, as stored. */
export type MergeEntry = { firstName: string; lastName: string; phone: string; fields: Record<string, string> };

type BuiltIn = "firstName" | "lastName" | "phone";

const TOKEN = /\{([^{}\n]+)\}/g;

const BUILT_INS = new Map<string, BuiltIn>([
  ["firstname", "firstName"],
  ["first name", "firstName"],
  ["lastname", "lastName"],
  ["last name", "lastName"],
  ["phone", "phone"],
]);

/** The field names offered in the wizard's "insert field" menu before any list column. */
export const BUILT_IN_FIELDS: readonly BuiltIn[] = ["firstName", "lastName", "phone"];

/** How a name is compared: trimmed, inner spaces collapsed, lowercase. */
export function fieldKey(name: string): string {
  return name.trim().replace(/\s+/g, " ").toLowerCase();
}

/** Each `{…}` token of the template with its name (trimmed, spaces collapsed); nameless braces skipped. */
function tokens(template: string): { token: string; name: string }[] {
  return [...template.matchAll(TOKEN)]
    .map((m) => ({ token: m[0], name: m[1].trim().replace(/\s+/g, " ") }))
    .filter((t) => t.name !== "");
}

/** The merge field names a template uses, each once (first spelling), in order of appearance. */
export function mergeFields(template: string): string[] {
  const seen = new Map<string, string>();
  for (const { name } of tokens(template)) if (!seen.has(fieldKey(name))) seen.set(fieldKey(name), name);
  return [...seen.values()];
}

/** The fields a template uses that are neither built in nor a column of the list. */
export function unknownFields(template: string, columns: readonly string[]): string[] {
  const known = new Set(columns.map(fieldKey));
  return mergeFields(template).filter((name) => !BUILT_INS.has(fieldKey(name)) && !known.has(fieldKey(name)));
}

/** The message one contact receives. */
export function renderMessage(template: string, entry: MergeEntry): string {
  const values = new Map<string, string>();
  for (const [column, value] of Object.entries(entry.fields))
    if (!values.has(fieldKey(column))) values.set(fieldKey(column), value);
  return template.replace(TOKEN, (token: string, raw: string) => {
    const key = fieldKey(raw);
    if (key === "") return token;
    const builtIn = BUILT_INS.get(key);
    if (builtIn !== undefined) return entry[builtIn];
    return values.get(key) ?? token;
  });
}
