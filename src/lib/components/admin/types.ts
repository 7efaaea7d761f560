import type { FunctionReturnType } from "convex/server";
import type { api } from "$convex/_generated/api";

export type AdminUser = FunctionReturnType<typeof api.admin.listUsers>[number];
export type AdminOffice = FunctionReturnType<typeof api.admin.listOffices>[number];
export type OfficeId = AdminOffice["_id"];

export type UserStatus = "Invited" | "Active" | "Deactivated";

/** Invited: added by an admin, no password set yet; Deactivated wins over both. */
export function userStatus(user: Pick<AdminUser, "deactivated" | "hasPassword">): UserStatus {
  if (user.deactivated) return "Deactivated";
  return user.hasPassword ? "Active" : "Invited";
}
