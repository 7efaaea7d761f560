/** Every table of Parley. Each table's comment says who writes it and who reads it. */
import { authTables } from "@convex-dev/auth/server";
import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";
import { vRole } from "./validators";

export default defineSchema({
  ...authTables,
  // Writes: admins (admin.addUser/updateUser), seed; Convex Auth links sign-up to an existing row.
  // Reads: every authorization check (model/auth), viewer.get, admin.listUsers, Convex Auth.
  users: defineTable({
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
  })
    .index("email", ["email"])
    .index("phone", ["phone"])
    .index("by_role", ["role"])
    .index("by_name", ["name"]),
  // Writes: admins (admin.createOffice/renameOffice), seed; userCount is kept by user writes.
  // Reads: offices.list, viewer.get, admin.listOffices, office checks in model/auth.
  offices: defineTable({
    name: v.string(),
    /** Active users assigned to the office, maintained on every user write. */
    userCount: v.number(),
  }).index("by_name", ["name"]),
  // Writes: seed (one row). Reads: HELP replies and anything showing the organization's name.
  organization: defineTable({
    name: v.string(),
    helpText: v.string(),
  }),
});
