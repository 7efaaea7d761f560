/** Users, offices and the organization's settings: who may do what, and where. */
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

/** A person who can receive an office's conversations in their personal inbox. */
export const vOfficeMember = v.object({ _id: v.id("users"), name: v.string() });
export type OfficeMember = Infer<typeof vOfficeMember>;

export const vOfficeRow = v.object({ _id: v.id("offices"), name: v.string(), userCount: v.number() });

export const vQuietHours = v.object({ start: v.string(), end: v.string() });
/** The organization's messaging settings (Admin page), defaults filled in. */
export const vOrganizationSettings = v.object({
  name: v.string(),
  helpText: v.string(),
  /** The quiet period in each recipient's local time, "HH:MM": campaign texts stop at `start`, resume at `end`. */
  quietHours: vQuietHours,
  timeZone: v.string(),
});
export type OrganizationSettings = Infer<typeof vOrganizationSettings>;
export type OfficeRow = Infer<typeof vOfficeRow>;
