/**
 * Calling a deployment's functions as a client would: who is calling, what a call returns,
 * which functions a caller may see, and the errors a deployment reports.
 */
import { randomBytes } from "node:crypto";
import { convexToJson, jsonToConvex, type JSONValue, type Value } from "convex/values";
import type { Runtime } from "./internals-runtime.ts";
import { kindOfFunction, parseUdfPath, type FunctionKind } from "./jobs.ts";
import type { LoadedProject } from "./loader.ts";

export type Caller =
  | { kind: "none" }
  | { kind: "user"; identity: Record<string, unknown>; token: string; expiresAt?: number }
  | { kind: "admin"; identity?: Record<string, unknown> };

export interface Outcome {
  ok: boolean;
  value?: JSONValue;
  errorMessage?: string;
  errorData?: JSONValue;
  logLines: string[];
}

export class FunctionNotFound extends Error {}

/** Resolves a client-callable function or throws FunctionNotFound with the deployment's message. */
export function resolveFunction(
  project: LoadedProject,
  udfPath: string,
  kind: FunctionKind | "any",
  caller: Caller,
): { kind: FunctionKind; canonical: string } {
  const { canonical } = parseUdfPath(udfPath);
  const { module, name } = parseUdfPath(udfPath);
  const fn = (project.modules.get(module)?.[name] as Record<string, unknown> | undefined) ?? null;
  const actual = fn ? kindOfFunction(fn) : null;
  const visible = actual !== null && (fn?.isPublic === true || caller.kind === "admin");
  if (!visible) {
    throw new FunctionNotFound(
      `Could not find public function for '${canonical}'. Did you forget to run \`npx convex dev\` or \`npx convex deploy\`?`,
    );
  }
  if (kind !== "any" && kind !== actual) {
    const label = (k: string) => k[0].toUpperCase() + k.slice(1);
    throw new FunctionNotFound(
      `Trying to execute ${canonical} as ${label(kind)}, but it is defined as ${label(actual)}.`,
    );
  }
  return { kind: actual, canonical };
}

/** The convex-test entry points (`queryFromPath`, …) acting as `caller`. */
export function callerApi(
  runtime: Runtime,
  caller: Caller,
): Record<string, (fp: { componentPath: string; udfPath: string }, args: unknown) => Promise<unknown>> {
  const identity =
    caller.kind === "user" ? caller.identity : caller.kind === "admin" ? (caller.identity ?? null) : null;
  const token = caller.kind === "user" ? caller.token : null;
  return runtime.caller(identity, token) as unknown as Record<
    string,
    (fp: { componentPath: string; udfPath: string }, args: unknown) => Promise<unknown>
  >;
}

/** The error fields a deployment reports for a failed function. */
export function describeError(error: unknown): { ok: false; errorMessage: string; errorData?: JSONValue } {
  const e = error as { message?: string; data?: unknown; name?: string } | null;
  const isConvexError =
    e !== null && typeof e === "object" && (Symbol.for("ConvexError") in e || e.name === "ConvexError");
  if (isConvexError) {
    const data = typeof e.data === "string" ? (safeParse(e.data) ?? e.data) : e.data;
    return {
      ok: false,
      errorMessage: serverError(`Uncaught ConvexError: ${e.message ?? ""}`),
      errorData: convexToJson((data ?? null) as Value),
    };
  }
  return { ok: false, errorMessage: serverError(`Uncaught Error: ${e?.message ?? String(error)}`) };
}

/** A deployment's error text: a request id, "Server Error", then what went wrong. */
export function serverError(message: string): string {
  return `[Request ID: ${randomBytes(8).toString("hex")}] Server Error\n${message}`;
}

function safeParse(text: string): unknown {
  try {
    return jsonToConvex(JSON.parse(text) as JSONValue);
  } catch {
    return undefined;
  }
}
