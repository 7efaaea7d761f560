/**
 * Checks that `convex/` bundles the way `npx convex deploy` bundles it: modules without
 * "use node" for Convex's own runtime (no Node built-ins, browser-like platform), "use node"
 * modules for Node. Fails naming the module and what it could not bundle.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { listModules } from "../local/convex/testing.ts";

const root = path.resolve(import.meta.dirname, "..");
const dir = path.join(root, "convex");
const modules = listModules(dir).filter((m) => !m.startsWith("_generated/"));
const isNode = (file: string) =>
  /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*["']use node["']/.test(readFileSync(path.join(dir, file), "utf8"));

async function bundle(entries: string[], platform: "browser" | "node"): Promise<string[]> {
  if (entries.length === 0) return [];
  const result = await build({
    entryPoints: entries.map((e) => path.join(dir, e)),
    bundle: true,
    write: false,
    outdir: "/tmp/parley-bundle-check",
    format: "esm",
    platform,
    target: "esnext",
    conditions: ["convex", "module"],
    logLevel: "silent",
    metafile: false,
  }).catch((error: { errors?: { text: string; location?: { file: string } | null }[] }) => error);
  const errors = "errors" in result && result.errors ? result.errors : [];
  return errors.map((e) => `${e.location?.file ? path.relative(root, e.location.file) + ": " : ""}${e.text}`);
}

const defaultRuntime = modules.filter((m) => !isNode(m));
const nodeRuntime = modules.filter(isNode);
const problems = [...(await bundle(defaultRuntime, "browser")), ...(await bundle(nodeRuntime, "node"))];
if (problems.length > 0) {
  console.error(`convex/ does not bundle for Convex's runtimes:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  process.exit(1);
}
console.log(`convex/ bundles: ${defaultRuntime.length} modules for Convex's runtime, ${nodeRuntime.length} for Node.`);
