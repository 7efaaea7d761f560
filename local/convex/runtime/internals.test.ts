/**
 * Guards every convex-test internal the backend relies on. When a convex-test upgrade moves
 * one, these fail with a message naming the installed version.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { Deployment } from "./deployment.ts";
import { CONVEX_TEST_VERSION, EXPOSED_NAMES, checkInternals } from "./internals.ts";
import type { ConvexTestModule } from "./internals-shapes.ts";
import { FIXTURE, ROOT, tempDataDir } from "../test/harness.ts";

const installed = (
  JSON.parse(readFileSync(path.join(ROOT, "node_modules/convex-test/package.json"), "utf8")) as { version: string }
).version;

test(`package.json pins convex-test exactly to ${CONVEX_TEST_VERSION}`, () => {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as Record<
    string,
    Record<string, string>
  >;
  const pinned = pkg.dependencies?.["convex-test"] ?? pkg.devDependencies?.["convex-test"];
  expect(
    pinned,
    `convex-test ${installed} is installed; local/convex/runtime/internals.ts was written for ${CONVEX_TEST_VERSION}`,
  ).toBe(CONVEX_TEST_VERSION);
  expect(
    installed,
    `convex-test ${installed} is installed; local/convex/runtime/internals.ts was written for ${CONVEX_TEST_VERSION}`,
  ).toBe(CONVEX_TEST_VERSION);
});

test("a convex-test without an internal is refused with its version named", () => {
  const internals = Object.fromEntries(EXPOSED_NAMES.map((n) => [n, () => undefined]));
  delete (internals as Record<string, unknown>).withAuth;
  const broken = { convexTest: () => undefined, __parleyInternals: internals } as unknown as ConvexTestModule;
  expect(() => checkInternals(broken, "9.9.9")).toThrow(
    /convex-test 9\.9\.9 is not compatible .*internal "withAuth" is missing/,
  );
});

describe(`convex-test ${installed} internals in use`, () => {
  let deployment: Deployment;
  const dataDir = tempDataDir();
  const start = () =>
    Deployment.start({
      functionsDir: FIXTURE,
      root: ROOT,
      dataDir,
      cloudUrl: "http://127.0.0.1:1",
      siteUrl: "http://127.0.0.1:2",
      env: {},
      uploadSecret: "s",
    });

  beforeAll(async () => {
    deployment = await start();
  });
  afterAll(async () => {
    await deployment?.close();
  });

  test("commits are observed with every document change, and queries see index-backed results", async () => {
    const commits: { table: string; after: unknown }[][] = [];
    const off = deployment.onDurableCommit((c) =>
      commits.push(c.changes.map((ch) => ({ table: ch.table, after: ch.after }))),
    );
    const outcome = await deployment.call("mutation", "items:pair", { n: 7 }, { kind: "none" });
    expect(outcome.ok, `convex-test ${installed}: ${outcome.errorMessage}`).toBe(true);
    expect(commits.at(-1)?.filter((c) => c.table === "items")).toHaveLength(2);
    const rows = await deployment.call("query", "items:range", { group: "pair", from: 7, to: 8 }, { kind: "none" });
    expect(rows.value).toHaveLength(2);
    off();
  });

  test("state restores with ids and creation times intact", async () => {
    await deployment.call("mutation", "messages:send", { channel: "restore", body: "kept" }, { kind: "none" });
    const before = (await deployment.call("query", "messages:list", { channel: "restore" }, { kind: "none" })).value;
    await deployment.close();
    deployment = await start();
    const after = (await deployment.call("query", "messages:list", { channel: "restore" }, { kind: "none" })).value;
    expect(after).toEqual(before);
    const next = await deployment.call(
      "mutation",
      "messages:send",
      { channel: "restore", body: "new" },
      { kind: "none" },
    );
    expect(next.value, `convex-test ${installed}: ids must not be reused after a restart`).not.toEqual(
      (before as { _id: string }[])[0]._id,
    );
  });

  test("a query inside a mutation sees the mutation's own uncommitted writes", async () => {
    const outcome = await deployment.call("mutation", "items:addAndCount", { group: "own", n: 1 }, { kind: "none" });
    expect(outcome.value, `convex-test ${installed}: pending writes`).toBe(1);
  });
});
