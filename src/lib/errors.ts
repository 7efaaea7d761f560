/**
 * Turning errors into sentences for people. Backend functions throw
 * `ConvexError({ code, message })` for expected failures: `message` is written for people and shown
 * as is. Anything else is a bug or an outage and gets a generic sentence (details go to the console).
 */
import { ConvexError } from "convex/values";
import { ERROR_CODES, ERROR_MESSAGES, type ErrorCode } from "$convex/model/shared/errors";

export const GENERIC_ERROR = "Something went wrong. Please try again.";

/** The backend's codes for expected failures (convex/model/shared/errors.ts). */
export type { ErrorCode };

const isErrorCode = (code: unknown): code is ErrorCode => ERROR_CODES.includes(code as ErrorCode);

/** The `{ code, message }` a backend function threw, or null for any other error. */
export function convexErrorData(error: unknown): { code: string; message: string } | null {
  if (!(error instanceof ConvexError)) return null;
  const data: unknown = error.data;
  if (typeof data === "string") return { code: "INVALID", message: data };
  if (data === null || typeof data !== "object") return null;
  const code = "code" in data && typeof data.code === "string" ? data.code : null;
  if ("message" in data && typeof data.message === "string" && data.message !== "")
    return { code: code ?? "INVALID", message: data.message };
  // A known code without its own sentence: the backend's general sentence for that code.
  return isErrorCode(code) ? { code, message: ERROR_MESSAGES[code] } : null;
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
