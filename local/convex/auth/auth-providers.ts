/** Token verification (see auth.ts): the auth config's providers, errors, and routing a token to a provider. */
import { decodeJwt, decodeProtectedHeader } from "jose";
import type { JWTPayload, ProtectedHeaderParameters } from "jose";
import type { UserIdentity } from "convex/server";

export interface AuthConfigLike {
  providers: Array<Record<string, unknown>>;
}

/** A refused token. `message` is what the client is told; `code` mirrors the backend's short code. */
export class AuthError extends Error {
  readonly code: string;
  constructor(message: string, code = "InvalidAuthHeader") {
    super(message);
    this.name = "AuthError";
    this.code = code;
  }
}

export interface TokenVerifierOptions {
  fetch?: typeof fetch;
  /** Current time in milliseconds. */
  now?: () => number;
}

/** The identity plus when the token stops being valid (ms since epoch). */
export interface VerifiedToken {
  identity: UserIdentity;
  expiresAt: number;
}

/** Seconds of clock skew allowed for exp / nbf / iat (the backend uses 5 s for custom JWTs). */
export const CLOCK_TOLERANCE_SECONDS = 5;
/** How long a discovery document or key set is reused before being fetched again. */
export const KEY_CACHE_TTL_MS = 10 * 60 * 1000;
export const FETCH_TIMEOUT_MS = 10_000;
export const OIDC_ALGORITHMS = ["RS256", "EdDSA"] as const;
export const JWKS_MEDIA_TYPES = ["application/json", "application/jwk-set+json"];

// ---------------------------------------------------------------------------
// Providers

type Algorithm = "RS256" | "ES256";

export interface OidcProvider {
  type: "oidc";
  domain: string;
  applicationID: string;
}

export interface CustomJwtProvider {
  type: "customJwt";
  issuer: string;
  jwks: string;
  algorithm: Algorithm;
  applicationID: string | null;
}

export type Provider = OidcProvider | CustomJwtProvider;

function configError(index: number, problem: string): Error {
  return new Error(`Invalid auth provider providers[${index}] in convex/auth.config.ts: ${problem}`);
}

function requireString(raw: Record<string, unknown>, field: string, index: number): string {
  const value = raw[field];
  if (typeof value !== "string" || value === "") {
    const got = value === undefined ? "undefined (is an environment variable missing?)" : JSON.stringify(value);
    throw configError(index, `"${field}" must be a non-empty string, got ${got}`);
  }
  return value;
}

/** Mirrors the backend's issuer URL parsing: `https://` is assumed when no scheme is given. */
function normalizeProviderUrl(value: string, field: string, index: number): string {
  if (value.startsWith('"')) {
    throw configError(index, `Invalid provider domain URL "${value}": starts with a double quote (")`);
  }
  const url = /^\w+:\/\//.test(value) ? value : `https://${value}`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw configError(index, `Invalid provider ${field} URL "${value}"`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw configError(index, `Invalid provider ${field} URL "${value}": scheme should be http or https`);
  }
  return url;
}

function parseCustomJwtProvider(raw: Record<string, unknown>, index: number): CustomJwtProvider {
  const algorithm = raw.algorithm;
  if (algorithm !== "RS256" && algorithm !== "ES256") {
    throw configError(
      index,
      `Invalid signature algorithm (only RS256 and ES256 are supported): ${JSON.stringify(algorithm)}`,
    );
  }
  const applicationID = raw.applicationID ?? null;
  if (applicationID !== null && typeof applicationID !== "string") {
    throw configError(index, `"applicationID" must be a string when given`);
  }
  return {
    type: "customJwt",
    issuer: normalizeProviderUrl(requireString(raw, "issuer", index), "issuer", index),
    jwks: requireString(raw, "jwks", index),
    algorithm,
    applicationID,
  };
}

function parseProvider(raw: Record<string, unknown>, index: number): Provider {
  if (raw === null || typeof raw !== "object") throw configError(index, "expected an object");
  if (raw.type === "customJwt") return parseCustomJwtProvider(raw, index);
  if (raw.type !== undefined) throw configError(index, `unknown provider type ${JSON.stringify(raw.type)}`);
  return {
    type: "oidc",
    domain: normalizeProviderUrl(requireString(raw, "domain", index), "domain", index),
    applicationID: requireString(raw, "applicationID", index),
  };
}

export function parseConfig(config: AuthConfigLike | null): Provider[] {
  if (config === null || config === undefined) return [];
  if (!Array.isArray(config.providers)) {
    throw new Error("Invalid convex/auth.config.ts: the default export must have a `providers` array");
  }
  return config.providers.map(parseProvider);
}

export function trimTrailingSlashes(url: string): string {
  return url.replace(/\/+$/, "");
}

/** Some issuers omit the scheme in `iss`; the backend assumes https. */
function withProtocol(issuer: string): string {
  return issuer.startsWith("https://") || issuer.startsWith("http://") ? issuer : `https://${issuer}`;
}

function providerIssuer(provider: Provider): string {
  return provider.type === "oidc" ? provider.domain : provider.issuer;
}

export function matchesToken(provider: Provider, audiences: string[], issuer: string): boolean {
  if (provider.applicationID !== null && !audiences.includes(provider.applicationID)) return false;
  return trimTrailingSlashes(providerIssuer(provider)) === trimTrailingSlashes(withProtocol(issuer));
}

function describeProvider(provider: Provider): string {
  return provider.type === "oidc"
    ? `OIDC(domain=${provider.domain}, app_id=${provider.applicationID})`
    : `CustomJWT(issuer=${provider.issuer}, app_id=${provider.applicationID ?? "none"})`;
}

export function noProvidersError(): AuthError {
  return new AuthError(
    "No auth provider found matching the given token (no providers configured). Check convex/auth.config.ts.",
    "NoAuthProvider",
  );
}

export function noMatchingProviderError(providers: Provider[]): AuthError {
  return new AuthError(
    "No auth provider found matching the given token. Check that your JWT's issuer and audience match " +
      `one of your configured providers: [${providers.map(describeProvider).join(", ")}]`,
    "NoAuthProvider",
  );
}

// ---------------------------------------------------------------------------
// Decoding the unverified token (only used to route it to a provider)

export interface DecodedToken {
  header: ProtectedHeaderParameters;
  payload: JWTPayload;
  issuer: string;
  audiences: string[];
}

function audiencesOf(payload: JWTPayload): string[] {
  const aud: unknown = payload.aud;
  if (typeof aud === "string") return [aud];
  if (Array.isArray(aud)) return aud.filter((a): a is string => typeof a === "string");
  return [];
}

export function decodeUnverified(token: string): DecodedToken {
  let header: ProtectedHeaderParameters;
  let payload: JWTPayload;
  try {
    header = decodeProtectedHeader(token);
    payload = decodeJwt(token);
  } catch {
    throw new AuthError(
      "Could not parse JWT payload. Check that the token is a valid JWT format with three base64-encoded parts separated by dots.",
    );
  }
  if (typeof payload.iss !== "string") {
    throw new AuthError(
      "Missing issuer claim ('iss') in JWT payload. The JWT must include an 'iss' claim that matches one of your configured auth providers.",
    );
  }
  return { header, payload, issuer: payload.iss, audiences: audiencesOf(payload) };
}
