/** Token verification (see auth.ts): claims to UserIdentity, claim and header checks, signature errors. */
import { errors as joseErrors } from "jose";
import type { ProtectedHeaderParameters } from "jose";
import type { UserIdentity } from "convex/server";
import type { JSONValue } from "convex/values";
import { AuthError, CLOCK_TOLERANCE_SECONDS, CustomJwtProvider, OIDC_ALGORITHMS } from "./auth-providers.ts";

// Claims -> UserIdentity

export type Claims = Record<string, unknown>;

/** Claims the OIDC library consumes itself (never custom claims). */
const OIDC_ID_TOKEN_CLAIMS = new Set([
  "iss",
  "aud",
  "exp",
  "iat",
  "auth_time",
  "nonce",
  "acr",
  "amr",
  "azp",
  "at_hash",
  "c_hash",
]);
/** Claims the backend drops because they change between refreshes. */
const VOLATILE_CLAIMS = new Set(["jti", "nbf", "fva"]);
/** Standard claims that may carry a language tag (`name#fr`). */
const LOCALIZABLE_CLAIMS = new Set([
  "name",
  "given_name",
  "family_name",
  "middle_name",
  "nickname",
  "profile",
  "picture",
  "website",
]);
const STANDARD_CLAIMS = new Set([
  "sub",
  "preferred_username",
  "email",
  "email_verified",
  "gender",
  "birthday",
  "birthdate",
  "zoneinfo",
  "locale",
  "phone_number",
  "phone_number_verified",
  "address",
  "updated_at",
]);
/** Registered JWT claims that are not passed through for custom JWTs. */
const REGISTERED_CLAIMS = new Set(["iss", "sub", "aud", "exp", "nbf", "iat", "jti"]);

type FieldKind = "string" | "boolean" | "address" | "timestamp";
const OIDC_FIELDS: Array<[claim: string, field: string, kind: FieldKind]> = [
  ["name", "name", "string"],
  ["given_name", "givenName", "string"],
  ["family_name", "familyName", "string"],
  ["nickname", "nickname", "string"],
  ["preferred_username", "preferredUsername", "string"],
  ["profile", "profileUrl", "string"],
  ["picture", "pictureUrl", "string"],
  ["website", "websiteUrl", "string"],
  ["email", "email", "string"],
  ["email_verified", "emailVerified", "boolean"],
  ["gender", "gender", "string"],
  ["birthdate", "birthday", "string"],
  ["zoneinfo", "timezone", "string"],
  ["locale", "language", "string"],
  ["phone_number", "phoneNumber", "string"],
  ["phone_number_verified", "phoneNumberVerified", "boolean"],
  ["address", "address", "address"],
  ["updated_at", "updatedAt", "timestamp"],
];

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** chrono's `to_rfc3339()` for a UTC time, e.g. `2024-05-01T12:00:00+00:00`. */
function toRfc3339(seconds: number): string {
  const iso = new Date(seconds * 1000).toISOString();
  return iso.replace(/\.000Z$/, "+00:00").replace(/Z$/, "+00:00");
}

/** chrono's `Display` for a UTC time, e.g. `2024-05-01 12:00:00 UTC`. */
function formatUtc(seconds: number): string {
  return new Date(seconds * 1000)
    .toISOString()
    .replace("T", " ")
    .replace(/(\.000)?Z$/, " UTC");
}

function convertField(value: unknown, kind: FieldKind): JSONValue | undefined {
  switch (kind) {
    case "string":
      return typeof value === "string" ? value : undefined;
    case "boolean":
      if (typeof value === "boolean") return value;
      return value === "true" ? true : value === "false" ? false : undefined;
    case "address":
      if (typeof value === "string") return value;
      return isPlainObject(value) && typeof value.formatted === "string" ? value.formatted : undefined;
    case "timestamp":
      if (typeof value === "number" && Number.isFinite(value)) return toRfc3339(value);
      return typeof value === "string" ? value : undefined;
  }
}

function isOidcCustomClaim(key: string): boolean {
  if (OIDC_ID_TOKEN_CLAIMS.has(key) || VOLATILE_CLAIMS.has(key) || STANDARD_CLAIMS.has(key)) return false;
  const base = key.split("#")[0] ?? key;
  return !LOCALIZABLE_CLAIMS.has(base);
}

function baseIdentity(subject: string, issuer: string): Record<string, JSONValue> {
  return { tokenIdentifier: `${issuer}|${subject}`, subject, issuer };
}

