/**
 * The local backend end to end, through the unmodified convex clients.
 */
import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { ConvexClient, ConvexHttpClient } from "convex/browser";
import { anyApi, type FunctionReference } from "convex/server";
import { ConvexError } from "convex/values";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import WebSocket from "ws";
import { ROOT, fixtureCopy, startBackend, type RunningBackend } from "./test/harness.ts";

const api = anyApi;
const run = promisify(execFile);

function client(url: string): ConvexClient {
  return new ConvexClient(url, {
    webSocketConstructor: WebSocket as unknown as typeof globalThis.WebSocket,
    unsavedChangesWarning: false,
  });
}

/** Resolves with the first value of a subscription that satisfies `ok`. */
function until<T>(c: ConvexClient, ref: FunctionReference<"query">, args: object, ok: (v: T) => boolean): Promise<T> {
  return new Promise((resolve, reject) => {
    const stop = c.onUpdate(
      ref,
      args,
      (value: T) => {
        if (ok(value)) {
          queueMicrotask(() => stop());
          resolve(value);
        }
      },
      reject,
    );
  });
}

type Msg = { body: string; channel: string; author?: string };

describe("one running backend", () => {
  let backend: RunningBackend;
  let keys: Awaited<ReturnType<typeof generateKeyPair>>;
  let forger: Awaited<ReturnType<typeof generateKeyPair>>;

  beforeAll(async () => {
    keys = await generateKeyPair("RS256", { extractable: true });
    forger = await generateKeyPair("RS256", { extractable: true });
    const jwk = { ...(await exportJWK(keys.publicKey)), kid: "k1", alg: "RS256", use: "sig" };
    backend = await startBackend({ env: { TEST_JWKS: JSON.stringify({ keys: [jwk] }), GREETING: "hello" } });
  });
  afterAll(async () => {
    expect(await backend.stop()).toBe(0);
  });

  async function token(options: { key?: CryptoKey; expiresIn?: string; sub?: string } = {}): Promise<string> {
    return await new SignJWT({ email: "ada@example.org" })
      .setProtectedHeader({ alg: "RS256", kid: "k1", typ: "JWT" })
      .setIssuer(backend.siteUrl)
      .setAudience("convex")
      .setSubject(options.sub ?? "user|ada")
      .setIssuedAt(Math.floor(Date.now() / 1000) - 120)
      .setExpirationTime(options.expiresIn ?? "1h")
      .sign(options.key ?? keys.privateKey);
  }

  test("a subscriber sees another client's mutation without asking", async () => {
    const a = client(backend.url);
    const b = client(backend.url);
    await until<Msg[]>(a, api.messages.list, { channel: "live" }, (v) => v.length === 0);
    const seen = until<Msg[]>(a, api.messages.list, { channel: "live" }, (v) => v.length === 1);
    await b.mutation(api.messages.send, { channel: "live", body: "from b" });
    expect((await seen)[0].body).toBe("from b");
    await Promise.all([a.close(), b.close()]);
  });

  test("a burst of writes under many costly subscriptions: the writes are not starved, every subscriber ends on the last", async () => {
    const admin = new ConvexHttpClient(backend.url);
    (admin as unknown as { setAdminAuth(key: string): void }).setAdminAuth(backend.adminKey);
    await admin.mutation(api.items.addMany as never, { group: "burst", from: 0, count: 2000 } as never);
    const readers = Array.from({ length: 30 }, () => client(backend.url));
    const writer = new ConvexHttpClient(backend.url);
    const updates = readers.map(() => 0);
    const everything = { group: "burst", from: 0, to: 1e9 };
    try {
      await Promise.all(readers.map((c) => until(c, api.items.range, everything, () => true)));
      const done = readers.map((c, i) =>
        until<unknown[]>(c, api.items.range, everything, (rows) => {
          updates[i] += 1;
          return rows.length === 2300;
        }),
      );
      await Promise.all(
        Array.from({ length: 300 }, (_, n) => writer.mutation(api.items.add, { group: "burst", n: 2000 + n })),
      );
      await Promise.all(done);
      // Each round of re-runs reads 30 × 2,000+ rows; the rounds are paced by their cost (protocol/sync.ts), so the
      // 300 writes go through between them instead of waiting behind a re-run after every commit.
      expect(updates.sort((a, b) => a - b)[15]).toBeLessThan(100);
    } finally {
      await Promise.all(readers.map((c) => c.close()));
    }
  });

  test("a mutation's caller sees its own write when the mutation resolves", async () => {
    const a = client(backend.url);
    const values: Msg[][] = [];
    const stop = a.onUpdate(api.messages.list, { channel: "own" }, (v: Msg[]) => values.push(v));
    await until<Msg[]>(a, api.messages.list, { channel: "own" }, () => true);
    await a.mutation(api.messages.send, { channel: "own", body: "mine" });
    expect(values.at(-1)?.map((m) => m.body)).toEqual(["mine"]);
    await a.mutation(api.messages.noop, {});
    stop();
    await a.close();
  });

  test("a paginated page keeps its end while rows are inserted before its cursor", async () => {
    const http = new ConvexHttpClient(backend.url);
    for (let i = 1; i <= 5; i++) await http.mutation(api.messages.send, { channel: "pages", body: `m${i}` });
    const a = client(backend.url);
    type Page = { page: Msg[]; continueCursor: string; isDone: boolean };
    const args = { channel: "pages", paginationOpts: { numItems: 3, cursor: null } };
    const first = await until<Page>(a, api.messages.page, args, () => true);
    expect(first.page.map((m) => m.body)).toEqual(["m5", "m4", "m3"]);
    const grown = until<Page>(a, api.messages.page, args, (p) => p.page.length === 4);
    await http.mutation(api.messages.send, { channel: "pages", body: "m6" });
    const after = await grown;
    expect(after.page.map((m) => m.body)).toEqual(["m6", "m5", "m4", "m3"]);
    expect(after.continueCursor).toBe(first.continueCursor);
    const second = await http.query(api.messages.page, {
      channel: "pages",
      paginationOpts: { numItems: 3, cursor: first.continueCursor },
    });
    expect((second as Page).page.map((m) => m.body)).toEqual(["m2", "m1"]);
    await a.close();
  });

  test("ConvexHttpClient runs queries, mutations and actions, with the deployment's errors", async () => {
    const http = new ConvexHttpClient(backend.url);
    await http.mutation(api.messages.send, { channel: "http", body: "one" });
    expect(await http.action(api.actions.shout, { channel: "http", body: "two" })).toBe("sent TWO (hello)");
    expect(((await http.query(api.messages.list, { channel: "http" })) as Msg[]).map((m) => m.body)).toEqual([
      "one",
      "TWO",
    ]);
    const refused = await http.mutation(api.messages.refuse, { reason: "not today" }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConvexError);
    expect((refused as ConvexError<{ code: string; message: string }>).data).toEqual({
      code: "REFUSED",
      message: "not today",
    });
    await expect(http.query(api.messages.crash, {})).rejects.toThrow(/Server Error\nUncaught Error: boom/);
    await expect(http.query(api.messages.nothing, {})).rejects.toThrow(
      "Could not find public function for 'messages:nothing'. Did you forget to run `npx convex dev` or `npx convex deploy`?",
    );
    await expect(http.query(api.messages.send as never, {})).rejects.toThrow(
      "Trying to execute messages:send as Query, but it is defined as Mutation.",
    );
  });

  test("a failing subscription is a ConvexError only when the function threw one, as on a deployment", async () => {
    const c = client(backend.url);
    const failure = (ref: FunctionReference<"query">, args: object) =>
      new Promise<Error>((resolve) => {
        const stop = c.onUpdate(
          ref,
          args,
          () => {},
          (error) => {
            queueMicrotask(() => stop());
            resolve(error);
          },
        );
      });
    const crashed = await failure(api.messages.crash, {});
    expect(crashed).not.toBeInstanceOf(ConvexError);
    expect(crashed.message).toMatch(/Server Error\nUncaught Error: boom/);
    const refused = await failure(api.messages.refuseToRead, { reason: "not yours" });
    expect(refused).toBeInstanceOf(ConvexError);
    expect((refused as ConvexError<{ code: string; message: string }>).data).toEqual({
      code: "REFUSED",
      message: "not yours",
    });
    await c.close();
  });

  test("a scheduled job is named by its module path with .js, as a deployment names it, and runs", async () => {
    const http = new ConvexHttpClient(backend.url);
    await http.mutation(api.scheduled.later, { channel: "named", body: "on time", delayMs: 0 });
    const c = client(backend.url);
    type Job = { name: string; state: string };
    const jobs = await until<Job[]>(c, api.scheduled.jobs, {}, (v) => v.some((j) => j.state === "success"));
    expect(jobs.map((j) => j.name)).toContain("scheduled.js:deliver");
    expect(jobs.every((j) => j.name.includes(".js:"))).toBe(true);
    await until<Msg[]>(c, api.messages.list, { channel: "named" }, (v) => v.length === 1);
    await c.close();
  });

  test("internal functions are refused to clients and open to the admin key", async () => {
    const http = new ConvexHttpClient(backend.url);
    await expect(http.query(api.messages.secret, {})).rejects.toThrow(
      "Could not find public function for 'messages:secret'",
    );
    const ws = client(backend.url);
    await expect(ws.query(api.messages.secret, {})).rejects.toThrow(
      "Could not find public function for 'messages:secret'",
    );
    await ws.close();
    const admin = new ConvexHttpClient(backend.url);
    (admin as unknown as { setAdminAuth(k: string): void }).setAdminAuth(backend.adminKey);
    expect(await admin.query(api.messages.secret, {})).toBe("the secret");
    const wrong = new ConvexHttpClient(backend.url);
    (wrong as unknown as { setAdminAuth(k: string): void }).setAdminAuth("parley-local|not-the-key");
    await expect(wrong.query(api.messages.secret, {})).rejects.toThrow(/admin key is not valid/);
  });

  test("an HTTP action gets a form-encoded body and its public URL", async () => {
    const response = await fetch(`${backend.siteUrl}/sms?x=1`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "From=%2B15550001111&Body=hello+there",
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      url: `${backend.siteUrl}/sms?x=1`,
      form: { From: "+15550001111", Body: "hello there" },
    });
    const hits = (await new ConvexHttpClient(backend.url).query(api.hits.list, {})) as { url: string }[];
    expect(hits.map((h) => h.url)).toContain(`${backend.siteUrl}/sms?x=1`);
    expect((await fetch(`${backend.siteUrl}/nowhere`)).status).toBe(404);
  });

  test("a valid token is accepted; expired and forged ones are refused", async () => {
    const http = new ConvexHttpClient(backend.url);
    http.setAuth(await token());
    expect(await http.query(api.messages.whoami, {})).toEqual({
      subject: "user|ada",
      issuer: backend.siteUrl,
      email: "ada@example.org",
    });
    const expired = new ConvexHttpClient(backend.url);
    expired.setAuth(await token({ expiresIn: "-10min" }));
    await expect(expired.query(api.messages.whoami, {})).rejects.toThrow(/expired/i);
    const forged = new ConvexHttpClient(backend.url);
    forged.setAuth(await token({ key: forger.privateKey }));
    await expect(forged.query(api.messages.whoami, {})).rejects.toThrow(/signature/i);

    const ws = client(backend.url);
    const confirmed = new Promise<boolean>((resolve) =>
      ws.setAuth(async () => await token({ sub: "user|grace" }), resolve),
    );
    expect(await confirmed).toBe(true);
    const me = await until<{ subject: string } | null>(ws, api.messages.whoami, {}, (v) => v !== null);
    expect(me?.subject).toBe("user|grace");
    await ws.mutation(api.messages.send, { channel: "authed", body: "signed" });
    expect(((await ws.query(api.messages.list, { channel: "authed" })) as Msg[])[0].author).toBe("user|grace");
    await ws.close();

    const bad = client(backend.url);
    const refused = new Promise<boolean>((resolve) =>
      bad.setAuth(async () => await token({ key: forger.privateKey }), resolve),
    );
    expect(await refused).toBe(false);
    await bad.close();
  });

  test("a component (aggregate) runs, and its reads are reactive", async () => {
    const a = client(backend.url);
    const b = client(backend.url);
    await until<number>(a, api.counted.count, {}, (n) => n === 0);
    const two = until<number>(a, api.counted.count, {}, (n) => n === 2);
    await b.mutation(api.counted.add, { n: 1 });
    await b.mutation(api.counted.add, { n: 2 });
    expect(await two).toBe(2);
    await Promise.all([a.close(), b.close()]);
  });

  test("a result larger than one WebSocket frame arrives in TransitionChunks", async () => {
    const a = client(backend.url);
    const big = await until<string>(a, api.messages.big, { kb: 3000 }, () => true);
    expect(big.length).toBe(3000 * 1024);
    await a.close();
  });

  test("environment variables change on a running backend through backend:env", async () => {
    const http = new ConvexHttpClient(backend.url);
    await run(
      process.execPath,
      ["--import", "tsx", "local/convex/env-cli.ts", "--data", backend.dataDir, "set", "GREETING", "hola"],
      { cwd: ROOT },
    );
    expect(await http.action(api.actions.shout, { channel: "env", body: "x" })).toBe("sent X (hola)");
    const bad = await run(
      process.execPath,
      ["--import", "tsx", "local/convex/env-cli.ts", "--data", backend.dataDir, "set", "1BAD", "x"],
      { cwd: ROOT },
    ).catch((e: { stderr: string }) => e);
    expect((bad as { stderr: string }).stderr).toMatch(/not a valid environment variable name/);
  });
});

