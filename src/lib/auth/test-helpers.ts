/** Builds unsigned JWT-shaped strings for the auth unit tests. */
export function fakeJwt(payload: Record<string, unknown>): string {
  const encode = (value: unknown) =>
    Buffer.from(JSON.stringify(value)).toString("base64").replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  return `${encode({ alg: "RS256", typ: "JWT" })}.${encode(payload)}.signature`;
}

/** A JWT that expires `secondsFromNow` after `now` (ms). */
export function jwtExpiringIn(now: number, secondsFromNow: number, extra: Record<string, unknown> = {}): string {
  return fakeJwt({
    sub: "user",
    iat: Math.floor(now / 1000) - 60,
    exp: Math.floor(now / 1000) + secondsFromNow,
    ...extra,
  });
}
