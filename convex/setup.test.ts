/// <reference types="vite/client" />
/**
 * Not a test file: the helpers convex/*.test.ts share. It is named like a test so that nothing
 * deploys, loads or bundles it (the Convex CLI, the local backend and scripts/check-bundle.ts all
 * skip test files: it imports convex-test, which needs Node); vitest.config.ts leaves it out of runs.
 */
import { convexTest, type TestConvex } from "convex-test";
import { exportJWK, exportPKCS8, generateKeyPair } from "jose";
import type { Id } from "./_generated/dataModel";
import schema from "./schema";
import type { Role } from "./validators";

/** Every function module, as convex-test wants them (files with two dots, like tests, left out). */
export const modules = import.meta.glob(["./**/*.*s", "!./**/*.*.*s"]);

export type T = TestConvex<typeof schema>;
/** `t` or `t.withIdentity(…)`: anything that calls functions. */
export type Caller = ReturnType<T["withIdentity"]>;

/** A fresh deployment with Convex's transaction limits enforced; `extra` adds test-only modules. */
export function newTest(extra: Record<string, () => Promise<unknown>> = {}): T {
  return convexTest({ schema, modules: { ...modules, ...extra }, transactionLimits: true });
}

export async function insertOffice(t: T, name: string): Promise<Id<"offices">> {
  return await t.run(async (ctx) => await ctx.db.insert("offices", { name, userCount: 0 }));
}

type UserFields = {
  name?: string;
  email?: string;
  role?: Role;
  officeIds?: Id<"offices">[];
  viewOtherOffices?: boolean;
  deactivated?: boolean;
};

let emails = 0;
/** A user row as an admin would have added it (defaults: Standard, no offices). */
export async function insertUser(t: T, fields: UserFields = {}): Promise<Id<"users">> {
  emails += 1;
  const user = {
    name: `User ${emails}`,
    email: `user${emails}@parley.test`,
    officeIds: [],
    viewOtherOffices: false,
    ...("role" in fields ? {} : { role: "standard" as const }),
    ...fields,
  };
  return await t.run(async (ctx) => await ctx.db.insert("users", user));
}

/** `t` signed in as the user, with a real Convex Auth session behind the token's subject. */
export async function signedInAs(t: T, userId: Id<"users">) {
  const sessionId = await t.run(
    async (ctx) => await ctx.db.insert("authSessions", { userId, expirationTime: Date.now() + 3_600_000 }),
  );
  return t.withIdentity({ subject: `${userId}|${sessionId}` });
}

/** What a call threw: the ConvexError's `data` (parsed), and the error itself; null when it did not throw. */
async function thrown(
  call: Promise<unknown>,
): Promise<{ data: { code?: unknown; message?: unknown } | undefined; error: Error } | null> {
  try {
    await call;
    return null;
  } catch (error) {
    const data = (error as { data?: unknown }).data;
    const parsed = typeof data === "string" ? (JSON.parse(data) as unknown) : data;
    return { data: parsed as { code?: unknown; message?: unknown } | undefined, error: error as Error };
  }
}

/** The `code` of the ConvexError a call threw, "OK" when it did not throw, or the plain error's message. */
export async function codeOf(call: Promise<unknown>): Promise<string> {
  const t = await thrown(call);
  if (t === null) return "OK";
  return typeof t.data?.code === "string" ? t.data.code : `plain error: ${t.error.message}`;
}

/** The message of the ConvexError a call threw (its `data.message`), or the plain error's message. */
export async function messageOf(call: Promise<unknown>): Promise<string> {
  const t = await thrown(call);
  if (t === null) return "OK";
  return typeof t.data?.message === "string" ? t.data.message : t.error.message;
}

let keys: Promise<Record<string, string>> | null = null;
/** The environment Convex Auth needs to issue tokens, with a fresh RS256 key (made once per file). */
export async function authEnvironment(): Promise<Record<string, string>> {
  keys ??= (async () => {
    const pair = await generateKeyPair("RS256", { extractable: true });
    const privateKey = await exportPKCS8(pair.privateKey);
    const jwk = await exportJWK(pair.publicKey);
    return {
      JWT_PRIVATE_KEY: privateKey.trimEnd().replace(/\n/g, " "),
      JWKS: JSON.stringify({ keys: [{ use: "sig", ...jwk }] }),
      SITE_URL: "http://localhost:5173",
      CONVEX_SITE_URL: "https://parley-test.convex.site",
      AUTH_LOG_LEVEL: "ERROR",
    };
  })();
  return await keys;
}