describe("dev mode", () => {
  test("a changed module is reloaded and subscriptions see the new code", async () => {
    const functions = fixtureCopy();
    const backend = await startBackend({ functions, dev: true });
    const c = client(backend.url);
    expect(await until<string>(c, api.version.get, {}, () => true)).toBe("v1");
    const v2 = until<string>(c, api.version.get, {}, (v) => v === "v2");
    const file = path.join(functions, "version.ts");
    writeFileSync(file, readFileSync(file, "utf8").replace('"v1"', '"v2"'));
    expect(await v2).toBe("v2");
    await c.close();
    await backend.stop();
  });
});

describe("restarts", () => {
  test("a scheduled function pending at shutdown fires after restart", async () => {
    const first = await startBackend();
    const http = new ConvexHttpClient(first.url);
    await http.mutation(api.scheduled.later, { channel: "later", body: "after restart", delayMs: 1500 });
    expect(await first.stop()).toBe(0);
    const second = await startBackend({ dataDir: first.dataDir });
    const c = client(second.url);
    const delivered = await until<Msg[]>(c, api.messages.list, { channel: "later" }, (v) => v.length === 1);
    expect(delivered[0]).toMatchObject({ body: "after restart", author: "scheduler" });
    await c.close();
    await second.stop();
  });

  test("stored files survive a restart and are served by URL; uploads need a valid upload URL", async () => {
    const first = await startBackend();
    const http = new ConvexHttpClient(first.url);
    const stored = (await http.action(api.files.storeText, { text: "kept across restarts" })) as string;
    const uploadUrl = (await http.mutation(api.files.uploadUrl, {})) as string;
    const uploaded = await fetch(uploadUrl, {
      method: "POST",
      headers: { "content-type": "text/csv" },
      body: "a,b\n1,2\n",
    });
    const { storageId } = (await uploaded.json()) as { storageId: string };
    const forged = await fetch(`${first.url}/api/storage/upload?token=${Date.now() + 1000}.nope`, {
      method: "POST",
      body: "x",
    });
    expect(forged.status).toBe(401);
    expect(await first.stop()).toBe(0);
    const second = await startBackend({ dataDir: first.dataDir });
    const again = new ConvexHttpClient(second.url);
    expect(await again.action(api.files.readText, { id: stored })).toBe("kept across restarts");
    const url = (await again.query(api.files.url, { id: storageId })) as string;
    expect(url.startsWith(second.url)).toBe(true);
    const served = await fetch(url);
    expect(served.headers.get("content-type")).toBe("text/csv");
    expect(await served.text()).toBe("a,b\n1,2\n");
    await second.stop();
  });

  test("kill -9 during concurrent mutations loses no acknowledged write and leaves none half-applied", async () => {
    const first = await startBackend();
    const http = new ConvexHttpClient(first.url);
    const acked = new Set<number>();
    let killed: Promise<void> | null = null;
    const attempts = Array.from({ length: 400 }, (_, n) =>
      http.mutation(api.items.pair, { n }).then(
        () => {
          acked.add(n);
          if (acked.size === 120 && !killed) killed = first.kill();
        },
        () => undefined,
      ),
    );
    await Promise.all(attempts);
    await (killed ?? first.kill());
    expect(acked.size).toBeGreaterThanOrEqual(120);
    expect(acked.size).toBeLessThan(400);
    const second = await startBackend({ dataDir: first.dataDir });
    const rows = (await new ConvexHttpClient(second.url).query(api.items.range, {
      group: "pair",
      from: 0,
      to: 1000,
    })) as { n: number }[];
    const counts = new Map<number, number>();
    for (const row of rows) counts.set(row.n, (counts.get(row.n) ?? 0) + 1);
    for (const n of acked) expect(counts.get(n)).toBe(2);
    for (const [n, count] of counts) expect(count, `pair ${n}`).toBe(2);
    await second.stop();
  });
});
