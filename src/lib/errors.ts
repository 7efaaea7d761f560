/**
 * Turning errors into sentences for people. Backend functions throw
 * `ConvexError({ code, message })` for expected failures: `message` is written for people and shown
 * as is. Anything else is a bug or an outage and gets a generic sentence (details go to the console).
 */
import { ConvexError } from "convex/values";

export const GENERIC_ERROR = "Something went wrong. Please try again.";

export type ErrorCode = "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND" | "INVALID" | "CONFLICT" | "LAST_ADMIN";

/** The `{ code, message }` a backend function threw, or null for any other error. */
export function convexErrorData(error: unknown): { code: string; message: string } | null {
  if (!(error instanceof ConvexError)) return null;
  const data: unknown = error.data;
  if (typeof data === "string") return { code: "INVALID", message: data };
  if (data !== null && typeof data === "object" && "message" in data && typeof data.message === "string") {
    const code = "code" in data && typeof data.code === "string" ? data.code : "INVALID";
    return { code, message: data.message };
  }
  return null;
}

/** True for failures to reach the server at all (fetch rejects with TypeError). */
export function isNetworkError(error: unknown): boolean {
  return error instanceof TypeError;
}

/** The sentence to show a person for `error`. */
export function errorMessage(error: unknown, fallback = GENERIC_ERROR): string {
  const data = convexErrorData(error);
  if (data) return data.message;
  if (isNetworkError(error)) return "Couldn't reach the server. Check your connection and try again.";
  console.error(error);
  return fallback;
}
