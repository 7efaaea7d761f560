/** Validators shared by the schema and the public API, each with its TypeScript type. */
import { v, type Infer } from "convex/values";

export const vRole = v.union(v.literal("admin"), v.literal("standard"), v.literal("limited"));
export type Role = Infer<typeof vRole>;

export const vOfficeSummary = v.object({ _id: v.id("offices"), name: v.string() });
export type OfficeSummary = Infer<typeof vOfficeSummary>;

/** What `viewer.get` returns for a signed-in, provisioned, active user. */
export const vViewerProfile = v.object({
  _id: v.id("users"),
  name: v.string(),
  email: v.string(),
  role: vRole,
  viewOtherOffices: v.boolean(),
  offices: v.array(vOfficeSummary),
});
export type ViewerProfile = Infer<typeof vViewerProfile>;

/** A row of the admin's user table. `role` is null only for a user no admin has given one. */
export const vUserRow = v.object({
  _id: v.id("users"),
  name: v.string(),
  email: v.string(),
  role: v.union(vRole, v.null()),
  officeIds: v.array(v.id("offices")),
  viewOtherOffices: v.boolean(),
  deactivated: v.boolean(),
  hasPassword: v.boolean(),
});
export type UserRow = Infer<typeof vUserRow>;

export const vOfficeRow = v.object({ _id: v.id("offices"), name: v.string(), userCount: v.number() });
export type OfficeRow = Infer<typeof vOfficeRow>;
