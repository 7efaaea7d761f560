/**
 * Token verification for the local Convex emulator.
 *
 * Given the default export of a project's `convex/auth.config.ts` and a JWT sent
 * by a client (`Authenticate` message or `Authorization: Bearer` header), this
 * module checks the token the way a Convex deployment does and builds the
 * `UserIdentity` object that `ctx.auth.getUserIdentity()` returns.
 *
 * Behaviour follows the Convex backend (crates/authentication, crates/keybroker):
 *  - the token is routed to the first provider whose issuer matches `iss`
 *    (trailing slashes ignored, `https://` assumed when `iss` has no scheme) and,
 *    when the provider has an applicationID, whose applicationID is in `aud`;
 *  - OIDC providers: discovery document -> `jwks_uri`; RS256 or EdDSA only;
 *    tokens must carry `sub`, `exp` and `iat`; extra untrusted audiences are
 *    refused; standard claims map to camelCase fields, other claims pass through;
 *  - customJwt providers: keys from the `jwks` URL (or `data:` URL); only the
 *    configured algorithm; `kid` required; claims pass through unchanged except
 *    that nested objects are flattened to dotted keys (`org.id`).
 * Error messages reuse the backend's wording where it has one. Unlike the
 * backend, discovery documents and key sets are cached (with a refetch when a
 * token names an unknown `kid`), and messages on a few paths are more specific.
 */
import { compactVerify, createLocalJWKSet, decodeJwt, decodeProtectedHeader, errors as joseErrors } from "jose";
import type { JSONWebKeySet, JWTPayload, LocalJWKSet, ProtectedHeaderParameters } from "jose";
import type { UserIdentity } from "convex/server";
import type { JSONValue } from "convex/values";

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
const FETCH_TIMEOUT_MS = 10_000;
const OIDC_ALGORITHMS = ["RS256", "EdDSA"] as const;
const JWKS_MEDIA_TYPES = ["application/json", "application/jwk-set+json"];

// ---------------------------------------------------------------------------
// Providers

type Algorithm = "RS256" | "ES256";

interface OidcProvider {
  type: "oidc";
  domain: string;
  applicationID: string;
}

interface CustomJwtProvider {
  type: "customJwt";
  issuer: string;
  jwks: string;
  algorithm: Algorithm;
  applicationID: string | null;
}

type Provider = OidcProvider | CustomJwtProvider;

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

function parseConfig(config: AuthConfigLike | null): Provider[] {
  if (config === null || config === undefined) return [];
  if (!Array.isArray(config.providers)) {
    throw new Error("Invalid convex/auth.config.ts: the default export must have a `providers` array");
  }
  return config.providers.map(parseProvider);
}

function trimTrailingSlashes(url: string): string {
  return url.replace(/\/+$/, "");
}

/** Some issuers omit the scheme in `iss`; the backend assumes https. */
function withProtocol(issuer: string): string {
  return issuer.startsWith("https://") || issuer.startsWith("http://") ? issuer : `https://${issuer}`;
}

function providerIssuer(provider: Provider): string {
  return provider.type === "oidc" ? provider.domain : provider.issuer;
}

function matchesToken(provider: Provider, audiences: string[], issuer: string): boolean {
  if (provider.applicationID !== null && !audiences.includes(provider.applicationID)) return false;
  return trimTrailingSlashes(providerIssuer(provider)) === trimTrailingSlashes(withProtocol(issuer));
}

function describeProvider(provider: Provider): string {
  return provider.type === "oidc"
    ? `OIDC(domain=${provider.domain}, app_id=${provider.applicationID})`
    : `CustomJWT(issuer=${provider.issuer}, app_id=${provider.applicationID ?? "none"})`;
}

function noProvidersError(): AuthError {
  return new AuthError(
    "No auth provider found matching the given token (no providers configured). Check convex/auth.config.ts.",
    "NoAuthProvider",
  );
}

