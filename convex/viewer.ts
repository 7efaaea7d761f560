/** Who is signed in. `get` never throws: the sign-in page asks it too. */
import { doc } from "convex-helpers/validators";
import { v } from "convex/values";
import { internalQuery } from "./_generated/server";
import { optionalViewerQuery } from "./functions";
import { getViewer } from "./model/organization/auth";
import { viewerProfile } from "./model/organization/users";
import schema from "./schema";
import { vViewerProfile } from "./validators";

/** The signed-in user with their offices, or null when signed out, deactivated or without a role. */
export const get = optionalViewerQuery({
  args: {},
  returns: v.union(v.null(), vViewerProfile),
  handler: async (ctx) => (ctx.viewer === null ? null : await viewerProfile(ctx, ctx.viewer)),
});

/** The caller's user document, for actions (which have no db) to authorize with. */
export const current = internalQuery({
  args: {},
  returns: v.union(v.null(), doc(schema, "users")),
  handler: async (ctx) => await getViewer(ctx),
});
