/** Administering the organization: users, roles, offices and messaging settings. Admins only, org-wide. */
import { v } from "convex/values";
import { adminMutation, adminQuery } from "./functions";
import { setAllowedCountries as patchAllowedCountries } from "./model/organization/allowedCountries";
import {
  organizationSettings,
  setHelpText as patchHelpText,
  setQuietHours as patchQuietHours,
} from "./model/organization/settings";
import { createOffice as insertOffice, officeRows, renameOffice as patchOffice } from "./model/organization/offices";
import { addUser as insertUser, listUsers as userRows, updateUser as patchUser } from "./model/organization/users";
import { vOfficeRow, vOrganizationSettings, vQuietHours, vRole, vUserRow } from "./validators";

export const listUsers = adminQuery({
  args: {},
  returns: v.array(vUserRow),
  handler: async (ctx) => await userRows(ctx),
});

export const listOffices = adminQuery({
  args: {},
  returns: v.array(vOfficeRow),
  handler: async (ctx) => await officeRows(ctx),
});

/** Adds a person; they then set their password by signing up with this email. */
export const addUser = adminMutation({
  args: {
    name: v.string(),
    email: v.string(),
    role: vRole,
    officeIds: v.array(v.id("offices")),
    viewOtherOffices: v.boolean(),
  },
  returns: v.id("users"),
  handler: async (ctx, args) => await insertUser(ctx, args),
});

export const updateUser = adminMutation({
  args: {
    userId: v.id("users"),
    name: v.optional(v.string()),
    role: v.optional(vRole),
    officeIds: v.optional(v.array(v.id("offices"))),
    viewOtherOffices: v.optional(v.boolean()),
    deactivated: v.optional(v.boolean()),
  },
  returns: v.null(),
  handler: async (ctx, { userId, ...changes }) => {
    await patchUser(ctx, userId, changes);
    return null;
  },
});

export const createOffice = adminMutation({
  args: { name: v.string() },
  returns: v.id("offices"),
  handler: async (ctx, { name }) => await insertOffice(ctx, name),
});

export const renameOffice = adminMutation({
  args: { officeId: v.id("offices"), name: v.string() },
  returns: v.null(),
  handler: async (ctx, { officeId, name }) => {
    await patchOffice(ctx, officeId, name);
    return null;
  },
});

/** The countries whose phone numbers contact lists accept (ISO codes, e.g. ["US", "CA"]). Returns how they read. */
export const setAllowedCountries = adminMutation({
  args: { countries: v.array(v.string()) },
  returns: v.string(),
  handler: async (ctx, { countries }) => await patchAllowedCountries(ctx, countries),
});

/** The organization's HELP answer and quiet hours (defaults filled in); null before the seed ran. */
export const organization = adminQuery({
  args: {},
  returns: v.union(vOrganizationSettings, v.null()),
  handler: async (ctx) => await organizationSettings(ctx),
});

/** What contacts get when they text HELP or INFO: trimmed, 1–320 characters. Returns it as stored. */
export const setHelpText = adminMutation({
  args: { text: v.string() },
  returns: v.string(),
  handler: async (ctx, { text }) => await patchHelpText(ctx, text),
});

/** When campaign texts pause (`start`) and resume (`end`), whole hours ("21") or "HH:MM". Returns them as stored. */
export const setQuietHours = adminMutation({
  args: vQuietHours.fields,
  returns: vQuietHours,
  handler: async (ctx, hours) => await patchQuietHours(ctx, hours),
});
