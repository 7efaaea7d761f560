/** The layout checker finds what it is for: paths outside the repository, import cycles, crossed boundaries. */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "vitest";
import {
  boundaryBreaches,
  checkLayout,
  importCycles,
  outsideReferences,
  resolveImport,
  valueImports,
} from "./check-layout.ts";

const ROOT = path.resolve(import.meta.dirname, "..");

test("a relative path that climbs above the root is outside; one that stays inside is not", () => {
  const text = [
    'readFileSync(new URL("../../../../shared/fixtures/a.csv", import.meta.url));',
    'readFileSync(new URL("../../../tests/fixtures/contacts-messy.csv", import.meta.url));',
    'path.join(ROOT, "../shared/fixtures/b.csv");',
  ].join("\n");
  const found = outsideReferences("src/lib/import/csv.test.ts", text, ROOT);
  expect(found.map((b) => [b.line, b.text])).toEqual([
    [1, "../../../../shared/fixtures/a.csv"],
    [3, "../shared/fixtures/b.csv"],
  ]);
  expect(outsideReferences("scripts/x.test.ts", 'const F = "../../shared/b.csv";', ROOT)).toHaveLength(1);
  // Joined to the root rather than to the file's folder, and naming nothing beside the file.
  expect(outsideReferences("scripts/x.test.ts", 'path.join(ROOT, "../shared/b.csv")', ROOT)).toHaveLength(1);
  expect(outsideReferences("README.md", "See `../shared/PRODUCT.md`.", ROOT)).toHaveLength(1);
  expect(outsideReferences("README.md", "See `docs/console.md` and `./local/convex`.", ROOT)).toEqual([]);
});

test("an absolute path into the work folders is outside", () => {
  expect(outsideReferences("local/twilio/resources.ts", " * (`/work/shared/twilio-oai/x.json`)", ROOT)).toEqual([
    { file: "local/twilio/resources.ts", line: 1, text: "/work/shared" },
  ]);
});

test("type-only imports and imports shown in comments are not run-time imports", () => {
  const source = [
    'import type { A } from "./a";',
    'import { type B, type C } from "./b";',
    'import { type D, e } from "./d";',
    'export type { F } from "./f";',
    'export { g } from "./g";',
    'import "./side-effect";',
    "// import { h } from './h';",
    '/* vi.mock("./x", async () => (await import("./setup.test")).fake()); */',
    'const lazy = () => import("./lazy");',
    'const url = "https://example.com/x"; import { i } from "./i";',
  ].join("\n");
  expect(valueImports(source)).toEqual(["./d", "./g", "./side-effect", "./lazy", "./i"]);
});

test("imports resolve through extensions, index files and the app's aliases", () => {
  const files = new Set(["convex/model/a.ts", "src/lib/x/index.ts", "src/lib/C.svelte", "convex/b.ts"]);
  expect(resolveImport("convex/model/z.ts", "./a", files)).toBe("convex/model/a.ts");
  expect(resolveImport("convex/model/z.ts", "../b.js", files)).toBe("convex/b.ts");
  expect(resolveImport("src/routes/+page.svelte", "$lib/x", files)).toBe("src/lib/x/index.ts");
  expect(resolveImport("src/routes/+page.svelte", "$lib/C.svelte", files)).toBe("src/lib/C.svelte");
  expect(resolveImport("src/lib/y.ts", "$convex/model/a", files)).toBe("convex/model/a.ts");
  expect(resolveImport("src/lib/y.ts", "convex/values", files)).toBeNull();
});

test("cycles are found whatever their length, and a tree has none", () => {
  const graph = new Map([
    ["a", ["b"]],
    ["b", ["c"]],
    ["c", ["a", "d"]],
    ["d", []],
    ["e", ["e"]],
  ]);
  expect(importCycles(graph)).toEqual([["a", "b", "c"], ["e"]]);
  expect(importCycles(new Map([["a", ["b", "c"]], ["b", ["c"]], ["c", []]]))).toEqual([]); // prettier-ignore
});

test("the product never imports local/, and only local/convex/testing.ts is public", () => {
  const graph = new Map([
    ["convex/x.ts", ["local/convex/testing.ts"]],
    ["convex/x.test.ts", ["local/convex/testing.ts"]],
    ["src/lib/y.test.ts", ["local/convex/runtime/loader.ts"]],
    ["bench/a.ts", ["local/convex/testing.ts", "local/convex/storage/log.ts"]],
    ["local/convex/testing.ts", ["local/convex/storage/log.ts"]],
    ["local/twilio/a.ts", ["local/convex/sync.ts"]],
  ]);
  expect(boundaryBreaches(graph)).toEqual([
    "convex/x.ts imports local/convex/testing.ts: the product never imports local/",
    "src/lib/y.test.ts imports local/convex/runtime/loader.ts: outside local/convex, import only local/convex/testing.ts",
    "bench/a.ts imports local/convex/storage/log.ts: outside local/convex, import only local/convex/testing.ts",
    "local/twilio/a.ts imports local/convex/sync.ts: outside local/convex, import only local/convex/testing.ts",
  ]);
});

test("a repository with a fixture outside it and a cycle fails the check, and passes once mended", () => {
  const root = mkdtempSync(path.join(os.tmpdir(), "layout-"));
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };
  execFileSync("git", ["init", "-q"], { cwd: root });
  write("scripts/a.test.ts", 'import { b } from "./b.ts";\nconst F = "../../shared/fixtures/x.csv";\n');
  write("scripts/b.ts", 'import { a } from "./a.test.ts";\nexport const b = a;\n');
  expect(checkLayout(root)).toEqual([
    "scripts/a.test.ts:2 reaches outside the repository: ../../shared/fixtures/x.csv",
    "import cycle: scripts/a.test.ts ↔ scripts/b.ts",
  ]);
  write("scripts/a.test.ts", 'import { b } from "./b.ts";\nconst F = "../tests/fixtures/x.csv";\n');
  write("tests/fixtures/x.csv", "phone\n");
  write("scripts/b.ts", "export const b = 1;\n");
  expect(checkLayout(root)).toEqual([]);
});
