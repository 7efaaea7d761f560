/**
 * Which conversation a text between a Parley number and a contact belongs to — the same answer
 * for an inbound text and for a 1:1 text an agent starts, so a reply always lands where the
 * conversation is:
 *
 * 1. the number's active campaign, if it texted the contact → that campaign's conversation;
 * 2. a single-use number → its campaign's conversation, closed once the campaign ended (no
 *    standing traffic: the text is kept with the history, nobody answers); a stranger → none;
 * 3. a reusable number → its standing conversation with the contact, created on first contact
 *    with the number's unsolicited settings (who answers, which inboxes).
 */
import type { Doc } from "../../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { OperatedBy, UnsolicitedSettings } from "../../validators";
import { campaignConversation, insertConversation, standingConversation } from "./conversations";

/** The active Parley number with this E.164 address, or null (released, or not Parley's). */
export async function activeNumber(ctx: QueryCtx, e164: string): Promise<Doc<"phoneNumbers"> | null> {
  return await ctx.db
    .query("phoneNumbers")
    .withIndex("by_e164_and_status", (q) => q.eq("e164", e164).eq("status", "active"))
    .first();
}

/** The organization's contact for a phone, created (not opted out) the first time it is seen. */
export async function contactFor(ctx: MutationCtx, phone: string): Promise<Doc<"contacts">> {
  const found = await ctx.db
    .query("contacts")
    .withIndex("by_phone", (q) => q.eq("phone", phone))
    .first();
  if (found !== null) return found;
  const id = await ctx.db.insert("contacts", { phone, optedOut: false });
  return (await ctx.db.get("contacts", id)) as Doc<"contacts">;
}

/**
 * Who answers a reusable number's standing traffic. A number always has settings (provisioning
 * requires them); were they missing, agents of the number's office inbox answer.
 */
export function unsolicitedSettings(number: Doc<"phoneNumbers">): UnsolicitedSettings {
  return number.unsolicited ?? { handledBy: "agent", inboxes: { userIds: [], officeIds: [number.officeId] } };
}

/** The names an earlier campaign's list gave this contact on this number, if any. */
async function knownNames(ctx: QueryCtx, number: Doc<"phoneNumbers">, contact: Doc<"contacts">) {
  const earlier = await ctx.db
    .query("conversations")
    .withIndex("by_numberId_and_contactId_and_campaignId", (q) =>
      q.eq("numberId", number._id).eq("contactId", contact._id),
    )
    .order("desc")
    .take(5);
  const named = earlier.find((c) => c.firstName !== "" || c.lastName !== "");
  return { firstName: named?.firstName ?? "", lastName: named?.lastName ?? "" };
}

export type Route = { conversation: Doc<"conversations"> } | { conversation: null; reason: string };

/**
 * The conversation a text between the number and the contact belongs to (see the module
 * header). `operatedBy` overrides who answers a standing conversation created now (a person
 * starting a 1:1 text answers its replies).
 */
export async function routeConversation(
  ctx: MutationCtx,
  number: Doc<"phoneNumbers">,
  contact: Doc<"contacts">,
  now: number,
  operatedBy?: OperatedBy,
): Promise<Route> {
  if (number.activeCampaignId !== undefined) {
    const current = await campaignConversation(ctx, number.activeCampaignId, contact._id);
    if (current !== null) return { conversation: current };
  }
  if (number.kind === "singleUse") {
    const past =
      number.campaignId === undefined ? null : await campaignConversation(ctx, number.campaignId, contact._id);
    if (past !== null) return { conversation: past };
    return { conversation: null, reason: "single-use number, contact not in its campaign" };
  }
  const standing = await standingConversation(ctx, number._id, contact._id);
  if (standing !== null) return { conversation: standing };
  const settings = unsolicitedSettings(number);
  const id = await insertConversation(ctx, {
    ...{ officeId: number.officeId, numberId: number._id, contactId: contact._id, phone: contact.phone },
    ...(await knownNames(ctx, number, contact)),
    ...{ operatedBy: operatedBy ?? settings.handledBy, inboxes: settings.inboxes, now },
  });
  return { conversation: (await ctx.db.get("conversations", id)) as Doc<"conversations"> };
}
