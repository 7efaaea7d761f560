/**
 * The organization's messaging settings an admin changes on the Admin page: the HELP answer
 * (`model/conversations/inbound.ts` sends it) and the quiet hours campaign sends wait out (`model/sending/quietHours.ts`).
 * Both live on the one `organization` row, which only the seed creates.
 */
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { OrganizationSettings } from "../../validators";
import { appError } from "../shared/errors";
import { quietSettings, type QuietHours } from "../sending/quietHours";

/** A HELP answer is one text: short enough to stay within two segments (GSM-7, 2 × 153 = 306 + margin). */
export const HELP_TEXT_MAX = 320;

/** The settings with defaults filled in; null before the organization is set up. */
export async function organizationSettings(ctx: QueryCtx): Promise<OrganizationSettings | null> {
  const organization = await ctx.db.query("organization").first();
  if (organization === null) return null;
  const { quietHours, timeZone } = quietSettings(organization);
  return { name: organization.name, helpText: organization.helpText, quietHours, timeZone };
}

async function requireOrganization(ctx: MutationCtx) {
  const organization = await ctx.db.query("organization").first();
  if (organization === null)
    throw appError("NOT_FOUND", "The organization isn't set up yet. Run the seed, then change its settings.");
  return organization;
}

/** Trimmed help text, 1–320 characters; throws INVALID. */
export function cleanHelpText(text: string): string {
  const trimmed = text.trim();
  if (trimmed === "") throw appError("INVALID", "Write the text contacts get when they reply HELP.");
  if (trimmed.length > HELP_TEXT_MAX)
    throw appError(
      "INVALID",
      `Shorten the help text to ${HELP_TEXT_MAX} characters or fewer (it has ${trimmed.length.toLocaleString("en-US")}).`,
    );
  return trimmed;
}

/**
 * A time of day as stored ("HH:MM", 24-hour) from a whole hour ("8", "21") or "H:MM" / "HH:MM";
 * throws INVALID naming what was typed and which end it is.
 */
export function parseTimeOfDay(value: string, which: "start" | "end"): string {
  const typed = value.trim();
  const m = /^(\d{1,2})(?::(\d{2}))?$/.exec(typed);
  const hour = m ? Number(m[1]) : NaN;
  const minute = m?.[2] === undefined ? 0 : Number(m[2]);
  if (!m || hour > 23 || minute > 59)
    throw appError(
      "INVALID",
      `"${typed.slice(0, 20)}" isn't a time of day for when quiet hours ${which === "start" ? "start" : "end"}. Enter a whole hour from 0 to 23 or a time like 21:00.`,
    );
  return `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
}

/** Sets the HELP answer; returns it as stored. */
export async function setHelpText(ctx: MutationCtx, text: string): Promise<string> {
  const helpText = cleanHelpText(text);
  const organization = await requireOrganization(ctx);
  await ctx.db.patch("organization", organization._id, { helpText });
  return helpText;
}

/**
 * Sets the quiet period (`start`: campaign texts stop; `end`: they resume), in each recipient's
 * local time. Equal times mean no quiet hours. Texts already queued keep their due time and are
 * checked against the new hours when the sender claims them. Returns the hours as stored.
 */
export async function setQuietHours(ctx: MutationCtx, hours: QuietHours): Promise<QuietHours> {
  const quietHours = { start: parseTimeOfDay(hours.start, "start"), end: parseTimeOfDay(hours.end, "end") };
  const organization = await requireOrganization(ctx);
  await ctx.db.patch("organization", organization._id, { quietHours });
  return quietHours;
}
