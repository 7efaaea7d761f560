/**
 * Who may do what. Every public function authorizes through these helpers (via the wrappers in
 * `functions.ts`); the role matrix of PRODUCT.md is the `CAPABILITIES` table below, as data, so
 * each feature asks `can(viewer, "…")` instead of naming roles.
 *
 * Offices: a user reads the offices they belong to; `viewOtherOffices` adds read-only access to
 * every office and never grants writing. Admins manage users and offices org-wide, but for office
 * data (campaigns, lists, numbers, inboxes) they are scoped to their offices like everyone else.
 */
import { getAuthUserId } from "@convex-dev/auth/server";
import type { Doc, Id } from "../../_generated/dataModel";
import type { QueryCtx } from "../../_generated/server";
import type { Role } from "../../validators";
import { appError } from "../shared/errors";

/** A signed-in user who may use Parley: provisioned with a role and not deactivated. */
export type Viewer = Doc<"users"> & { role: Role };

export const ROLE_LABELS: Record<Role, string> = { admin: "Admin", standard: "Standard", limited: "Limited" };

const ALL: readonly Role[] = ["admin", "standard", "limited"];
const STAFF: readonly Role[] = ["admin", "standard"];
const ADMIN: readonly Role[] = ["admin"];

/** PRODUCT.md's role matrix. `does` completes "Your role can't …" in error messages. */
export const CAPABILITIES = {
  "campaigns.read": { roles: ALL, does: "see campaigns" },
  "calendar.otherOffices": { roles: STAFF, does: "see other offices' scheduled campaigns" },
  "campaigns.write": { roles: STAFF, does: "create, edit, schedule, launch, end or archive campaigns" },
  // Supervising = the people who run campaigns; Limited users read a campaign's Analytics tab.
  "analytics.dashboard": { roles: STAFF, does: "see the supervisor dashboard" },
  "conversations.reply": { roles: ALL, does: "reply to conversations" },
  "conversations.manage": { roles: ALL, does: "switch conversations between agent and VA, tag them or mark them" },
  "contacts.optOut": { roles: ALL, does: "opt a contact out" },
  "oneToOne.start": { roles: STAFF, does: "start a 1:1 text" },
  "lists.write": { roles: STAFF, does: "upload or edit contact lists" },
  "knowledge.write": { roles: STAFF, does: "change the Virtual Assistant's knowledge base" },
  "numbers.provision": { roles: ADMIN, does: "provision phone numbers" },
  "numbers.unsolicitedSettings": { roles: ADMIN, does: "change a number's unsolicited-message settings" },
  "contacts.optOutLift": { roles: ADMIN, does: "lift an opt-out" },
  "users.manage": { roles: ADMIN, does: "manage users, roles and offices" },
} as const satisfies Record<string, { roles: readonly Role[]; does: string }>;
export type Capability = keyof typeof CAPABILITIES;

/** The signed-in user's document, or null when signed out (or the token names no user). */
export async function getViewer(ctx: QueryCtx): Promise<Doc<"users"> | null> {
  const subject = await getAuthUserId(ctx);
  const userId = subject === null ? null : ctx.db.normalizeId("users", subject);
  return userId === null ? null : await ctx.db.get("users", userId);
}

/** The user if they may use Parley (has a role, not deactivated), else null. */
export function activeViewer(user: Doc<"users"> | null): Viewer | null {
  if (user === null || user.role === undefined || user.deactivated === true) return null;
  return user as Viewer;
}

/**
 * Refuses anyone who may not use Parley: signed out (UNAUTHENTICATED), or signed in but without a
 * role or deactivated (FORBIDDEN). Shared by queries, mutations and actions.
 */
export function checkViewer(user: Doc<"users"> | null, signedIn: boolean): Viewer {
  if (!signedIn || user === null) throw appError("UNAUTHENTICATED", "Sign in to continue.");
  if (user.deactivated === true)
    throw appError("FORBIDDEN", "Your account is deactivated. Ask an administrator to reactivate it.");
  const viewer = activeViewer(user);
  if (viewer === null) throw appError("FORBIDDEN", "You have no role yet. Ask an administrator to give you one.");
  return viewer;
}

export async function requireViewer(ctx: QueryCtx): Promise<Viewer> {
  const user = await getViewer(ctx);
  return checkViewer(user, (await ctx.auth.getUserIdentity()) !== null);
}

export function requireRole(viewer: Viewer, ...roles: Role[]): void {
  if (!roles.includes(viewer.role))
    throw appError("FORBIDDEN", `Your role (${ROLE_LABELS[viewer.role]}) can't do this. Ask an administrator.`);
}

export function can(viewer: Viewer, capability: Capability): boolean {
  return (CAPABILITIES[capability].roles as readonly Role[]).includes(viewer.role);
}

export function requireCapability(viewer: Viewer, capability: Capability): void {
  if (!can(viewer, capability))
    throw appError(
      "FORBIDDEN",
      `Your role (${ROLE_LABELS[viewer.role]}) can't ${CAPABILITIES[capability].does}. Ask an administrator.`,
    );
}

/** Members of an office read it; `viewOtherOffices` reads every office. */
export function canReadOffice(viewer: Viewer, officeId: Id<"offices">): boolean {
  return viewer.viewOtherOffices || viewer.officeIds.includes(officeId);
}

export function requireOfficeRead(viewer: Viewer, officeId: Id<"offices">): void {
  if (!canReadOffice(viewer, officeId))
    throw appError("FORBIDDEN", "That belongs to an office you're not a member of. Ask an administrator to add you.");
}

/** Writing needs membership of the office and a role with the capability; viewOtherOffices never suffices. */
export function requireOfficeWrite(viewer: Viewer, officeId: Id<"offices">, capability: Capability): void {
  requireCapability(viewer, capability);
  if (!viewer.officeIds.includes(officeId))
    throw appError("FORBIDDEN", "You can only change things in your own offices. Ask an administrator to add you.");
}
