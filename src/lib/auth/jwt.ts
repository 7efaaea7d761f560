/**
 * Reading a JWT's expiry on the client. The client never verifies tokens (the backend does); it only
 * needs `exp` to decide when to refresh before the backend would refuse the token.
 */

/** Refresh a token this long before it expires, so a request never leaves with a dying token. */
export const REFRESH_LEEWAY_MS = 60_000;

/** The payload of a JWT, or null when the string is not a well-formed JWT. */
export function decodeJwtPayload(token: string): Record<string, unknown> | null {
  const parts = token.split(".");
  if (parts.length !== 3 || parts[1] === "") return null;
  try {
    const base64 = parts[1].replace(/-/g, "+").replace(/_/g, "/");
    const padded = base64 + "=".repeat((4 - (base64.length % 4)) % 4);
    const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
    const payload: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return payload !== null && typeof payload === "object" && !Array.isArray(payload)
      ? (payload as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** When the token expires, in ms since the epoch; null when it has no numeric `exp` or is malformed. */
export function tokenExpiresAt(token: string): number | null {
  const exp = decodeJwtPayload(token)?.exp;
  return typeof exp === "number" && Number.isFinite(exp) ? exp * 1000 : null;
}

/**
 * Whether the token should be replaced now: it expires within `leewayMs` of `now`, or its expiry
 * cannot be read (an unreadable token is treated as expired rather than trusted forever).
 */
export function needsRefresh(token: string, now: number, leewayMs = REFRESH_LEEWAY_MS): boolean {
  const expiresAt = tokenExpiresAt(token);
  return expiresAt === null || expiresAt - now <= leewayMs;
}
