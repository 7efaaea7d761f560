/** Offices as every signed-in user sees them. Managing offices is in `admin.ts`. */
import { v } from "convex/values";
import { viewerQuery } from "./functions";
import { readableOffices } from "./model/offices";
import { vOfficeSummary } from "./validators";

/** The offices the viewer may read, sorted by name: their own, or all with "view other offices". */
export const list = viewerQuery({
  args: {},
  returns: v.array(vOfficeSummary),
  handler: async (ctx) => await readableOffices(ctx, ctx.viewer),
});
