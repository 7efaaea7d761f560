/**
 * `npm run bench -- backend`: the local backend's reactivity and restart figures.
 *
 * Mutation-to-subscriber latency with 1,000 and with 100,000 documents in the written table
 * while 500 subscriptions are live (5 of them read the written range), and the time a restart
 * takes with 100,000 documents. Prints one JSON line.
 */
import { ConvexClient, ConvexHttpClient } from "convex/browser";
import { anyApi } from "convex/server";
import WebSocket from "ws";
import { type RunningBackend, startBackend } from "../local/convex/testing.ts";
import { adminClient } from "../scripts/api-client.ts";

const api = anyApi;
const SUBSCRIPTIONS = 500;
const HOT = 5;
const SAMPLES = 200;
const CLIENTS = 10;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function client(url: string): ConvexClient {
  return new ConvexClient(url, {
    webSocketConstructor: WebSocket as unknown as typeof globalThis.WebSocket,
    unsavedChangesWarning: false,
  });
}

async function seed(backend: RunningBackend, total: number, already: number): Promise<void> {
  const admin = adminClient(backend.url, backend.adminKey);
  for (let from = already; from < total; from += 1000) {
    await admin.mutation(
      anyApi.items.addMany as never,
      { group: `cold${Math.floor(from / 1000) % 100}`, from, count: Math.min(1000, total - from) } as never,
    );
  }
}

/** 500 subscriptions: 5 read the newest rows of group "hot", the rest read cold groups. Returns a latency sampler. */
async function subscribe(url: string): Promise<{ measure(n: number): Promise<number>; close(): Promise<void> }> {
  const clients = Array.from({ length: CLIENTS }, () => client(url));
  const waiters = new Map<number, () => void>();
  const ready: Promise<void>[] = [];
  for (let i = 0; i < SUBSCRIPTIONS; i++) {
    const c = clients[i % CLIENTS];
    const hot = i < HOT;
    const ref = hot ? api.items.latest : api.items.range;
    const args = hot ? { group: "hot" } : { group: `cold${i % 100}`, from: i * 10, to: i * 10 + 5 };
    ready.push(
      new Promise((resolve) => {
        let first = true;
        c.onUpdate(ref, args, (rows: { n: number }[]) => {
          if (first) {
            first = false;
            resolve();
          }
          if (i === 0) for (const row of rows) waiters.get(row.n)?.();
        });
      }),
    );
  }
  await Promise.all(ready);
  const writer = client(url);
  return {
    async measure(n) {
      const seen = new Promise<void>((resolve) => waiters.set(n, resolve));
      const start = performance.now();
      void writer.mutation(api.items.add, { group: "hot", n });
      await seen;
      waiters.delete(n);
      return performance.now() - start;
    },
    async close() {
      await Promise.all([...clients, writer].map((c) => c.close()));
    },
  };
}

async function latency(url: string, offset: number): Promise<{ p50: number; p95: number }> {
  const sampler = await subscribe(url);
  const samples: number[] = [];
  for (let i = 0; i < SAMPLES; i++) samples.push(await sampler.measure(offset + i));
  await sampler.close();
  samples.sort((a, b) => a - b);
  return { p50: round(percentile(samples, 50)), p95: round(percentile(samples, 95)) };
}

const round = (x: number) => Math.round(x * 100) / 100;

export async function benchBackend(): Promise<Record<string, number | boolean>> {
  let backend = await startBackend();
  await seed(backend, 1_000, 0);
  const small = await latency(backend.url, 0);
  await seed(backend, 100_000, 1_000);
  const large = await latency(backend.url, 1_000_000);
  await backend.stop();
  const t0 = performance.now();
  backend = await startBackend({ dataDir: backend.dataDir });
  const restartMs = performance.now() - t0;
  const count = (await new ConvexHttpClient(backend.url).query(api.items.range, {
    group: "cold1",
    from: 0,
    to: 1e9,
  })) as unknown[];
  await backend.stop();
  const figures = {
    p50_ms_1k: small.p50,
    p95_ms_1k: small.p95,
    p50_ms_100k: large.p50,
    p95_ms_100k: large.p95,
    p95_ratio_100k_to_1k: round(large.p95 / small.p95),
    restart_ms_100k: Math.round(restartMs),
    restored_rows_in_one_group: count.length,
    subscriptions: SUBSCRIPTIONS,
  };
  return {
    ...figures,
    pass: figures.p95_ms_100k <= 20 && figures.p95_ratio_100k_to_1k <= 2 && figures.restart_ms_100k <= 5000,
  };
}
