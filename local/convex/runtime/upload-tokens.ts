/** Upload URLs: signed, expiring tokens that let a client upload one file without credentials. */
import { createHmac } from "node:crypto";
import { sameSecret } from "../../secrets.ts";

/** A token that permits one upload for an hour, signed with `secret`. */
export function signUploadToken(secret: string): string {
  const expires = Date.now() + 60 * 60 * 1000;
  const mac = createHmac("sha256", secret).update(String(expires)).digest("base64url");
  return `${expires}.${mac}`;
}

/** Whether `token` was signed with `secret` and has not expired (compared in constant time). */
export function verifyUploadToken(secret: string, token: string): boolean {
  const [expires, mac] = token.split(".");
  if (!expires || !mac || Number(expires) < Date.now()) return false;
  const expected = createHmac("sha256", secret).update(expires).digest("base64url");
  return sameSecret(mac, expected);
}
