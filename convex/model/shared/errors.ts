/**
 * Expected failures: every public function throws `ConvexError({ code, message })` with one of
 * these codes. `message` says what to fix in this case; `ERROR_MESSAGES` is the UI's general
 * sentence per code, for when it has nothing more specific to show.
 */
import { ConvexError } from "convex/values";

export const ERROR_CODES = [
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "INVALID",
  "CONFLICT",
  "LAST_ADMIN",
  "WRONG_STATE",
  "NOT_READY",
  "IN_USE",
  "NUMBER_UNAVAILABLE",
  "TWILIO",
  "LIST_IMPORTING",
  "LIST_IN_USE",
  "OPTED_OUT",
  "CLOSED",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
export type AppErrorData = { code: ErrorCode; message: string };

export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  UNAUTHENTICATED: "You're signed out. Sign in again to continue.",
  FORBIDDEN: "Your role or offices don't allow this. Ask an administrator if you need access.",
  NOT_FOUND: "That item doesn't exist any more, or it isn't in one of your offices. Refresh and try again.",
  INVALID: "Some of the information isn't valid. Correct the highlighted fields and try again.",
  CONFLICT: "That already exists. Choose a different name or email address.",
  LAST_ADMIN: "Parley needs at least one active administrator. Make someone else an administrator first.",
  WRONG_STATE: "The campaign can't do that in its current state. Refresh to see where it stands.",
  NOT_READY: "The campaign isn't ready to launch yet. Complete the settings listed and try again.",
  IN_USE: "A campaign is using that phone number. End the campaign or pick another number first.",
  NUMBER_UNAVAILABLE: "That phone number isn't available any more. Search again and pick another.",
  TWILIO:
    "Twilio couldn't complete the request. Try again in a moment; if it keeps failing, ask an administrator to check the Twilio settings.",
  LIST_IMPORTING: "That contact list is still importing. Wait until the import finishes, then try again.",
  LIST_IN_USE:
    "A campaign uses that contact list, so it can't be deleted or changed. Clone it to get a copy you can edit.",
  OPTED_OUT: "This contact opted out of texts, so nothing can be sent to them. An administrator can lift the opt-out.",
  CLOSED: "This conversation is closed: its campaign ended and its number was released, so no more texts can go out.",
};

/** The error to throw for an expected failure: `throw appError("NOT_FOUND", "…")`. */
export function appError(code: ErrorCode, message: string): ConvexError<AppErrorData> {
  return new ConvexError({ code, message });
}

/** The code of an error thrown by a Parley function, or null for anything else (a bug, a network error). */
export function errorCode(error: unknown): ErrorCode | null {
  if (!(error instanceof ConvexError)) return null;
  const code = (error.data as { code?: unknown } | null)?.code;
  return ERROR_CODES.includes(code as ErrorCode) ? (code as ErrorCode) : null;
}

/** The sentence to show a person for an error: the function's own message when it sent one. */
export function errorMessage(error: unknown): string {
  const code = errorCode(error);
  if (code === null) return "Something went wrong. Try again in a moment.";
  const message = ((error as ConvexError<AppErrorData>).data as { message?: unknown }).message;
  return typeof message === "string" && message !== "" ? message : ERROR_MESSAGES[code];
}
