import type { Role } from "$convex/validators";

export type { Role };

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Admin",
  standard: "Standard",
  limited: "Limited",
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  admin: "Everything, including users, offices, numbers and lifting opt-outs",
  standard: "Create and run campaigns, upload lists, work the inbox",
  limited: "Read campaigns and work the inbox",
};

/** The label for a role; a user an admin has not given one yet has none. */
export function roleLabel(role: Role | null): string {
  return role === null ? "No role" : ROLE_LABELS[role];
}

/** Whether the role sees the supervisor dashboard (the backend's "analytics.dashboard" capability). */
export function canSupervise(role: Role | null): boolean {
  return role === "admin" || role === "standard";
}
