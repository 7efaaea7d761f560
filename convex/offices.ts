/** Offices as every signed-in user sees them. Managing offices is in `admin.ts`. */
import { v } from "convex/values";
import { viewerQuery } from "./functions";
import { requireOfficeRead } from "./model/organization/auth";
import { readableOffices } from "./model/organization/offices";
import { officeMembers } from "./model/organization/users";
import { vOfficeMember, vOfficeSummary } from "./validators";

/** The offices the viewer may read, sorted by name: their own, or all with "view other offices". */
export const list = viewerQuery({
  args: {},
  returns: v.array(vOfficeSummary),
  handler: async (ctx) => await readableOffices(ctx, ctx.viewer),
});

/**
 * The people whose personal inboxes can take this office's conversations (active members with a
 * role), by name: the wizard's inbox picker. Anyone who reads the office may ask.
 */
export const members = viewerQuery({
  args: { officeId: v.id("offices") },
  returns: v.array(vOfficeMember),
  handler: async (ctx, { officeId }) => {
    requireOfficeRead(ctx.viewer, officeId);
    return await officeMembers(ctx, officeId);
  },
});