function noMatchingProviderError(providers: Provider[]): AuthError {
  return new AuthError(
    "No auth provider found matching the given token. Check that your JWT's issuer and audience match " +
      `one of your configured providers: [${providers.map(describeProvider).join(", ")}]`,
    "NoAuthProvider",
  );
}

// ---------------------------------------------------------------------------
// Decoding the unverified token (only used to route it to a provider)

interface DecodedToken {
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

function decodeUnverified(token: string): DecodedToken {
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

// ---------------------------------------------------------------------------
// Fetching discovery documents and key sets

type FetchProblemKind = "network" | "status" | "contentType" | "json";

class FetchProblem extends Error {
  constructor(
    readonly kind: FetchProblemKind,
    message: string,
  ) {
    super(message);
  }
}

interface FetchJsonOptions {
  mediaTypes: string[];
  /** The backend refuses a custom JWKS response without a Content-Type; OIDC discovery does not. */
  requireContentType: boolean;
}

function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return `${error.message} (${typeof code === "string" ? `${code}: ` : ""}${cause.message})`;
  }
  return error.message;
}

function checkContentType(contentType: string | null, options: FetchJsonOptions): void {
  if (contentType === null) {
    if (options.requireContentType) throw new FetchProblem("contentType", "unknown");
    return;
  }
  const [essence, ...params] = contentType.split(";").map((part) => part.trim().toLowerCase());
  const charset = params.find((p) => p.startsWith("charset="))?.slice("charset=".length);
  const okCharset = charset === undefined || charset.replace(/"/g, "") === "utf-8";
  if (!options.mediaTypes.includes(essence ?? "") || !okCharset) {
    throw new FetchProblem("contentType", contentType);
  }
}

function decodeDataUrl(url: string): string {
  const comma = url.indexOf(",");
  if (!/^data:/i.test(url) || comma < 0) throw new Error("not a data: URL");
  const meta = url.slice("data:".length, comma);
  const body = decodeURIComponent(url.slice(comma + 1));
  if (/;base64$/i.test(meta)) return Buffer.from(body, "base64").toString("utf8");
  return body;
}

function isDataUrl(url: string): boolean {
  return /^data:/i.test(url);
}

// ---------------------------------------------------------------------------
// Claims -> UserIdentity

type Claims = Record<string, unknown>;

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

function isPlainObject(value: unknown): value is Record<string, unknown> {
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

function oidcIdentity(claims: Claims, subject: string, issuer: string): UserIdentity {
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

function customJwtIdentity(claims: Claims, subject: string, issuer: string): UserIdentity {
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

function requireOidcClaims(claims: Claims): RequiredOidcClaims {
  if (typeof claims.sub !== "string") throw oidcParseError("sub", "is missing or is not a string");
  const exp = numericClaim(claims, "exp");
  if (exp === undefined) throw oidcParseError("exp", "is missing or is not a number");
  const iat = numericClaim(claims, "iat");
  if (iat === undefined) throw oidcParseError("iat", "is missing or is not a number");
  return { subject: claims.sub, exp, iat };
}

/** openidconnect refuses tokens whose other audiences are not trusted, and so does the backend. */
function checkOidcAudiences(audiences: string[], applicationID: string): void {
  const untrusted = audiences.find((aud) => aud !== applicationID);
  if (untrusted !== undefined) {
    throw oidcClaimError(`Invalid audiences: \`${untrusted}\` is not a trusted audience`);
  }
}

function checkOidcTimes(claims: RequiredOidcClaims, raw: Claims, nowSec: number): void {
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
function checkCustomJwtTimes(claims: Claims, nowSec: number): void {
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

function requireCustomJwtClaims(claims: Claims): { subject: string; exp: number } {
  if (typeof claims.sub !== "string") throw new AuthError("Missing subject");
  const exp = numericClaim(claims, "exp");
  if (exp === undefined) throw new AuthError("Missing expiry");
  return { subject: claims.sub, exp };
}

function checkOidcHeader(header: ProtectedHeaderParameters): void {
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

function checkCustomJwtHeader(header: ProtectedHeaderParameters, provider: CustomJwtProvider): void {
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

function classifySignatureError(error: unknown): SignatureFailure {
  if (error instanceof joseErrors.JWKSNoMatchingKey) return "noKey";
  if (error instanceof joseErrors.JWKSMultipleMatchingKeys) return "ambiguous";
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return "badSignature";
  if (error instanceof joseErrors.JWKSInvalid || error instanceof joseErrors.JWKInvalid) return "badKeySet";
  return "other";
}

function errorDetail(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function oidcSignatureError(error: unknown, kid: unknown, jwksUri: string): AuthError {
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

function customJwtSignatureError(error: unknown, kid: unknown, source: string): AuthError {
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
// The verifier

interface CacheEntry {
  value: Promise<unknown>;
  fetchedAt: number;
}

interface KeySet {
  getKey: LocalJWKSet;
  /** False for data: URLs, which never change. */
  refetchable: boolean;
}

interface KeySource {
  url: string;
  /** Builds the AuthError for a failed fetch or an unusable body. */
  fetchError: (problem: FetchProblem) => AuthError;
  fetchOptions: FetchJsonOptions;
}

interface DiscoveryDocument {
  issuer: string;
  jwksUri: string;
}

export class TokenVerifier {
  private readonly providers: Provider[];
  private readonly fetchImpl: typeof fetch;
  private readonly now: () => number;
  private readonly cache = new Map<string, CacheEntry>();

  constructor(config: AuthConfigLike | null, options: TokenVerifierOptions = {}) {
    this.providers = parseConfig(config);
    this.fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.now = options.now ?? Date.now;
  }

  /** Throws AuthError with a clear message when the token is invalid, expired, forged, or matches no provider. */
  async verify(token: string): Promise<UserIdentity> {
    return (await this.verifyToken(token)).identity;
  }

  /** Like `verify`, but also returns when the token expires so callers can drop the identity then. */
  async verifyToken(token: string): Promise<VerifiedToken> {
    if (this.providers.length === 0) throw noProvidersError();
    const jwt = typeof token === "string" ? token.trim() : "";
    const decoded = decodeUnverified(jwt);
    const provider = this.providers.find((p) => matchesToken(p, decoded.audiences, decoded.issuer));
    if (provider === undefined) throw noMatchingProviderError(this.providers);
    return provider.type === "oidc"
      ? this.verifyOidc(jwt, decoded, provider)
      : this.verifyCustomJwt(jwt, decoded, provider);
  }

  private nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }

  // --- OIDC

  private async verifyOidc(token: string, decoded: DecodedToken, provider: OidcProvider): Promise<VerifiedToken> {
    checkOidcHeader(decoded.header);
    const required = requireOidcClaims(decoded.payload);
    checkOidcAudiences(decoded.audiences, provider.applicationID);
    const discovery = await this.discover(provider);
    const source = this.oidcJwksSource(provider, discovery.jwksUri);
    const claims = await this.verifySignature(token, source, (error) =>
      oidcSignatureError(error, decoded.header.kid, discovery.jwksUri),
    );
    checkOidcTimes(required, claims, this.nowSeconds());
    return { identity: oidcIdentity(claims, required.subject, decoded.issuer), expiresAt: required.exp * 1000 };
  }

  private discoveryError(provider: OidcProvider, problem: string): AuthError {
    return new AuthError(
      `Auth provider discovery of ${provider.domain} failed: ${problem}`,
      "AuthProviderDiscoveryFailed",
    );
  }

  private discover(provider: OidcProvider): Promise<DiscoveryDocument> {
    const url = `${trimTrailingSlashes(provider.domain)}/.well-known/openid-configuration`;
    return this.cached(`discovery:${url}`, async () => {
      let body: unknown;
      try {
        body = await this.fetchJson(url, { mediaTypes: ["application/json"], requireContentType: false });
      } catch (error) {
        if (!(error instanceof FetchProblem)) throw error;
        throw this.discoveryError(provider, fetchProblemText(url, error));
      }
      return this.parseDiscovery(provider, url, body);
    });
  }

  private parseDiscovery(provider: OidcProvider, url: string, body: unknown): DiscoveryDocument {
    if (!isPlainObject(body) || typeof body.issuer !== "string" || typeof body.jwks_uri !== "string") {
      throw this.discoveryError(provider, `the document at ${url} has no "issuer" and "jwks_uri" strings`);
    }
    if (trimTrailingSlashes(body.issuer) !== trimTrailingSlashes(provider.domain)) {
      throw this.discoveryError(
        provider,
        `Validation error: unexpected issuer URI \`${body.issuer}\` (expected \`${provider.domain}\`)`,
      );
    }
    try {
      return { issuer: body.issuer, jwksUri: new URL(body.jwks_uri).href };
    } catch {
      throw this.discoveryError(provider, `the document at ${url} has an invalid "jwks_uri"`);
    }
  }

  private oidcJwksSource(provider: OidcProvider, jwksUri: string): KeySource {
    return {
      url: jwksUri,
      fetchOptions: { mediaTypes: JWKS_MEDIA_TYPES, requireContentType: false },
      fetchError: (problem) => this.discoveryError(provider, fetchProblemText(jwksUri, problem, "JWKS")),
    };
  }

  // --- custom JWT

  private async verifyCustomJwt(
    token: string,
    decoded: DecodedToken,
    provider: CustomJwtProvider,
  ): Promise<VerifiedToken> {
    checkCustomJwtHeader(decoded.header, provider);
    const source = customJwtSource(provider.jwks);
    const claims = await this.verifySignature(token, source, (error) =>
      customJwtSignatureError(error, decoded.header.kid, describeJwksUrl(provider.jwks)),
    );
    checkCustomJwtTimes(claims, this.nowSeconds());
    const { subject, exp } = requireCustomJwtClaims(claims);
    return { identity: customJwtIdentity(claims, subject, decoded.issuer), expiresAt: exp * 1000 };
  }

  // --- keys and signatures

  /**
   * Verifies the JWS signature against the source's key set. When the token's
   * `kid` is not in a cached remote key set, the set is fetched again once
   * (the provider may have rotated its keys).
   */
  private async verifySignature(
    token: string,
    source: KeySource,
    toAuthError: (error: unknown) => AuthError,
  ): Promise<Claims> {
    let keySetPromise = this.keySet(source);
    let keySet = await keySetPromise;
    try {
      return await verifyWithKeySet(token, keySet);
    } catch (error) {
      if (classifySignatureError(error) !== "noKey" || !keySet.refetchable) throw toAuthError(error);
    }
    keySetPromise = this.refreshKeySet(source, keySetPromise);
    keySet = await keySetPromise;
    try {
      return await verifyWithKeySet(token, keySet);
    } catch (error) {
      throw toAuthError(error);
    }
  }

  private keySetKey(source: KeySource): string {
    return `jwks:${source.url}`;
  }

  private keySet(source: KeySource): Promise<KeySet> {
    return this.cached(this.keySetKey(source), () => this.loadKeySet(source));
  }

  /** Refetch unless another verification already replaced the stale entry. */
  private refreshKeySet(source: KeySource, stale: Promise<KeySet>): Promise<KeySet> {
    const key = this.keySetKey(source);
    const current = this.cache.get(key);
    if (current !== undefined && current.value !== stale) return current.value as Promise<KeySet>;
    return this.store(key, this.loadKeySet(source));
  }

  private async loadKeySet(source: KeySource): Promise<KeySet> {
    const refetchable = !isDataUrl(source.url);
    let body: unknown;
    try {
      body = refetchable ? await this.fetchJson(source.url, source.fetchOptions) : parseDataUrlJson(source.url);
    } catch (error) {
      if (error instanceof FetchProblem) throw source.fetchError(error);
      throw error;
    }
    try {
      return { getKey: createLocalJWKSet(body as JSONWebKeySet), refetchable };
    } catch {
      throw source.fetchError(new FetchProblem("json", "the body is not a JSON Web Key Set"));
    }
  }

  private async fetchJson(url: string, options: FetchJsonOptions): Promise<unknown> {
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        headers: { accept: "application/json" },
        signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      });
    } catch (error) {
      throw new FetchProblem("network", describeNetworkError(error));
    }
    if (response.status !== 200) {
      await response.body?.cancel().catch(() => undefined);
      throw new FetchProblem("status", `HTTP ${response.status} ${response.statusText}`.trim());
    }
    checkContentType(response.headers.get("content-type"), options);
    try {
      return JSON.parse(await response.text());
    } catch {
      throw new FetchProblem("json", "the response is not valid JSON");
    }
  }

  // --- cache

  private cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.cache.get(key);
    if (hit !== undefined && this.now() - hit.fetchedAt < KEY_CACHE_TTL_MS) return hit.value as Promise<T>;
    return this.store(key, load());
  }

  /** Failed loads are not cached, so the next token retries. */
  private store<T>(key: string, value: Promise<T>): Promise<T> {
    const entry: CacheEntry = { value, fetchedAt: this.now() };
    this.cache.set(key, entry);
    value.catch(() => {
      if (this.cache.get(key) === entry) this.cache.delete(key);
    });
    return value;
  }
}

// ---------------------------------------------------------------------------
// Helpers used by the verifier

async function verifyWithKeySet(token: string, keySet: KeySet): Promise<Claims> {
  const { payload } = await compactVerify(token, keySet.getKey);
  const claims: unknown = JSON.parse(new TextDecoder().decode(payload));
  if (!isPlainObject(claims)) throw new Error("the JWT payload is not a JSON object");
  return claims;
}

function describeJwksUrl(url: string): string {
  return isDataUrl(url) ? "the JWKS data: URL" : `'${url}'`;
}

function parseDataUrlJson(url: string): unknown {
  let text: string;
  try {
    text = decodeDataUrl(url);
  } catch {
    throw new FetchProblem("json", "invalid data: URL");
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new FetchProblem("json", "the data: URL does not hold valid JSON");
  }
}

function fetchProblemText(url: string, problem: FetchProblem, what = ""): string {
  const label = what === "" ? `'${url}'` : `${what} from '${url}'`;
  switch (problem.kind) {
    case "network":
    case "status":
      return `could not fetch ${label}: ${problem.message}`;
    case "contentType":
      return `unexpected response Content-Type '${problem.message}' from '${url}'`;
    case "json":
      return `invalid response from '${url}': ${problem.message}`;
  }
}

function customJwtSource(jwksUrl: string): KeySource {
  return {
    url: jwksUrl,
    fetchOptions: { mediaTypes: JWKS_MEDIA_TYPES, requireContentType: true },
    fetchError: (problem) => customJwtFetchError(jwksUrl, problem),
  };
}

function customJwtFetchError(url: string, problem: FetchProblem): AuthError {
  if (isDataUrl(url)) {
    return new AuthError(
      `Invalid JWKS data URL (${problem.message}). Check that the data URL is properly formatted and contains valid base64-encoded JSON.`,
    );
  }
  switch (problem.kind) {
    case "network":
    case "status":
      return new AuthError(
        `Could not fetch JWKS from URL '${url}': ${problem.message}. Check that the URL is correct and accessible.`,
      );
    case "contentType":
      return new AuthError(
        `Invalid Content-Type '${problem.message}' when fetching JWKS from '${url}'. Expected 'application/json' or 'application/jwk-set+json'.`,
      );
    case "json":
      return new AuthError(
        `Invalid JWKS response body from '${url}'. The response is not valid JSON or doesn't match the expected JWKS format.`,
      );
  }
}
