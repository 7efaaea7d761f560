import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "vitest";
import { checkRuntimeImports, listModules, parseComponents } from "./loader.ts";

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "parley-loader-"));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

test("lists function modules, skipping tests, declarations and convex.config", () => {
  const dir = project({
    "a.ts": "",
    "b.test.ts": "",
    "c.d.ts": "",
    "convex.config.ts": "",
    "twilio/send.ts": "",
    "_generated/api.js": "",
  });
  expect(listModules(dir)).toEqual(["_generated/api.js", "a.ts", "twilio/send.ts"]);
});

test("a default-runtime module importing a Node built-in is refused, naming the module", () => {
  const dir = project({ "send.ts": 'import fs from "node:fs";\nexport const x = fs;' });
  expect(() => checkRuntimeImports(dir, ["send.ts"])).toThrow(
    /convex\/send\.ts imports the Node\.js built-in "node:fs" but has no "use node" directive/,
  );
});

test("the refusal follows relative imports and names the helper that reaches the built-in", () => {
  const dir = project({
    "a.ts": 'import { h } from "./model/h";\nexport const x = h;',
    "model/h.ts": 'import { createHash } from "crypto";\nexport const h = createHash;',
  });
  expect(() => checkRuntimeImports(dir, ["a.ts", "model/h.ts"])).toThrow(
    /convex\/a\.ts imports the Node\.js built-in "crypto" \(through model\/h\.ts\)/,
  );
});

test('"use node" modules may import built-ins', () => {
  const dir = project({
    "twilio.ts": '// comment\n"use node";\nimport fs from "node:fs";\nexport const x = fs;',
    "plain.ts": 'import { v } from "convex/values";\nexport const x = v;',
  });
  expect(() => checkRuntimeImports(dir, ["twilio.ts", "plain.ts"])).not.toThrow();
});

test("components are read from convex.config.ts", () => {
  const source = `import { defineApp } from "convex/server";
import aggregate from "@convex-dev/aggregate/convex.config";
import workpool from "@convex-dev/workpool/convex.config.js";
const app = defineApp();
app.use(aggregate, { name: "messageCounts" });
app.use(workpool);
export default app;`;
  expect(parseComponents(source)).toEqual([
    { binding: "aggregate", packageName: "@convex-dev/aggregate", name: "messageCounts" },
    { binding: "workpool", packageName: "@convex-dev/workpool", name: undefined },
  ]);
  expect(() => parseComponents("app.use(mystery);")).toThrow(/not imported from a component's convex.config/);
});