/** Typed fields first; custom claims never overwrite them. */
function addCustomClaims(identity: Record<string, JSONValue>, custom: Record<string, JSONValue>): UserIdentity {
  for (const [key, value] of Object.entries(custom)) {
    if (!(key in identity)) identity[key] = value;
  }
  return identity as UserIdentity;
}

export function oidcIdentity(claims: Claims, subject: string, issuer: string): UserIdentity {
  const identity = baseIdentity(subject, issuer);
  for (const [claim, field, kind] of OIDC_FIELDS) {
    const value = convertField(claims[claim], kind);
    if (value !== undefined) identity[field] = value;
  }
  const custom: Record<string, JSONValue> = {};
  for (const [key, value] of Object.entries(claims)) {
    if (isOidcCustomClaim(key)) custom[key] = value as JSONValue;
  }
  return addCustomClaims(identity, custom);
}

/** Nested objects become dotted keys, as in the backend (`{org: {id}}` -> `org.id`). */
function flattenClaims(claims: Claims, prefix = ""): Record<string, JSONValue> {
  const result: Record<string, JSONValue> = {};
  for (const [key, value] of Object.entries(claims)) {
    if (isPlainObject(value)) Object.assign(result, flattenClaims(value, `${prefix}${key}.`));
    else result[`${prefix}${key}`] = value as JSONValue;
  }
  return result;
}

export function customJwtIdentity(claims: Claims, subject: string, issuer: string): UserIdentity {
  const privateClaims: Claims = {};
  for (const [key, value] of Object.entries(claims)) {
    if (!REGISTERED_CLAIMS.has(key)) privateClaims[key] = value;
  }
  const custom = flattenClaims(privateClaims);
  delete custom.fva;
  return addCustomClaims(baseIdentity(subject, issuer), custom);
}

// ---------------------------------------------------------------------------
// Claim checks

