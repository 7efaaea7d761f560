/** Small display helpers for conversations (kept here rather than importing libphonenumber into the page). */

/** "+16175550123" → "(617) 555-0123"; other numbers as stored (E.164). */
export function displayPhone(e164: string): string {
  const us = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return us ? `(${us[1]}) ${us[2]}-${us[3]}` : e164;
}

/** The contact's name, or their phone when the list gave no name. */
export function contactName(c: { firstName: string; lastName: string; phone: string }): string {
  const name = `${c.firstName} ${c.lastName}`.trim();
  return name === "" ? displayPhone(c.phone) : name;
}

const sameDay = (a: Date, b: Date) => a.toDateString() === b.toDateString();

/** "3:04 PM" today, "Mar 4" this year, "Mar 4, 2025" before. */
export function shortTime(ms: number, now = Date.now()): string {
  const date = new Date(ms);
  const today = new Date(now);
  if (sameDay(date, today)) return date.toLocaleTimeString(undefined, { hour: "numeric", minute: "2-digit" });
  const sameYear = date.getFullYear() === today.getFullYear();
  return date.toLocaleDateString(undefined, {
    month: "short",
    day: "numeric",
    ...(sameYear ? {} : { year: "numeric" }),
  });
}

/** The full date and time, for a title/tooltip. */
export function fullTime(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

/** "Riley", "Riley and Sam", "Riley, Sam and 2 others". */
export function namesList(names: string[]): string {
  const first = names.map((n) => n.split(" ")[0] || n);
  if (first.length <= 2) return first.join(" and ");
  return `${first.slice(0, 2).join(", ")} and ${first.length - 2} other${first.length === 3 ? "" : "s"}`;
}

/** Names of those viewing each conversation now (rows past `viewingUntil` are hidden: queries can't read the clock). */
export function viewersByConversation(
  rows: readonly { conversationId: string; name: string; viewingUntil: number }[] | undefined,
  now: number,
): Map<string, string[]> {
  const byConversation = new Map<string, string[]>();
  for (const p of rows ?? [])
    if (p.viewingUntil > now)
      byConversation.set(p.conversationId, [...(byConversation.get(p.conversationId) ?? []), p.name]);
  return byConversation;
}
