/**
 * The framework-free core of Parley's Convex Auth client: where the JWT and refresh token live, and
 * how a fresh JWT is obtained. `ConvexAuth` (auth.svelte.ts) wraps it with Svelte state; keeping this
 * part plain TypeScript lets it be unit-tested in Node.
 *
 * Constraints it protects:
 * - one refresh at a time: Convex Auth refresh tokens are single-use, so two concurrent refreshes in
 *   one tab (or in two tabs, through `runExclusive`) would invalidate each other and sign the person out;
 * - a token another tab refreshed while this one waited is adopted instead of refreshing again;
 * - a failed refresh clears the session, so the UI shows "signed out" instead of retrying forever.
 */
import { needsRefresh, REFRESH_LEEWAY_MS } from "./jwt";

export type Tokens = { token: string; refreshToken: string };

/** The slice of `Storage` the session uses; localStorage in the browser, a Map in tests. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Runs `fn` while holding the named lock (navigator.locks in browsers). */
export type RunExclusive = <T>(name: string, fn: () => Promise<T>) => Promise<T>;

export type TokenSessionOptions = {
  storage: KeyValueStorage;
  /** Usually the Convex deployment URL: one browser profile can hold sessions for several deployments. */
  namespace: string;
  /** Exchanges a refresh token for new tokens (`auth:signIn { refreshToken }`); null when refused. */
  refresh: (refreshToken: string) => Promise<Tokens | null>;
  /** Called whenever the JWT held in memory changes, including to null. */
  onChange?: (token: string | null) => void;
  runExclusive?: RunExclusive;
  now?: () => number;
  leewayMs?: number;
  /** Errors worth retrying (network failures); others fail the refresh at once. */
  isTransientError?: (error: unknown) => boolean;
  retryDelaysMs?: readonly number[];
  sleep?: (ms: number) => Promise<void>;
};

/** The same keys @convex-dev/auth's React client uses, so a session survives a switch of client. */
export function storageKeys(namespace: string) {
  const ns = namespace.replace(/[^a-zA-Z0-9]/g, "");
  return { jwt: `__convexAuthJWT_${ns}`, refreshToken: `__convexAuthRefreshToken_${ns}` };
}

const runDirectly: RunExclusive = (_name, fn) => fn();

export class TokenSession {
  readonly keys: { jwt: string; refreshToken: string };
  #opts: TokenSessionOptions;
  #token: string | null;
  #inflight: Promise<string | null> | null = null;

  constructor(opts: TokenSessionOptions) {
    this.#opts = opts;
    this.keys = storageKeys(opts.namespace);
    this.#token = opts.storage.getItem(this.keys.jwt);
  }

  get token(): string | null {
    return this.#token;
  }

  /** Whether there is anything to resume: a JWT, or a refresh token that can mint one. */
  get hasSession(): boolean {
    return this.#token !== null || this.#opts.storage.getItem(this.keys.refreshToken) !== null;
  }

  /** Stores new tokens (after sign-in or refresh), or clears them when `tokens` is null. */
  set(tokens: Tokens | null): void {
    const { storage } = this.#opts;
    if (tokens === null) {
      storage.removeItem(this.keys.jwt);
      storage.removeItem(this.keys.refreshToken);
    } else {
      storage.setItem(this.keys.jwt, tokens.token);
      storage.setItem(this.keys.refreshToken, tokens.refreshToken);
    }
    this.#setToken(tokens?.token ?? null);
  }

  clear(): void {
    this.set(null);
  }

  /**
   * The `fetchToken` Convex's client calls: the JWT in hand when it is not close to expiry, else a
   * refreshed one; `forceRefreshToken` (the client's request after the backend refused a token, or
   * its scheduled refresh) always refreshes. Null means signed out.
   */
  fetchAccessToken = async ({ forceRefreshToken }: { forceRefreshToken: boolean }): Promise<string | null> => {
    const now = (this.#opts.now ?? Date.now)();
    const token = this.#token;
    if (!forceRefreshToken && token !== null && !needsRefresh(token, now, this.#leeway)) return token;
    return this.refresh();
  };

  /** Refreshes the JWT; concurrent callers share one request. */
  refresh(): Promise<string | null> {
    this.#inflight ??= this.#refreshExclusively().finally(() => {
      this.#inflight = null;
    });
    return this.#inflight;
  }

  /**
   * Applies a `storage` event from another tab: its new JWT (a refresh or a sign-in) or its sign-out.
   * Returns whether the event concerned this session. Nothing is written back, which would echo.
   */
  handleStorageEvent(key: string | null, newValue: string | null): boolean {
    if (key === null) {
      this.#setToken(null);
      return true;
    }
    if (key !== this.keys.jwt) return false;
    this.#setToken(newValue);
    return true;
  }

  get #leeway(): number {
    return this.#opts.leewayMs ?? REFRESH_LEEWAY_MS;
  }

  #setToken(token: string | null): void {
    if (token === this.#token) return;
    this.#token = token;
    this.#opts.onChange?.(token);
  }

  async #refreshExclusively(): Promise<string | null> {
    const before = this.#token;
    const run = this.#opts.runExclusive ?? runDirectly;
    return run(this.keys.refreshToken, async () => {
      const { storage } = this.#opts;
      const stored = storage.getItem(this.keys.jwt);
      const now = (this.#opts.now ?? Date.now)();
      if (stored !== null && stored !== before && !needsRefresh(stored, now, this.#leeway)) {
        this.#setToken(stored);
        return stored;
      }
      const refreshToken = storage.getItem(this.keys.refreshToken);
      const tokens = refreshToken === null ? null : await this.#exchange(refreshToken);
      this.set(tokens);
      return this.#token;
    });
  }

  async #exchange(refreshToken: string): Promise<Tokens | null> {
    const delays = this.#opts.retryDelaysMs ?? [500, 2000];
    const sleep = this.#opts.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.#opts.refresh(refreshToken);
      } catch (error) {
        const transient = this.#opts.isTransientError?.(error) ?? false;
        if (!transient || attempt >= delays.length) return null;
        await sleep(delays[attempt]);
      }
    }
  }
}
