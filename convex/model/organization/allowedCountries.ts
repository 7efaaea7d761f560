/** The organization's allowed countries for contact phone numbers (default US and Canada). */
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import { DEFAULT_ALLOWED_COUNTRIES, countryList, isCountryCode } from "../shared/contactPhone";
import { appError } from "../shared/errors";

/** ISO 3166 codes list imports accept; the default when the organization chose none. */
export async function getAllowedCountries(ctx: QueryCtx): Promise<string[]> {
  const organization = await ctx.db.query("organization").first();
  const chosen = organization?.allowedCountries;
  return chosen !== undefined && chosen.length > 0 ? chosen : [...DEFAULT_ALLOWED_COUNTRIES];
}

/** Codes uppercased, each known and listed once; throws INVALID naming an unknown code or an empty choice. */
export function cleanCountries(countries: readonly string[]): string[] {
  const codes = [...new Set(countries.map((c) => c.trim().toUpperCase()).filter((c) => c !== ""))];
  const unknown = codes.filter((c) => !isCountryCode(c));
  if (unknown.length > 0)
    throw appError("INVALID", `Use two-letter country codes such as US or CA; ${unknown.join(", ")} isn't one.`);
  if (codes.length === 0) throw appError("INVALID", "Choose at least one country whose phone numbers lists may hold.");
  return codes;
}

/** Sets the allowed countries; returns how they read ("US, Canada"). */
export async function setAllowedCountries(ctx: MutationCtx, countries: readonly string[]): Promise<string> {
  const codes = cleanCountries(countries);
  const organization = await ctx.db.query("organization").first();
  if (organization === null)
    throw appError("NOT_FOUND", "The organization isn't set up yet. Run the seed, then set the countries.");
  await ctx.db.patch("organization", organization._id, { allowedCountries: codes });
  return countryList(codes);
}
