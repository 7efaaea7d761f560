/** Token verification (see auth.ts): fetching discovery documents and key sets, and their errors. */
import type { LocalJWKSet } from "jose";
import { AuthError, JWKS_MEDIA_TYPES } from "./auth-providers.ts";

// ---------------------------------------------------------------------------
// Fetching discovery documents and key sets

type FetchProblemKind = "network" | "status" | "contentType" | "json";

export class FetchProblem extends Error {
  constructor(
    readonly kind: FetchProblemKind,
    message: string,
  ) {
    super(message);
  }
}

export interface FetchJsonOptions {
  mediaTypes: string[];
  /** The backend refuses a custom JWKS response without a Content-Type; OIDC discovery does not. */
  requireContentType: boolean;
}

export function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return `${error.message} (${typeof code === "string" ? `${code}: ` : ""}${cause.message})`;
  }
  return error.message;
}

export function checkContentType(contentType: string | null, options: FetchJsonOptions): void {
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

export function isDataUrl(url: string): boolean {
  return /^data:/i.test(url);
}

// ---------------------------------------------------------------------------
export function describeJwksUrl(url: string): string {
  return isDataUrl(url) ? "the JWKS data: URL" : `'${url}'`;
}

export function parseDataUrlJson(url: string): unknown {
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

export function fetchProblemText(url: string, problem: FetchProblem, what = ""): string {
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

export function customJwtSource(jwksUrl: string): KeySource {
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

export interface KeySet {
  getKey: LocalJWKSet;
  /** False for data: URLs, which never change. */
  refetchable: boolean;
}

export interface KeySource {
  url: string;
  /** Builds the AuthError for a failed fetch or an unusable body. */
  fetchError: (problem: FetchProblem) => AuthError;
  fetchOptions: FetchJsonOptions;
}
