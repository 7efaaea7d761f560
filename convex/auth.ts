/**
 * Convex Auth with email + password. Accounts are created by admins, never by the public:
 * "signUp" only sets the password of a user an admin added (see `userForSignUp`), and no session
 * starts for a deactivated user or one without a role.
 */
import { Password } from "@convex-dev/auth/providers/Password";
import { convexAuth } from "@convex-dev/auth/server";
import type { MutationCtx } from "./_generated/server";
import { checkViewer } from "./model/organization/auth";
import { userForSignUp } from "./model/organization/users";
import { requireValidPassword, normalizeEmail } from "./model/shared/normalize";

export const { auth, signIn, signOut, store, isAuthenticated } = convexAuth({
  providers: [
    Password({
      // The account id is the normalized email, so "Sam@Parley.test " signs in as sam@parley.test.
      profile: (params) => ({ email: normalizeEmail(typeof params.email === "string" ? params.email : "") }),
      validatePasswordRequirements: requireValidPassword,
    }),
  ],
  callbacks: {
    async createOrUpdateUser(ctx, args) {
      if (args.existingUserId !== null) return args.existingUserId;
      return await userForSignUp(ctx as unknown as MutationCtx, args.profile.email);
    },
    async beforeSessionCreation(ctx, { userId }) {
      checkViewer(await (ctx as unknown as MutationCtx).db.get("users", userId), true);
    },
  },
});
