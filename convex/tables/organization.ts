/** Tables of people and places: users, offices and the organization's settings. */
import { defineTable } from "convex/server";
import { v } from "convex/values";
import { vQuietHours, vRole } from "../validation/shared";

export const userFields = {
  // Convex Auth's fields, all optional as it requires.
  name: v.optional(v.string()),
  image: v.optional(v.string()),
  email: v.optional(v.string()),
  emailVerificationTime: v.optional(v.number()),
  phone: v.optional(v.string()),
  phoneVerificationTime: v.optional(v.number()),
  isAnonymous: v.optional(v.boolean()),
  // Parley's fields. A user without a role cannot use the app.
  role: v.optional(vRole),
  officeIds: v.array(v.id("offices")),
  viewOtherOffices: v.boolean(),
  deactivated: v.optional(v.boolean()),
};

export const officeFields = {
  name: v.string(),
  /** Active users assigned to the office, maintained on every user write. */
  userCount: v.number(),
};

export const organizationFields = {
  name: v.string(),
  helpText: v.string(),
  /** ISO 3166 codes of the countries list imports accept; absent means US and Canada. */
  allowedCountries: v.optional(v.array(v.string())),
  /** When campaign sends are held, in the recipient's local time ("HH:MM"); absent = 21:00 → 08:00. */
  quietHours: v.optional(vQuietHours),
  /** IANA zone for recipients whose area code tells none; absent = America/New_York. */
  timeZone: v.optional(v.string()),
};

export const organizationTables = {
  // Writes: admins (admin.addUser/updateUser), seed; Convex Auth links sign-up to an existing row.
  // Reads: every authorization check (model/organization/auth), viewer.get, admin.listUsers, Convex Auth.
  users: defineTable(userFields)
    .index("email", ["email"])
    .index("phone", ["phone"])
    .index("by_role", ["role"])
    .index("by_name", ["name"]),
  // Writes: admins (admin.createOffice/renameOffice), seed; userCount is kept by user writes.
  // Reads: offices.list, viewer.get, admin.listOffices, office checks in model/organization/auth.
  offices: defineTable(officeFields).index("by_name", ["name"]),
  // Writes: seed (one row), admins (allowed countries). Reads: HELP replies, the organization's name, list imports.
  organization: defineTable(organizationFields),
};
