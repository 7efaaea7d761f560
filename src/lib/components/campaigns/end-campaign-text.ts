/**
 * What Stop and Archive / End Campaign does, in words, for its confirmation (docs/product.md, "Ending";
 * convex/model/campaigns/ending.ts does it):
 * - reusable number: conversations that still need attention switch to the number's unsolicited
 *   settings (VA or agents) and move to the inboxes configured there; queued campaign texts are
 *   canceled; the number stays the office's.
 * - single-use number: nothing more is sent (queued texts, replies included, are canceled),
 *   every conversation leaves every queue, and the number is released back to Twilio.
 */
import { displayNumber } from "$convex/model/shared/numberRules";
import type { NumberKind, OperatedBy } from "$convex/validators";

export type UnsolicitedRoute = { handledBy: OperatedBy; users: string[]; offices: string[] };

/** "a", "a and b", "a, b and c". */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** "the Financial Aid office inbox and Sam Rivera's inbox". */
export function inboxWords(route: Pick<UnsolicitedRoute, "users" | "offices">): string {
  const offices = route.offices.map((name) => `the ${name} office inbox`);
  const users = route.users.map((name) => `${name}'s inbox`);
  const all = [...offices, ...users];
  return all.length === 0 ? "no inbox" : listWords(all);
}

export type EndInput = {
  title: string;
  number: { e164: string; kind: NumberKind } | null;
  needsAttention: number;
  /** The reusable number's unsolicited settings (null while loading or for single-use numbers). */
  unsolicited: UnsolicitedRoute | null;
};

function attention(count: number): string {
  if (count === 0) return "No conversation needs attention right now.";
  return count === 1 ? "1 conversation needs attention right now." : `${count} conversations need attention right now.`;
}

/** The confirmation's sentences, in order. */
export function endCampaignText({ title, number, needsAttention, unsolicited }: EndInput): string[] {
  const first = `“${title}” stops now and moves to the Archived tab.`;
  if (number === null) return [first, "Texts it hasn't sent yet are canceled."];
  const shown = displayNumber(number.e164);
  if (number.kind === "singleUse")
    return [
      first,
      `${attention(needsAttention)} Make sure every contact has been answered: no further responses will be sent, pending conversations leave every queue, and ${shown} is released.`,
    ];
  const who = unsolicited === null ? null : unsolicited.handledBy === "va" ? "the Virtual Assistant" : "agents";
  const settings =
    unsolicited === null || who === null
      ? `${shown}'s unsolicited settings`
      : `${shown}'s unsolicited settings: ${who} and ${inboxWords(unsolicited)}`;
  return [
    first,
    `${attention(needsAttention)} Conversations that need attention move to ${settings}. An agent's inbox that isn't among these loses them.`,
    `Texts the campaign hasn't sent yet are canceled. ${shown} stays with the office.`,
  ];
}
