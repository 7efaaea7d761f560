/**
 * Regenerates convex/_generated offline, as `npx convex codegen` would with a deployment:
 *
 *   node --import tsx scripts/codegen.ts          write convex/_generated
 *   node --import tsx scripts/codegen.ts --check  exit 1 naming the stale files; changes nothing
 *
 * The CLI's offline mode (`--system-udfs`, no CONVEX_DEPLOYMENT) ignores convex/convex.config.ts,
 * so `components` would be missing from `_generated/api`: this script appends it, one entry per
 * component the config uses, in the shape the real codegen writes.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CONVEX = path.join(ROOT, "convex");
const GENERATED = path.join(CONVEX, "_generated");

export interface Component {
  /** The instance name: `app.use(x, { name })`, else the component's `defineComponent("<name>")`. */
  name: string;
  /** The package it comes from, e.g. `@convex-dev/aggregate`. */
  packageName: string;
}

/** The components `convex/convex.config.ts` uses (none when there is no such file). */
export function readComponents(convexDir = CONVEX): Component[] {
  const configFile = ["convex.config.ts", "convex.config.js"]
    .map((f) => path.join(convexDir, f))
    .find((f) => existsSync(f));
  if (!configFile) return [];
  const source = readFileSync(configFile, "utf8");
  const imports = new Map<string, string>();
  for (const m of source.matchAll(/import\s+(\w+)\s+from\s+["']([^"']+)\/convex\.config(?:\.js)?["']/g))
    imports.set(m[1], m[2]);
  const require = createRequire(path.join(ROOT, "package.json"));
  const components: Component[] = [];
  for (const m of source.matchAll(/\.use\(\s*(\w+)\s*(?:,\s*\{([^}]*)\})?\s*\)/g)) {
    const packageName = imports.get(m[1]);
    if (!packageName)
      throw new Error(`convex.config.ts uses "${m[1]}", which is not imported from a component's convex.config`);
    let name = m[2] ? /name\s*:\s*["']([^"']+)["']/.exec(m[2])?.[1] : undefined;
    if (!name) {
      const definition = readFileSync(require.resolve(`${packageName}/convex.config`), "utf8");
      name = /defineComponent\(\s*["']([^"']+)["']/.exec(definition)?.[1];
    }
    if (!name)
      throw new Error(`Could not tell the name of component ${packageName}: give it one with app.use(x, { name })`);
    components.push({ name, packageName });
  }
  return components;
}

/** Adds `components` to the generated api.d.ts and api.js. */
export function appendComponents(generatedDir: string, components: Component[]): void {
  if (components.length === 0) return;
  const dts = path.join(generatedDir, "api.d.ts");
  const entries = components
    .map(
      (c) =>
        `  ${JSON.stringify(c.name)}: import(${JSON.stringify(`${c.packageName}/_generated/component.js`)}).ComponentApi<${JSON.stringify(c.name)}>;`,
    )
    .join("\n");
  writeFileSync(dts, `${readFileSync(dts, "utf8").trimEnd()}\n\nexport declare const components: {\n${entries}\n};\n`);
  const js = path.join(generatedDir, "api.js");
  const source = readFileSync(js, "utf8");
  const imported = source.replace(
    /import \{ anyApi \} from "convex\/server";/,
    'import { anyApi, componentsGeneric } from "convex/server";',
  );
  if (imported === source) throw new Error("convex/_generated/api.js has an unexpected shape: cannot add `components`");
  writeFileSync(js, `${imported.trimEnd()}\n\nexport const components = componentsGeneric();\n`);
}

function generate(): void {
  const env = { ...process.env };
  delete env.CONVEX_DEPLOYMENT;
  const result = spawnSync("npx", ["convex", "codegen", "--system-udfs", "--typecheck", "disable"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "inherit", "inherit"],
  });
  if (result.status !== 0) throw new Error(`npx convex codegen failed (exit ${result.status ?? result.signal})`);
  appendComponents(GENERATED, readComponents());
}

function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  if (!existsSync(dir)) return files;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, file), readFileSync(file, "utf8"));
  }
  return files;
}

function restore(dir: string, files: Map<string, string>): void {
  rmSync(dir, { recursive: true, force: true });
  for (const [rel, content] of files) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), content);
  }
}

/** The generated files that differ from what codegen would write now ("(missing)" / "(extra)" noted). */
function check(): string[] {
  const committed = snapshot(GENERATED);
  try {
    generate();
    const fresh = snapshot(GENERATED);
    const stale: string[] = [];
    for (const [rel, content] of fresh) {
      if (!committed.has(rel)) stale.push(`convex/_generated/${rel} (missing)`);
      else if (committed.get(rel) !== content) stale.push(`convex/_generated/${rel}`);
    }
    for (const rel of committed.keys()) if (!fresh.has(rel)) stale.push(`convex/_generated/${rel} (extra)`);
    return stale.sort();
  } finally {
    restore(GENERATED, committed);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes("--check")) {
    const stale = check();
    if (stale.length > 0) {
      console.error(
        `convex/_generated is stale; run node --import tsx scripts/codegen.ts. Stale:\n  ${stale.join("\n  ")}`,
      );
      process.exit(1);
    }
    console.log("convex/_generated is up to date.");
  } else {
    generate();
    console.log("Wrote convex/_generated.");
  }
}
