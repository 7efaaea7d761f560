/**
 * Writes to phone numbers: recording a number Twilio provisioned (reusable for an office, or
 * single-use for a campaign), editing its settings, and marking it released. The Twilio side of
 * provisioning and releasing is in `provisioning.ts`; these are the transactions around it.
 */
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { NumberKind, UnsolicitedSettings } from "../../validators";
import { appError } from "../shared/errors";
import { releaseBlocker, requireNumber } from "./numbers";
import {
  checkE164,
  checkMessagesPerSecond,
  cleanDescription,
  cleanNumberName,
  cleanUnsolicited,
  displayNumber,
  messagesPerSecondFor,
  numberType,
  DEFAULT_MESSAGES_PER_SECOND,
} from "../shared/numberRules";
import { requireOffices } from "../organization/offices";
import type { ProvisionedNumber } from "./twilioNumbers";

export type NewReusableNumber = {
  officeId: Id<"offices">;
  phoneNumber: string;
  name: string;
  description: string;
  messagesPerSecond?: number;
  unsolicited: UnsolicitedSettings;
};
export type CheckedReusableNumber = {
  officeName: string;
  e164: string;
  name: string;
  description: string;
  messagesPerSecond: number;
  unsolicited: UnsolicitedSettings;
};

/**
 * The inboxes checked: people must exist, be active and be members of the number's office
 * (only they may work its conversations); offices must exist. Throws NOT_FOUND / INVALID.
 */
export async function requireUnsolicited(
  ctx: QueryCtx,
  officeId: Id<"offices">,
  raw: UnsolicitedSettings,
): Promise<UnsolicitedSettings> {
  const settings = cleanUnsolicited(raw);
  const office = await ctx.db.get("offices", officeId);
  if (office === null) throw appError("NOT_FOUND", "That office doesn't exist any more. Refresh and try again.");
  for (const userId of settings.inboxes.userIds) {
    const user = await ctx.db.get("users", userId);
    if (user === null)
      throw appError("NOT_FOUND", "One of the chosen people doesn't exist any more. Refresh and choose again.");
    const name = user.name ?? user.email ?? "A chosen person";
    if (user.deactivated === true || user.role === undefined)
      throw appError("INVALID", `${name} is deactivated and can't receive messages. Choose someone else.`);
    if (!user.officeIds.includes(officeId))
      throw appError(
        "INVALID",
        `${name} isn't a member of ${office.name}; only its members can receive this number's messages.`,
      );
  }
  await requireOffices(ctx, settings.inboxes.officeIds);
  return settings;
}

/** Throws CONFLICT when Parley already holds the number (an active row with this E.164). */
async function requireNotHeld(ctx: QueryCtx, e164: string): Promise<void> {
  const held = await ctx.db
    .query("phoneNumbers")
    .withIndex("by_e164_and_status", (q) => q.eq("e164", e164).eq("status", "active"))
    .first();
  if (held !== null) throw appError("CONFLICT", `${displayNumber(e164)} is already one of Parley's numbers.`);
}

/** Everything about a new reusable number that can be checked before Twilio is asked for it. */
export async function checkReusableNumber(ctx: QueryCtx, input: NewReusableNumber): Promise<CheckedReusableNumber> {
  const office = await ctx.db.get("offices", input.officeId);
  if (office === null) throw appError("NOT_FOUND", "That office doesn't exist any more. Refresh and try again.");
  const e164 = checkE164(input.phoneNumber);
  const checked = {
    officeName: office.name,
    e164,
    name: cleanNumberName(input.name),
    description: cleanDescription(input.description),
    messagesPerSecond: messagesPerSecondFor(e164, input.messagesPerSecond),
    unsolicited: await requireUnsolicited(ctx, input.officeId, input.unsolicited),
  };
  await requireNotHeld(ctx, e164);
  return checked;
}

/** Records a reusable number Twilio provisioned, checking everything again inside the transaction. */
export async function insertReusableNumber(
  ctx: MutationCtx,
  input: NewReusableNumber,
  provisioned: ProvisionedNumber,
  now: number,
): Promise<Id<"phoneNumbers">> {
  const checked = await checkReusableNumber(ctx, { ...input, phoneNumber: provisioned.phoneNumber });
  return await ctx.db.insert("phoneNumbers", {
    officeId: input.officeId,
    e164: checked.e164,
    kind: "reusable",
    name: checked.name,
    description: checked.description,
    messagesPerSecond: checked.messagesPerSecond,
    twilioSid: provisioned.sid,
    status: "active",
    unsolicited: checked.unsolicited,
    provisionedAt: now,
  });
}

export type NumberChanges = { name?: string; description?: string; messagesPerSecond?: number };

