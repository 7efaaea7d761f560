import { describe, expect, it, vi } from "vitest";
import { storageKeys, TokenSession, type KeyValueStorage, type RunExclusive, type Tokens } from "./token-session";
import { jwtExpiringIn } from "./test-helpers";

const NOW = Date.UTC(2026, 10, 29, 12, 0, 0);
const URL_A = "https://happy-otter-123.convex.cloud";

class MemoryStorage implements KeyValueStorage {
  map = new Map<string, string>();
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.map.set(key, value);
  }
  removeItem(key: string) {
    this.map.delete(key);
  }
}

function deferred<T>() {
  let settle!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (settle = resolve));
  return { promise, resolve: settle };
}

function setup(opts: { jwt?: string | null; refreshToken?: string | null; runExclusive?: RunExclusive } = {}) {
  const storage = new MemoryStorage();
  const keys = storageKeys(URL_A);
  if (opts.jwt) storage.setItem(keys.jwt, opts.jwt);
  if (opts.refreshToken !== null) storage.setItem(keys.refreshToken, opts.refreshToken ?? "refresh-1");
  const fresh: Tokens = { token: jwtExpiringIn(NOW, 3600, { n: 2 }), refreshToken: "refresh-2" };
  const refresh = vi.fn<(refreshToken: string) => Promise<Tokens | null>>(async () => fresh);
  const onChange = vi.fn<(token: string | null) => void>();
  const session = new TokenSession({
    storage,
    namespace: URL_A,
    refresh,
    onChange,
    now: () => NOW,
    runExclusive: opts.runExclusive,
    isTransientError: (e) => e instanceof TypeError,
    sleep: async () => {},
  });
  return { storage, keys, fresh, refresh, onChange, session };
}

describe("storageKeys", () => {
  it("namespaces keys by deployment URL, as @convex-dev/auth does", () => {
    expect(storageKeys(URL_A)).toEqual({
      jwt: "__convexAuthJWT_httpshappyotter123convexcloud",
      refreshToken: "__convexAuthRefreshToken_httpshappyotter123convexcloud",
    });
    expect(storageKeys("http://127.0.0.1:3210").jwt).not.toBe(storageKeys("http://127.0.0.1:3211").jwt);
  });
});

