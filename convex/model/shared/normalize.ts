/**
 * Normalizers of what people type — names, email addresses, passwords: trimmed, cased, length-checked,
 * throwing INVALID with a sentence. Pure, shared with the UI. (Not Convex argument validators:
 * those are the `v` validators of `convex/validation/`.)
 */
import { appError } from "./errors";

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** Trimmed and lowercased, so one address is one account however it was typed. Throws INVALID. */
export function normalizeEmail(raw: string): string {
  const email = raw.trim().toLowerCase();
  if (email === "") throw appError("INVALID", "Enter an email address.");
  if (email.length > 254 || !EMAIL.test(email))
    throw appError("INVALID", `"${raw.trim()}" isn't a valid email address. Use the form name@example.org.`);
  return email;
}

/** Trimmed text of 1 to `max` characters; `what` names the field in the message. Throws INVALID. */
export function cleanName(raw: string, max: number, what: string): string {
  const name = raw.trim().replace(/\s+/g, " ");
  if (name.length === 0) throw appError("INVALID", `Enter a ${what}.`);
  if (name.length > max)
    throw appError("INVALID", `Shorten the ${what} to ${max} characters or fewer (it has ${name.length}).`);
  return name;
}

/** Passwords people choose when they set up their account. Throws INVALID. */
export function requireValidPassword(password: string): void {
  if (password.length < 8) throw appError("INVALID", "Choose a password of at least 8 characters.");
  if (password.length > 200) throw appError("INVALID", "Choose a password of at most 200 characters.");
}
