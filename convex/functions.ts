/**
 * The builders every public function uses. Each puts the signed-in `viewer` on ctx and refuses
 * anonymous callers (UNAUTHENTICATED) and users who may not use Parley (FORBIDDEN); the admin
 * builders also require the "users.manage" capability. Internal functions use the plain
 * `internalQuery/internalMutation/internalAction` from `_generated/server`.
 */
import { customAction, customCtx, customMutation, customQuery } from "convex-helpers/server/customFunctions";
import { internal } from "./_generated/api";
import type { Doc } from "./_generated/dataModel";
import { action, mutation, query, type QueryCtx } from "./_generated/server";
import {
  activeViewer,
  checkViewer,
  getViewer,
  requireCapability,
  requireViewer,
  type Viewer,
} from "./model/organization/auth";

async function requireAdmin(ctx: QueryCtx): Promise<Viewer> {
  const viewer = await requireViewer(ctx);
  requireCapability(viewer, "users.manage");
  return viewer;
}

/** The signed-in viewer on ctx, for queries and mutations alike. */
const withViewer = customCtx(async (ctx: QueryCtx) => ({ viewer: await requireViewer(ctx) }));
/** The signed-in viewer on ctx, who must have "users.manage". */
const withAdmin = customCtx(async (ctx: QueryCtx) => ({ viewer: await requireAdmin(ctx) }));

export const viewerQuery = customQuery(query, withViewer);

export const viewerMutation = customMutation(mutation, withViewer);

export const viewerAction = customAction(
  action,
  customCtx(async (ctx): Promise<{ viewer: Viewer }> => {
    const user: Doc<"users"> | null = await ctx.runQuery(internal.viewer.current, {});
    return { viewer: checkViewer(user, (await ctx.auth.getUserIdentity()) !== null) };
  }),
);

export const adminQuery = customQuery(query, withAdmin);

export const adminMutation = customMutation(mutation, withAdmin);

/**
 * Only for queries meant for anonymous callers too (the sign-in page's `viewer.get`): `viewer` is
 * null when signed out, deactivated or without a role. Such a query must return nothing private then.
 */
export const optionalViewerQuery = customQuery(
  query,
  customCtx(async (ctx) => ({ viewer: activeViewer(await getViewer(ctx)) })),
);
