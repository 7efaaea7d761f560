/**
 * Parley's Convex Auth client for Svelte (@convex-dev/auth ships only a React client).
 *
 * One instance per app, created in the root layout and provided through context. It keeps the
 * session in localStorage (TokenSession), hands Convex's client a `fetchToken` through
 * `client.setAuth`, and exposes reactive `isLoading` / `isAuthenticated` / `token`:
 * - `isLoading` is true until the backend has confirmed (or refused) the stored token, so the app
 *   renders nothing that depends on who the person is before queries run as them;
 * - `isAuthenticated` is true only once the backend has accepted a token.
 * On the server it does nothing and stays loading: auth-dependent UI is never rendered there.
 */
import { browser } from "$app/environment";
import { createContext } from "svelte";
import type { ConvexClient } from "convex/browser";
import { ConvexHttpClient } from "convex/browser";
import { api } from "$convex/_generated/api";
import { TokenSession, type KeyValueStorage, type RunExclusive, type Tokens } from "./token-session";

const SIGN_OUT_TIMEOUT_MS = 5_000;

export class ConvexAuth {
  isLoading = $state(true);
  isAuthenticated = $state(false);
  token = $state<string | null>(null);
  /** True once the person signed out in this tab (the app then skips "come back here" redirects). */
  signedOutHere = $state(false);

  #client: ConvexClient;
  #url: string;
  #session: TokenSession | null = null;
  #http: ConvexHttpClient | null = null;
  #connected = false;
  #generation = 0;
  #waiters: ((confirmed: boolean) => void)[] = [];
  #onStorage = (event: StorageEvent) => {
    // Only localStorage events matter (sessionStorage ones belong to other code).
    if (event.storageArea === browserStorage()) this.#session?.handleStorageEvent(event.key, event.newValue);
  };

  constructor(client: ConvexClient, url: string) {
    this.#client = client;
    this.#url = url;
    if (!browser) return;
    this.#session = new TokenSession({
      storage: browserStorage(),
      namespace: url,
      refresh: (refreshToken) => this.#exchangeRefreshToken(refreshToken),
      onChange: (token) => this.#tokenChanged(token),
      runExclusive: browserLock,
      isTransientError: (error) => error instanceof TypeError,
    });
    this.token = this.#session.token;
    if (this.#session.hasSession) this.#connect();
    else this.isLoading = false;
    window.addEventListener("storage", this.#onStorage);
  }

  /** Signs in with email and password; resolves once the backend has accepted the session. */
  signIn(email: string, password: string): Promise<void> {
    return this.#passwordFlow(email, password, "signIn");
  }

  /** First sign-in for someone an admin added: chooses their password (Convex Auth's signUp flow). */
  setPassword(email: string, password: string): Promise<void> {
    return this.#passwordFlow(email, password, "signUp");
  }

  async signOut(): Promise<void> {
    this.signedOutHere = true;
    if (this.#connected) {
      // Ends the session on the backend too; a failure there (already expired, offline) still signs out here.
      await Promise.race([
        this.#client.action(api.auth.signOut, {}).catch(() => null),
        new Promise((resolve) => setTimeout(resolve, SIGN_OUT_TIMEOUT_MS)),
      ]);
    }
    this.#session?.clear();
    this.#disconnect();
  }

  destroy(): void {
    if (browser) window.removeEventListener("storage", this.#onStorage);
  }

  async #passwordFlow(email: string, password: string, flow: "signIn" | "signUp"): Promise<void> {
    const session = this.#requireSession();
    const result = await this.#httpClient().action(api.auth.signIn, {
      provider: "password",
      params: { email, password, flow },
    });
    if (!result.tokens) throw new Error("Sign-in did not return a session.");
    if (this.#connected) this.#disconnect();
    this.signedOutHere = false;
    const confirmed = new Promise<boolean>((resolve) => this.#waiters.push(resolve));
    session.set(result.tokens);
    if (!(await confirmed)) throw new Error("The server did not accept the new session. Try again.");
  }

  async #exchangeRefreshToken(refreshToken: string): Promise<Tokens | null> {
    const result = await this.#httpClient().action(api.auth.signIn, { refreshToken });
    return result.tokens ?? null;
  }

  #tokenChanged(token: string | null): void {
    this.token = token;
    if (token === null && this.#connected) this.#disconnect();
    else if (token !== null && !this.#connected) this.#connect();
  }

  #connect(): void {
    const session = this.#requireSession();
    this.#connected = true;
    this.isLoading = true;
    const generation = ++this.#generation;
    this.#client.setAuth(session.fetchAccessToken, (confirmed) => {
      if (generation !== this.#generation) return;
      if (!confirmed) {
        // The backend refused the token and a refresh did not help: the session is over.
        this.#connected = false;
        session.clear();
      }
      this.#settle(confirmed);
    });
  }

  #disconnect(): void {
    this.#connected = false;
    this.#generation++;
    // Not clearAuth(): setAuth with a null token also cancels the client's scheduled refresh.
    this.#client.setAuth(
      async () => null,
      () => {},
    );
    this.#settle(false);
  }

  #settle(authenticated: boolean): void {
    this.isAuthenticated = authenticated;
    this.isLoading = false;
    for (const resolve of this.#waiters.splice(0)) resolve(authenticated);
  }

  #requireSession(): TokenSession {
    if (this.#session === null) throw new Error("Signing in is only possible in the browser.");
    return this.#session;
  }

  #httpClient(): ConvexHttpClient {
    // Sign-in and refresh are unauthenticated calls: they must not carry a stale JWT.
    this.#http ??= new ConvexHttpClient(this.#url);
    return this.#http;
  }
}

export const [getConvexAuth, setConvexAuth] = createContext<ConvexAuth>();

const memoryStorage: Record<string, string> = {};

/** localStorage when the browser allows it (it can throw in locked-down profiles), else memory. */
function browserStorage(): KeyValueStorage {
  try {
    const storage = window.localStorage;
    storage.getItem("");
    return storage;
  } catch {
    return {
      getItem: (key) => memoryStorage[key] ?? null,
      setItem: (key, value) => void (memoryStorage[key] = value),
      removeItem: (key) => void delete memoryStorage[key],
    };
  }
}

/** Serialises refreshes across tabs with the Web Locks API; within one tab TokenSession already does. */
const browserLock: RunExclusive = (name, fn) =>
  typeof navigator !== "undefined" && navigator.locks ? navigator.locks.request(name, fn) : fn();
