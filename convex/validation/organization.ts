/** Users, offices and the organization's settings: who may do what, and where. */
import { pick } from "convex-helpers";
import { v, type Infer } from "convex/values";
import { officeFields, organizationFields, userFields } from "../tables/organization";
import { vQuietHours, vRole } from "./shared";

export const vOfficeSummary = v.object({ _id: v.id("offices"), ...pick(officeFields, ["name"]) });
export type OfficeSummary = Infer<typeof vOfficeSummary>;

/** A person by name: who created a campaign, who receives conversations in their personal inbox. */
export const vUserSummary = v.object({ _id: v.id("users"), name: v.string() });
export type UserSummary = Infer<typeof vUserSummary>;

/** A person who can receive an office's conversations in their personal inbox. */
export const vOfficeMember = vUserSummary;
export type OfficeMember = Infer<typeof vOfficeMember>;

/** The inboxes a campaign or conversation is routed to, by name. */
export const vInboxNames = v.object({ users: v.array(vUserSummary), offices: v.array(vOfficeSummary) });

/** What `viewer.get` returns for a signed-in, provisioned, active user. */
export const vViewerProfile = v.object({
  ...vUserSummary.fields,
  email: v.string(),
  role: vRole,
  ...pick(userFields, ["viewOtherOffices"]),
  offices: v.array(vOfficeSummary),
});
export type ViewerProfile = Infer<typeof vViewerProfile>;

/** A row of the admin's user table. `role` is null only for a user no admin has given one. */
export const vUserRow = v.object({
  ...vUserSummary.fields,
  email: v.string(),
  role: v.nullable(vRole),
  ...pick(userFields, ["officeIds", "viewOtherOffices"]),
  deactivated: v.boolean(),
  hasPassword: v.boolean(),
});
export type UserRow = Infer<typeof vUserRow>;

export const vOfficeRow = v.object({ _id: v.id("offices"), ...officeFields });
export type OfficeRow = Infer<typeof vOfficeRow>;

/** The organization's messaging settings (Admin page), defaults filled in. */
export const vOrganizationSettings = v.object({
  ...pick(organizationFields, ["name", "helpText"]),
  /** The quiet period in each recipient's local time, "HH:MM": campaign texts stop at `start`, resume at `end`. */
  quietHours: vQuietHours,
  timeZone: v.string(),
});
export type OrganizationSettings = Infer<typeof vOrganizationSettings>;