export async function updateNumber(
  ctx: MutationCtx,
  number: Doc<"phoneNumbers">,
  changes: NumberChanges,
): Promise<void> {
  if (number.status === "released")
    throw appError("INVALID", `${displayNumber(number.e164)} was released; it can't be edited.`);
  await ctx.db.patch("phoneNumbers", number._id, {
    ...(changes.name !== undefined && { name: cleanNumberName(changes.name) }),
    ...(changes.description !== undefined && { description: cleanDescription(changes.description) }),
    ...(changes.messagesPerSecond !== undefined && {
      messagesPerSecond: checkMessagesPerSecond(changes.messagesPerSecond),
    }),
  });
}

export async function setUnsolicited(
  ctx: MutationCtx,
  number: Doc<"phoneNumbers">,
  settings: UnsolicitedSettings,
): Promise<void> {
  const shown = displayNumber(number.e164);
  if (number.kind !== "reusable")
    throw appError("INVALID", `${shown} is a single-use number: its campaign's settings decide who answers it.`);
  if (number.status === "released") throw appError("INVALID", `${shown} was released; it can't be edited.`);
  await ctx.db.patch("phoneNumbers", number._id, {
    unsolicited: await requireUnsolicited(ctx, number.officeId, settings),
  });
}

/** A campaign that may still get a new number: a draft or a scheduled one. Throws WRONG_STATE. */
export function requireNumberEditable(campaign: Pick<Doc<"campaigns">, "title" | "status">): void {
  if (campaign.status !== "draft" && campaign.status !== "scheduled")
    throw appError(
      "WRONG_STATE",
      `"${campaign.title}" is ${campaign.status}: only a draft or scheduled campaign can get a new phone number.`,
    );
}

/**
 * Records a single-use number Twilio provisioned for the campaign and makes it the campaign's
 * number. Returns the single-use number it replaces (to release), if the campaign had one.
 */
export async function attachSingleUseNumber(
  ctx: MutationCtx,
  campaignId: Id<"campaigns">,
  provisioned: ProvisionedNumber,
  now: number,
): Promise<{ numberId: Id<"phoneNumbers">; replacedNumberId: Id<"phoneNumbers"> | null }> {
  const campaign = await ctx.db.get("campaigns", campaignId);
  if (campaign === null) throw appError("NOT_FOUND", "That campaign doesn't exist any more.");
  requireNumberEditable(campaign);
  const e164 = checkE164(provisioned.phoneNumber);
  await requireNotHeld(ctx, e164);
  const numberId = await ctx.db.insert("phoneNumbers", {
    officeId: campaign.officeId,
    e164,
    kind: "singleUse",
    name: cleanNumberName(campaign.title.trim() === "" ? "Single-use number" : campaign.title.slice(0, 60)),
    description: "",
    messagesPerSecond: DEFAULT_MESSAGES_PER_SECOND[numberType(e164)],
    twilioSid: provisioned.sid,
    status: "active",
    campaignId,
    provisionedAt: now,
  });
  const previous = campaign.numberId ? await ctx.db.get("phoneNumbers", campaign.numberId) : null;
  await ctx.db.patch("campaigns", campaignId, { numberId });
  const replaced = previous?.kind === "singleUse" && previous.campaignId === campaignId && previous.status === "active";
  return { numberId, replacedNumberId: replaced ? previous._id : null };
}

/**
 * First step of releasing: marks the number released, in one transaction with the check that no
 * campaign is active on it or scheduled to use it (IN_USE, naming the campaign), so no launch
 * can claim it while Twilio is asked. Returns what Twilio needs, or null if already released.
 */
export async function markReleased(
  ctx: MutationCtx,
  numberId: Id<"phoneNumbers">,
  onlyKind: NumberKind | undefined,
  now: number,
): Promise<{ twilioSid: string; e164: string } | null> {
  const number = await requireNumber(ctx, numberId);
  if (onlyKind !== undefined && number.kind !== onlyKind) throw new Error(`${numberId} is not a ${onlyKind} number`);
  if (number.status === "released") return null;
  const blocker = await releaseBlocker(ctx, number);
  if (blocker !== null) throw appError("IN_USE", blocker);
  await ctx.db.patch("phoneNumbers", numberId, {
    status: "released",
    releasedAt: now,
    activeCampaignId: undefined,
  });
  return { twilioSid: number.twilioSid, e164: number.e164 };
}

/** Undoes `markReleased` when Twilio refused to release the number: it is still ours. */
export async function unmarkReleased(ctx: MutationCtx, numberId: Id<"phoneNumbers">): Promise<void> {
  const number = await ctx.db.get("phoneNumbers", numberId);
  if (number?.status === "released")
    await ctx.db.patch("phoneNumbers", numberId, { status: "active", releasedAt: undefined });
}