describe("TokenSession.fetchAccessToken", () => {
  it("returns the stored JWT while it has more than 60 s left", async () => {
    const jwt = jwtExpiringIn(NOW, 600);
    const { session, refresh } = setup({ jwt });
    expect(await session.fetchAccessToken({ forceRefreshToken: false })).toBe(jwt);
    expect(refresh).not.toHaveBeenCalled();
  });

  it("refreshes a JWT within 60 s of expiry and stores the new pair", async () => {
    const { session, refresh, storage, keys, fresh, onChange } = setup({ jwt: jwtExpiringIn(NOW, 45) });
    expect(await session.fetchAccessToken({ forceRefreshToken: false })).toBe(fresh.token);
    expect(refresh).toHaveBeenCalledWith("refresh-1");
    expect(storage.getItem(keys.jwt)).toBe(fresh.token);
    expect(storage.getItem(keys.refreshToken)).toBe("refresh-2");
    expect(onChange).toHaveBeenLastCalledWith(fresh.token);
  });

  it("refreshes when forced, even with a fresh JWT", async () => {
    const { session, refresh, fresh } = setup({ jwt: jwtExpiringIn(NOW, 3000) });
    expect(await session.fetchAccessToken({ forceRefreshToken: true })).toBe(fresh.token);
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it("shares one refresh between concurrent callers", async () => {
    const { session, refresh, fresh } = setup({ jwt: jwtExpiringIn(NOW, 10) });
    const gate = deferred<Tokens | null>();
    refresh.mockImplementationOnce(() => gate.promise);
    const calls = [
      session.fetchAccessToken({ forceRefreshToken: true }),
      session.fetchAccessToken({ forceRefreshToken: false }),
      session.refresh(),
    ];
    gate.resolve(fresh);
    expect(await Promise.all(calls)).toEqual([fresh.token, fresh.token, fresh.token]);
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it("starts a new refresh once the previous one has settled", async () => {
    const { session, refresh } = setup({ jwt: jwtExpiringIn(NOW, 10) });
    await session.refresh();
    await session.refresh();
    expect(refresh).toHaveBeenCalledTimes(2);
    expect(refresh).toHaveBeenLastCalledWith("refresh-2");
  });

  it("clears the session when the refresh token is refused", async () => {
    const { session, refresh, storage, onChange } = setup({ jwt: jwtExpiringIn(NOW, 10) });
    refresh.mockResolvedValueOnce(null);
    expect(await session.fetchAccessToken({ forceRefreshToken: false })).toBeNull();
    expect(storage.map.size).toBe(0);
    expect(session.hasSession).toBe(false);
    expect(onChange).toHaveBeenLastCalledWith(null);
  });

  it("clears the session when the refresh fails with a non-network error", async () => {
    const { session, refresh, storage } = setup({ jwt: jwtExpiringIn(NOW, 10) });
    refresh.mockRejectedValueOnce(new Error("Server Error"));
    expect(await session.refresh()).toBeNull();
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(storage.map.size).toBe(0);
  });

  it("retries network failures before giving up", async () => {
    const { session, refresh, fresh } = setup({ jwt: jwtExpiringIn(NOW, 10) });
    refresh.mockRejectedValueOnce(new TypeError("fetch failed")).mockRejectedValueOnce(new TypeError("fetch failed"));
    expect(await session.refresh()).toBe(fresh.token);
    expect(refresh).toHaveBeenCalledTimes(3);

    refresh.mockRejectedValue(new TypeError("fetch failed"));
    expect(await session.refresh()).toBeNull();
    expect(refresh).toHaveBeenCalledTimes(6);
  });

  it("returns null without calling the backend when there is no refresh token", async () => {
    const { session, refresh } = setup({ jwt: jwtExpiringIn(NOW, 10), refreshToken: null });
    expect(await session.refresh()).toBeNull();
    expect(refresh).not.toHaveBeenCalled();
  });

  it("adopts a token another tab refreshed while this one waited for the lock", async () => {
    const otherTabToken = jwtExpiringIn(NOW, 3600, { tab: "other" });
    const ref: { storage?: KeyValueStorage } = {};
    const runExclusive: RunExclusive = async (_name, fn) => {
      // The other tab held the lock and wrote new tokens before releasing it.
      ref.storage!.setItem(storageKeys(URL_A).jwt, otherTabToken);
      ref.storage!.setItem(storageKeys(URL_A).refreshToken, "refresh-other");
      return fn();
    };
    const { session, refresh, storage, onChange } = setup({ jwt: jwtExpiringIn(NOW, 10), runExclusive });
    ref.storage = storage;
    expect(await session.fetchAccessToken({ forceRefreshToken: true })).toBe(otherTabToken);
    expect(refresh).not.toHaveBeenCalled();
    expect(onChange).toHaveBeenLastCalledWith(otherTabToken);
  });
});

describe("TokenSession storage events", () => {
  it("follows another tab's new JWT and its sign-out", () => {
    const { session, keys, onChange } = setup({ jwt: jwtExpiringIn(NOW, 600) });
    const next = jwtExpiringIn(NOW, 3600);
    expect(session.handleStorageEvent(keys.jwt, next)).toBe(true);
    expect(session.token).toBe(next);
    expect(session.handleStorageEvent(keys.jwt, null)).toBe(true);
    expect(session.token).toBeNull();
    expect(onChange.mock.calls).toEqual([[next], [null]]);
  });

  it("ignores unrelated keys and treats storage.clear() as a sign-out", () => {
    const { session, onChange } = setup({ jwt: jwtExpiringIn(NOW, 600) });
    expect(session.handleStorageEvent("parley:theme", "dark")).toBe(false);
    expect(session.handleStorageEvent(storageKeys("http://other").jwt, "x")).toBe(false);
    expect(onChange).not.toHaveBeenCalled();
    expect(session.handleStorageEvent(null, null)).toBe(true);
    expect(session.token).toBeNull();
  });
});

describe("TokenSession.set", () => {
  it("stores and clears both tokens", () => {
    const { session, storage, keys } = setup({ refreshToken: null });
    expect(session.hasSession).toBe(false);
    session.set({ token: "jwt", refreshToken: "rt" });
    expect(storage.getItem(keys.jwt)).toBe("jwt");
    expect(storage.getItem(keys.refreshToken)).toBe("rt");
    expect(session.hasSession).toBe(true);
    session.clear();
    expect(storage.map.size).toBe(0);
  });
});