function numericClaim(claims: Claims, name: string): number | undefined {
  const value = claims[name];
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

function oidcParseError(claim: string, problem: string): AuthError {
  return new AuthError(
    `Could not parse as OIDC ID token: the '${claim}' claim ${problem}. Token might not be an OIDC-compliant JWT.`,
  );
}

function oidcClaimError(detail: string): AuthError {
  return new AuthError(`Could not verify OIDC token claim: ${detail}`, "Unauthenticated");
}

interface RequiredOidcClaims {
  subject: string;
  exp: number;
  iat: number;
}

export function requireOidcClaims(claims: Claims): RequiredOidcClaims {
  if (typeof claims.sub !== "string") throw oidcParseError("sub", "is missing or is not a string");
  const exp = numericClaim(claims, "exp");
  if (exp === undefined) throw oidcParseError("exp", "is missing or is not a number");
  const iat = numericClaim(claims, "iat");
  if (iat === undefined) throw oidcParseError("iat", "is missing or is not a number");
  return { subject: claims.sub, exp, iat };
}

/** openidconnect refuses tokens whose other audiences are not trusted, and so does the backend. */
export function checkOidcAudiences(audiences: string[], applicationID: string): void {
  const untrusted = audiences.find((aud) => aud !== applicationID);
  if (untrusted !== undefined) {
    throw oidcClaimError(`Invalid audiences: \`${untrusted}\` is not a trusted audience`);
  }
}

export function checkOidcTimes(claims: RequiredOidcClaims, raw: Claims, nowSec: number): void {
  if (nowSec - claims.exp > CLOCK_TOLERANCE_SECONDS) {
    throw oidcClaimError(
      `Expired: ID token expired at ${formatUtc(claims.exp)} (current time is ${formatUtc(nowSec)})`,
    );
  }
  const notBefore = Math.max(claims.iat, numericClaim(raw, "nbf") ?? -Infinity);
  if (notBefore - nowSec > CLOCK_TOLERANCE_SECONDS) {
    throw oidcClaimError(
      `ID token is not valid until ${formatUtc(notBefore)} (current time is ${formatUtc(nowSec)}); check the clocks`,
    );
  }
}

/** biscuit's temporal checks, with the backend's "Could not validate token: ..." wrapper. */
export function checkCustomJwtTimes(claims: Claims, nowSec: number): void {
  const fail = (msg: string) => new AuthError(`Could not validate token: ${msg}`);
  const exp = numericClaim(claims, "exp");
  if (exp !== undefined && nowSec - exp > CLOCK_TOLERANCE_SECONDS) {
    throw fail(`Token expired ${Math.floor(nowSec - exp)} seconds ago`);
  }
  for (const name of ["nbf", "iat"]) {
    const at = numericClaim(claims, name);
    if (at !== undefined && at - nowSec > CLOCK_TOLERANCE_SECONDS) {
      throw fail(`Token will be valid in ${Math.ceil(at - nowSec)} seconds`);
    }
  }
}

export function requireCustomJwtClaims(claims: Claims): { subject: string; exp: number } {
  if (typeof claims.sub !== "string") throw new AuthError("Missing subject");
  const exp = numericClaim(claims, "exp");
  if (exp === undefined) throw new AuthError("Missing expiry");
  return { subject: claims.sub, exp };
}

export function checkOidcHeader(header: ProtectedHeaderParameters): void {
  if (typeof header.typ === "string") {
    const typ = header.typ.toLowerCase();
    const normalized = typ.includes("/") ? typ : `application/${typ}`;
    if (normalized !== "application/jwt" && normalized !== "application/jose") {
      throw oidcClaimError(`Unsupported: unexpected or unsupported JWT type \`${header.typ}\``);
    }
  }
  const alg = String(header.alg);
  if (!(OIDC_ALGORITHMS as readonly string[]).includes(alg)) {
    throw oidcClaimError(
      `Signature verification failed: Disallowed signature algorithm: algorithm \`${alg}\` is not one of: ${OIDC_ALGORITHMS.join(", ")}`,
    );
  }
}

export function checkCustomJwtHeader(header: ProtectedHeaderParameters, provider: CustomJwtProvider): void {
  if (header.alg !== provider.algorithm) {
    throw new AuthError(
      `Could not decode token. The JWT's 'alg' (algorithm) header is '${String(header.alg)}', ` +
        `but this provider only accepts ${provider.algorithm}.`,
    );
  }
  if (typeof header.kid !== "string") {
    throw new AuthError("Could not decode token. JWT may be missing a 'kid' (key ID) header.");
  }
}

// ---------------------------------------------------------------------------
// Signature errors

type SignatureFailure = "noKey" | "ambiguous" | "badSignature" | "badKeySet" | "other";

export function classifySignatureError(error: unknown): SignatureFailure {
  if (error instanceof joseErrors.JWKSNoMatchingKey) return "noKey";
  if (error instanceof joseErrors.JWKSMultipleMatchingKeys) return "ambiguous";
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return "badSignature";
  if (error instanceof joseErrors.JWKSInvalid || error instanceof joseErrors.JWKInvalid) return "badKeySet";
  return "other";
}

function errorDetail(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function oidcSignatureError(error: unknown, kid: unknown, jwksUri: string): AuthError {
  const kidText = typeof kid === "string" ? `'${kid}'` : "(none)";
  switch (classifySignatureError(error)) {
    case "noKey":
      return oidcClaimError(
        `Signature verification failed: No matching key found. The JWT's 'kid' (key ID) header is ${kidText}; ` +
          `no key in the provider's JWKS (${jwksUri}) matches it.`,
      );
    case "ambiguous":
      return oidcClaimError(
        "Signature verification failed: Ambiguous key identification: the JWT has no 'kid' (key ID) header " +
          "and the provider's JWKS has more than one eligible key.",
      );
    case "badSignature":
      return oidcClaimError(
        `Signature verification failed: the JWT signature is invalid for the key ${kidText} in the provider's JWKS.`,
      );
    case "badKeySet":
      return oidcClaimError(
        `Signature verification failed: Invalid cryptographic key in ${jwksUri}: ${errorDetail(error)}`,
      );
    case "other":
      return oidcClaimError(`Signature verification failed: ${errorDetail(error)}`);
  }
}

export function customJwtSignatureError(error: unknown, kid: unknown, source: string): AuthError {
  switch (classifySignatureError(error)) {
    case "noKey":
    case "ambiguous":
      return new AuthError(
        `Could not decode token. The JWT's 'kid' (key ID) header is '${String(kid)}', does this key match any key in the provider's JWKS?`,
      );
    case "badSignature":
      return new AuthError(
        `Could not decode token. The JWT signature is invalid: it does not verify with the key '${String(kid)}' in the provider's JWKS.`,
      );
    case "badKeySet":
      return new AuthError(`Invalid JWKS from ${source}: ${errorDetail(error)}`);
    case "other":
      return new AuthError(`Could not decode token: ${errorDetail(error)}`);
  }
}

// ---------------------------------------------------------------------------
