/**
 * Tests for the local emulator's token verification (local/convex/auth/auth.ts).
 * An in-process identity provider on 127.0.0.1 serves discovery + JWKS; time is
 * controlled through the verifier's `now` option, so nothing sleeps.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { base64url, exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from "jose";
import { AuthError, KEY_CACHE_TTL_MS, TokenVerifier } from "./auth";

const APP_ID = "my-app";
const NOW_SEC = 1_700_000_000;
const NOW_MS = NOW_SEC * 1000;

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

async function makeKey(kid: string, alg: "RS256" | "ES256" = "RS256"): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg, use: "sig" };
  return { kid, privateKey, publicJwk };
}

interface SignOptions {
  iss: string;
  aud?: string | string[];
  claims?: JWTPayload;
  kid?: string;
  alg?: string;
  iat?: number;
  exp?: number;
}

function sign(key: SigningKey, opts: SignOptions): Promise<string> {
  const jwt = new SignJWT({ sub: "user-123", ...opts.claims })
    .setProtectedHeader({ alg: opts.alg ?? "RS256", kid: opts.kid ?? key.kid, typ: "JWT" })
    .setIssuer(opts.iss)
    .setIssuedAt(opts.iat ?? NOW_SEC)
    .setExpirationTime(opts.exp ?? NOW_SEC + 3600);
  if (opts.aud !== undefined) jwt.setAudience(opts.aud);
  return jwt.sign(key.privateKey);
}

/** Expects an AuthError matching `pattern`, and that the message does not echo the token. */
async function expectRefused(promise: Promise<unknown>, token: string, pattern: RegExp): Promise<AuthError> {
  const error = await promise.then(
    () => {
      throw new Error("expected the token to be refused");
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AuthError);
  const message = (error as AuthError).message;
  expect(message).toMatch(pattern);
  if (token.length > 0) expect(message).not.toContain(token);
  return error as AuthError;
}

/** A tiny OIDC provider: discovery + JWKS over HTTP, counting requests per path. */
class FakeIdp {
  jwks: JWK[] = [];
  readonly requests = new Map<string, number>();
  private server: Server | undefined;
  issuer = "";

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const path = req.url ?? "/";
      this.requests.set(path, (this.requests.get(path) ?? 0) + 1);
      if (path === "/.well-known/openid-configuration") {
        this.json(res, { issuer: this.issuer, jwks_uri: `${this.issuer}/jwks.json` });
      } else if (path === "/jwks.json") {
        this.json(res, { keys: this.jwks });
      } else {
        res.writeHead(404).end("not found");
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.issuer = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  count(path: "discovery" | "jwks"): number {
    return this.requests.get(path === "discovery" ? "/.well-known/openid-configuration" : "/jwks.json") ?? 0;
  }

  resetCounts(): void {
    this.requests.clear();
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private json(res: import("node:http").ServerResponse, body: unknown): void {
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
  }
}

let idp: FakeIdp;
let key1: SigningKey;
let key2: SigningKey;
let attacker: SigningKey;

beforeAll(async () => {
  [key1, key2] = await Promise.all([makeKey("key-1"), makeKey("key-2")]);
  attacker = await makeKey("key-1"); // same kid as key1, different key material
  idp = new FakeIdp();
  await idp.start();
});

afterAll(async () => {
  await idp.stop();
});

function oidcVerifier(now = NOW_MS, domain = idp.issuer): TokenVerifier {
  return new TokenVerifier({ providers: [{ domain, applicationID: APP_ID }] }, { now: () => now });
}

describe("OIDC provider", () => {
  it("verifies a valid token and maps claims to a UserIdentity", async () => {
    idp.jwks = [key1.publicJwk];
    const token = await sign(key1, {
      iss: idp.issuer,
      aud: APP_ID,
      claims: {
        email: "ada@example.com",
        email_verified: true,
        name: "Ada Lovelace",
        given_name: "Ada",
        updated_at: NOW_SEC,
        role: "admin",
        org: { id: "org-1", tags: ["a"] },
        jti: "volatile",
      },
    });
    const { identity, expiresAt } = await oidcVerifier().verifyToken(token);
    expect(identity).toEqual({
      tokenIdentifier: `${idp.issuer}|user-123`,
      subject: "user-123",
      issuer: idp.issuer,
      email: "ada@example.com",
      emailVerified: true,
      name: "Ada Lovelace",
      givenName: "Ada",
      updatedAt: "2023-11-14T22:13:20+00:00",
      role: "admin",
      org: { id: "org-1", tags: ["a"] },
    });
    expect(expiresAt).toBe((NOW_SEC + 3600) * 1000);
  });

  it("matches the domain with or without a trailing slash", async () => {
    idp.jwks = [key1.publicJwk];
    const token = await sign(key1, { iss: idp.issuer, aud: APP_ID });
    const identity = await oidcVerifier(NOW_MS, `${idp.issuer}/`).verify(token);
    expect(identity.subject).toBe("user-123");
  });

  it("refuses an expired token, allowing a few seconds of clock skew", async () => {
    idp.jwks = [key1.publicJwk];
    const token = await sign(key1, { iss: idp.issuer, aud: APP_ID, exp: NOW_SEC + 60 });
    await expect(oidcVerifier((NOW_SEC + 63) * 1000).verify(token)).resolves.toBeTruthy();
    await expectRefused(
      oidcVerifier((NOW_SEC + 3600) * 1000).verify(token),
      token,
      /^Could not verify OIDC token claim: Expired: ID token expired at 2023-11-14 22:14:20 UTC/,
    );
  });

  it("refuses a token issued in the future", async () => {
    idp.jwks = [key1.publicJwk];
    const token = await sign(key1, { iss: idp.issuer, aud: APP_ID, iat: NOW_SEC + 600, exp: NOW_SEC + 3600 });
    await expectRefused(oidcVerifier().verify(token), token, /not valid until/);
  });

  it("refuses a forged token signed by another key with the same kid", async () => {
    idp.jwks = [key1.publicJwk];
    const verifier = oidcVerifier();
    await verifier.verify(await sign(key1, { iss: idp.issuer, aud: APP_ID }));
    idp.resetCounts();
    const forged = await sign(attacker, { iss: idp.issuer, aud: APP_ID });
    await expectRefused(verifier.verify(forged), forged, /signature is invalid/);
    expect(idp.count("jwks")).toBe(0); // known kid: no refetch
  });

  it("refuses alg: none", async () => {
    idp.jwks = [key1.publicJwk];
    const encode = (value: object) => base64url.encode(JSON.stringify(value));
    const claims = { iss: idp.issuer, aud: APP_ID, sub: "user-123", iat: NOW_SEC, exp: NOW_SEC + 3600 };
    const token = `${encode({ alg: "none", typ: "JWT" })}.${encode(claims)}.`;
    await expectRefused(oidcVerifier().verify(token), token, /algorithm `none` is not one of: RS256, EdDSA/);
  });

  it("refuses a token whose audience does not include the applicationID", async () => {
    idp.jwks = [key1.publicJwk];
    const token = await sign(key1, { iss: idp.issuer, aud: "someone-else" });
    const error = await expectRefused(
      oidcVerifier().verify(token),
      token,
      /^No auth provider found matching the given token\. Check that your JWT's issuer and audience match/,
    );
    expect(error.message).toContain(`OIDC(domain=${idp.issuer}, app_id=${APP_ID})`);
    expect(error.code).toBe("NoAuthProvider");
  });

  it("refuses extra untrusted audiences, like the backend", async () => {
    idp.jwks = [key1.publicJwk];
    const token = await sign(key1, { iss: idp.issuer, aud: [APP_ID, "other"] });
    await expectRefused(oidcVerifier().verify(token), token, /`other` is not a trusted audience/);
  });

  it("refuses a token whose issuer matches no provider", async () => {
    const token = await sign(key1, { iss: "https://evil.example.com", aud: APP_ID });
    await expectRefused(oidcVerifier().verify(token), token, /^No auth provider found matching the given token/);
  });

  it("refuses malformed tokens", async () => {
    await expectRefused(oidcVerifier().verify("not-a-jwt"), "not-a-jwt", /Could not parse JWT payload/);
  });

  it("caches discovery and the key set across verifications", async () => {
    idp.jwks = [key1.publicJwk];
    idp.resetCounts();
    let now = NOW_MS;
    const verifier = new TokenVerifier(
      { providers: [{ domain: idp.issuer, applicationID: APP_ID }] },
      { now: () => now },
    );
    await verifier.verify(await sign(key1, { iss: idp.issuer, aud: APP_ID }));
    await verifier.verify(await sign(key1, { iss: idp.issuer, aud: APP_ID, claims: { sub: "other" } }));
    expect(idp.count("discovery")).toBe(1);
    expect(idp.count("jwks")).toBe(1);

    now += KEY_CACHE_TTL_MS + 1000; // entries expire, so the next token refetches
    await verifier.verify(await sign(key1, { iss: idp.issuer, aud: APP_ID, exp: now / 1000 + 60 }));
    expect(idp.count("discovery")).toBe(2);
    expect(idp.count("jwks")).toBe(2);
  });

  it("refetches the key set once when a token names an unknown kid (key rotation)", async () => {
    idp.jwks = [key1.publicJwk];
    idp.resetCounts();
    const verifier = oidcVerifier();
    await verifier.verify(await sign(key1, { iss: idp.issuer, aud: APP_ID }));
    expect(idp.count("jwks")).toBe(1);

    idp.jwks = [key2.publicJwk]; // provider rotates its key
    const rotated = await sign(key2, { iss: idp.issuer, aud: APP_ID });
    expect((await verifier.verify(rotated)).subject).toBe("user-123");
    expect(idp.count("jwks")).toBe(2);
    expect(idp.count("discovery")).toBe(1);

    const unknown = await sign(key2, { iss: idp.issuer, aud: APP_ID, kid: "key-3" });
    await expectRefused(verifier.verify(unknown), unknown, /No matching key found.*'key-3'/);
    expect(idp.count("jwks")).toBe(3); // exactly one refetch for the unknown kid
  });

  it("names the URL it could not fetch", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const domain = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const token = await sign(key1, { iss: domain, aud: APP_ID });
    const error = await expectRefused(
      oidcVerifier(NOW_MS, domain).verify(token),
      token,
      new RegExp(
        `^Auth provider discovery of ${domain} failed: could not fetch '${domain}/\\.well-known/openid-configuration'`,
      ),
    );
    expect(error.code).toBe("AuthProviderDiscoveryFailed");
  });

  it("uses an injected fetch for discovery and JWKS", async () => {
    const issuer = "https://auth.example.com";
    const urls: string[] = [];
    const bodies: Record<string, unknown> = {
      [`${issuer}/.well-known/openid-configuration`]: { issuer: `${issuer}/`, jwks_uri: `${issuer}/keys` },
      [`${issuer}/keys`]: { keys: [key1.publicJwk] },
    };
    const fakeFetch = (async (input: string | URL | Request) => {
      const url = String(input);
      urls.push(url);
      const body = bodies[url];
      return body === undefined
        ? new Response("missing", { status: 404 })
        : Response.json(body, { headers: { "content-type": "application/json" } });
    }) as typeof fetch;
    const verifier = new TokenVerifier(
      { providers: [{ domain: issuer, applicationID: APP_ID }] },
      { fetch: fakeFetch, now: () => NOW_MS },
    );
    const token = await sign(key1, { iss: `${issuer}/`, aud: APP_ID });
    const identity = await verifier.verify(token);
    expect(identity.tokenIdentifier).toBe(`${issuer}/|user-123`);
    expect(urls).toEqual([`${issuer}/.well-known/openid-configuration`, `${issuer}/keys`]);
  });
});

describe("customJwt provider", () => {
  const issuer = "https://jwt.example.com";
  const dataUrl = (jwks: unknown) =>
    `data:application/json;base64,${Buffer.from(JSON.stringify(jwks)).toString("base64")}`;
  const noFetch = (async () => {
    throw new Error("fetch must not be called for data: URLs");
  }) as typeof fetch;

  function customVerifier(jwks: string, extra: Record<string, unknown> = {}, fetchImpl = noFetch): TokenVerifier {
    return new TokenVerifier(
      { providers: [{ type: "customJwt", issuer, jwks, algorithm: "RS256", applicationID: APP_ID, ...extra }] },
      { fetch: fetchImpl, now: () => NOW_MS },
    );
  }

  it("verifies against a data: URL JWKS and passes custom claims through (flattened)", async () => {
    const token = await sign(key1, {
      iss: issuer,
      aud: APP_ID,
      claims: { email: "ada@example.com", email_verified: true, org: { id: "org-1", plan: { tier: 2 } }, fva: [1, 2] },
    });
    const { identity, expiresAt } = await customVerifier(dataUrl({ keys: [key1.publicJwk] })).verifyToken(token);
    expect(identity).toEqual({
      tokenIdentifier: `${issuer}|user-123`,
      subject: "user-123",
      issuer,
      email: "ada@example.com",
      email_verified: true,
      "org.id": "org-1",
      "org.plan.tier": 2,
    });
    expect(expiresAt).toBe((NOW_SEC + 3600) * 1000);
  });

  it("accepts a percent-encoded (non-base64) data: URL", async () => {
    const jwks = `data:application/json,${encodeURIComponent(JSON.stringify({ keys: [key1.publicJwk] }))}`;
    const token = await sign(key1, { iss: issuer, aud: APP_ID });
    expect((await customVerifier(jwks).verify(token)).subject).toBe("user-123");
  });

  it("only accepts the configured algorithm", async () => {
    const ecKey = await makeKey("ec-1", "ES256");
    const token = await sign(ecKey, { iss: issuer, aud: APP_ID, alg: "ES256" });
    await expectRefused(
      customVerifier(dataUrl({ keys: [ecKey.publicJwk] })).verify(token),
      token,
      /'alg' \(algorithm\) header is 'ES256', but this provider only accepts RS256/,
    );
  });

  it("refuses an unknown kid, a forged signature and an expired token with the backend's messages", async () => {
    const verifier = customVerifier(dataUrl({ keys: [key1.publicJwk] }));
    const unknown = await sign(key2, { iss: issuer, aud: APP_ID });
    await expectRefused(
      verifier.verify(unknown),
      unknown,
      /^Could not decode token\. The JWT's 'kid' \(key ID\) header is 'key-2', does this key match any key in the provider's JWKS\?$/,
    );
    const forged = await sign(attacker, { iss: issuer, aud: APP_ID });
    await expectRefused(verifier.verify(forged), forged, /signature is invalid/);
    const expired = await sign(key1, { iss: issuer, aud: APP_ID, iat: NOW_SEC - 7200, exp: NOW_SEC - 3600 });
    await expectRefused(
      verifier.verify(expired),
      expired,
      /^Could not validate token: Token expired 3600 seconds ago$/,
    );
  });

  it("does not require aud when no applicationID is configured, and accepts iss without a scheme", async () => {
    const token = await sign(key1, { iss: "jwt.example.com" });
    const identity = await customVerifier(dataUrl({ keys: [key1.publicJwk] }), { applicationID: undefined }).verify(
      token,
    );
    expect(identity.issuer).toBe("jwt.example.com");
    expect(identity.tokenIdentifier).toBe("jwt.example.com|user-123");
  });

  it("reports JWKS fetch failures with the URL", async () => {
    const url = `${idp.issuer}/missing-jwks.json`;
    const token = await sign(key1, { iss: issuer, aud: APP_ID });
    await expectRefused(
      customVerifier(url, {}, fetch).verify(token),
      token,
      new RegExp(
        `^Could not fetch JWKS from URL '${url}': HTTP 404 Not Found\\. Check that the URL is correct and accessible\\.$`,
      ),
    );
  });
});

describe("configuration", () => {
  it("refuses every token when no providers are configured", async () => {
    const token = await sign(key1, { iss: "https://x.example.com", aud: APP_ID });
    for (const config of [null, { providers: [] }]) {
      await expectRefused(
        new TokenVerifier(config).verify(token),
        token,
        /^No auth provider found matching the given token \(no providers configured\)\. Check convex\/auth\.config\.ts\.$/,
      );
    }
  });

  it("rejects malformed provider entries up front", () => {
    expect(() => new TokenVerifier({ providers: [{ domain: undefined, applicationID: APP_ID }] })).toThrow(
      /providers\[0\].*"domain" must be a non-empty string/,
    );
    expect(
      () =>
        new TokenVerifier({ providers: [{ type: "customJwt", issuer: "https://a.b", jwks: "x", algorithm: "HS256" }] }),
    ).toThrow(/only RS256 and ES256 are supported/);
  });
});
