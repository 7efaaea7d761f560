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
import { compactVerify, createLocalJWKSet } from "jose";
import type { JSONWebKeySet } from "jose";
import type { UserIdentity } from "convex/server";
import {
  AuthConfigLike,
  AuthError,
  CustomJwtProvider,
  DecodedToken,
  FETCH_TIMEOUT_MS,
  JWKS_MEDIA_TYPES,
  KEY_CACHE_TTL_MS,
  OidcProvider,
  Provider,
  TokenVerifierOptions,
  VerifiedToken,
  decodeUnverified,
  matchesToken,
  noMatchingProviderError,
  noProvidersError,
  parseConfig,
  trimTrailingSlashes,
} from "./auth-providers.ts";
import {
  Claims,
  checkCustomJwtHeader,
  checkCustomJwtTimes,
  checkOidcAudiences,
  checkOidcHeader,
  checkOidcTimes,
  classifySignatureError,
  customJwtIdentity,
  customJwtSignatureError,
  isPlainObject,
  oidcIdentity,
  oidcSignatureError,
  requireCustomJwtClaims,
  requireOidcClaims,
} from "./auth-claims.ts";
import {
  FetchJsonOptions,
  FetchProblem,
  KeySet,
  KeySource,
  checkContentType,
  customJwtSource,
  describeJwksUrl,
  describeNetworkError,
  fetchProblemText,
  isDataUrl,
  parseDataUrlJson,
} from "./auth-fetch.ts";

export { AuthError, CLOCK_TOLERANCE_SECONDS, KEY_CACHE_TTL_MS } from "./auth-providers.ts";
export type { AuthConfigLike, TokenVerifierOptions, VerifiedToken } from "./auth-providers.ts";

// The verifier

interface CacheEntry {
  value: Promise<unknown>;
  fetchedAt: number;
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
