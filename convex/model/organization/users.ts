/**
 * Users as admins manage them. Accounts are created by admins, never by the public: an admin adds
 * a row (name, email, role, offices); the person then sets a password through Convex Auth's
 * sign-up, which `userForSignUp` links to that row.
 */
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../../_generated/server";
import type { OfficeMember, Role, UserRow, ViewerProfile } from "../../validators";
import type { Viewer } from "./auth";
import { appError } from "../shared/errors";
import { countedOffices, moveOfficeCounts, officeSummaries, requireOffices } from "./offices";
import { cleanName, normalizeEmail } from "../shared/normalize";

/** Convex Auth's id of the Password provider, as stored in `authAccounts.provider`. */
export const PASSWORD_PROVIDER = "password";
/** More users than an organization has; the admin's list stops here. */
export const MAX_USERS = 1000;
const NAME_MAX = 100;

export type NewUser = {
  name: string;
  email: string;
  role: Role;
  officeIds: Id<"offices">[];
  viewOtherOffices: boolean;
};
export type UserChanges = Partial<Omit<NewUser, "email"> & { deactivated: boolean }>;

export async function findUserByEmail(ctx: QueryCtx, email: string): Promise<Doc<"users"> | null> {
  return await ctx.db
    .query("users")
    .withIndex("email", (q) => q.eq("email", email))
    .first();
}

export async function hasPassword(ctx: QueryCtx, userId: Id<"users">): Promise<boolean> {
  const account = await ctx.db
    .query("authAccounts")
    .withIndex("userIdAndProvider", (q) => q.eq("userId", userId).eq("provider", PASSWORD_PROVIDER))
    .first();
  return account !== null;
}

const isActiveAdmin = (user: { role?: Role; deactivated?: boolean }) =>
  user.role === "admin" && user.deactivated !== true;

/** Whether an active admin other than `except` exists. Admins are few: the scan stops at the first. */
export async function hasActiveAdmin(ctx: QueryCtx, except?: Id<"users">): Promise<boolean> {
  for await (const admin of ctx.db.query("users").withIndex("by_role", (q) => q.eq("role", "admin"))) {
    if (admin._id !== except && isActiveAdmin(admin)) return true;
  }
  return false;
}

export async function addUser(ctx: MutationCtx, input: NewUser): Promise<Id<"users">> {
  const name = cleanName(input.name, NAME_MAX, "name");
  const email = normalizeEmail(input.email);
  if ((await findUserByEmail(ctx, email)) !== null)
    throw appError("CONFLICT", `${email} already has a Parley account. Edit that user instead.`);
  const officeIds = await requireOffices(ctx, input.officeIds);
  const userId = await ctx.db.insert("users", {
    name,
    email,
    role: input.role,
    officeIds,
    viewOtherOffices: input.viewOtherOffices,
  });
  await moveOfficeCounts(ctx, [], officeIds);
  return userId;
}

/** Applies an admin's changes. Refuses (LAST_ADMIN) to leave the organization without an active admin. */
export async function updateUser(ctx: MutationCtx, userId: Id<"users">, changes: UserChanges): Promise<void> {
  const user = await ctx.db.get("users", userId);
  if (user === null) throw appError("NOT_FOUND", "That user doesn't exist any more. Refresh the list.");
  const patch: Partial<Doc<"users">> = {};
  if (changes.name !== undefined) patch.name = cleanName(changes.name, NAME_MAX, "name");
  if (changes.role !== undefined) patch.role = changes.role;
  if (changes.officeIds !== undefined) patch.officeIds = await requireOffices(ctx, changes.officeIds);
  if (changes.viewOtherOffices !== undefined) patch.viewOtherOffices = changes.viewOtherOffices;
  if (changes.deactivated !== undefined) patch.deactivated = changes.deactivated;
  const after = { ...user, ...patch };
  if (isActiveAdmin(user) && !isActiveAdmin(after) && !(await hasActiveAdmin(ctx, userId)))
    throw appError(
      "LAST_ADMIN",
      `${user.name ?? "This user"} is the only active administrator. Make someone else an administrator first.`,
    );
  await ctx.db.patch("users", userId, patch);
  await moveOfficeCounts(ctx, countedOffices(user), countedOffices(after));
  if (after.deactivated === true && user.deactivated !== true) await endSessions(ctx, userId);
}

/** Signs a user out everywhere: deletes their sessions and refresh tokens (Convex Auth's tables). */
export async function endSessions(ctx: MutationCtx, userId: Id<"users">): Promise<void> {
  for await (const session of ctx.db.query("authSessions").withIndex("userId", (q) => q.eq("userId", userId))) {
    for await (const token of ctx.db
      .query("authRefreshTokens")
      .withIndex("sessionId", (q) => q.eq("sessionId", session._id))) {
      await ctx.db.delete("authRefreshTokens", token._id);
    }
    await ctx.db.delete("authSessions", session._id);
  }
}

export async function listUsers(ctx: QueryCtx): Promise<UserRow[]> {
  const users = await ctx.db.query("users").withIndex("by_name").take(MAX_USERS);
  const rows = await Promise.all(
    users.map(async (user) => ({
      _id: user._id,
      name: user.name ?? "",
      email: user.email ?? "",
      role: user.role ?? null,
      officeIds: user.officeIds,
      viewOtherOffices: user.viewOtherOffices,
      deactivated: user.deactivated === true,
      hasPassword: await hasPassword(ctx, user._id),
    })),
  );
  return rows.sort((a, b) => a.name.localeCompare(b.name) || a.email.localeCompare(b.email));
}

export async function viewerProfile(ctx: QueryCtx, viewer: Viewer): Promise<ViewerProfile> {
  return {
    _id: viewer._id,
    name: viewer.name ?? "",
    email: viewer.email ?? "",
    role: viewer.role,
    viewOtherOffices: viewer.viewOtherOffices,
    offices: await officeSummaries(ctx, viewer.officeIds),
  };
}

/**
 * Sign-up sets the password of a user an admin added; it never creates a user. Returns the row to
 * link the new password account to, or refuses with a message the sign-up page shows.
 */
export async function userForSignUp(ctx: QueryCtx, rawEmail: string | undefined): Promise<Id<"users">> {
  const user = rawEmail === undefined ? null : await findUserByEmail(ctx, normalizeEmail(rawEmail));
  if (user === null)
    throw appError("FORBIDDEN", "There's no Parley account for this email address. Ask an administrator to add you.");
  if (user.deactivated === true)
    throw appError("FORBIDDEN", "Your account is deactivated. Ask an administrator to reactivate it.");
  if (await hasPassword(ctx, user._id))
    throw appError("CONFLICT", "You've already set a password for this email address. Sign in instead.");
  return user._id;
}

/** A person whose personal inbox can take this office's conversations. */
export function canUseInbox(user: Doc<"users"> | null, officeId: Id<"offices">): boolean {
  return user !== null && user.role !== undefined && user.deactivated !== true && user.officeIds.includes(officeId);
}

/** Active members of the office with a role, sorted by name (the organization's staff: at most MAX_USERS). */
export async function officeMembers(ctx: QueryCtx, officeId: Id<"offices">): Promise<OfficeMember[]> {
  const users = await ctx.db.query("users").withIndex("by_name").take(MAX_USERS);
  return users.filter((user) => canUseInbox(user, officeId)).map((user) => ({ _id: user._id, name: user.name ?? "" }));
}
