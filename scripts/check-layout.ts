/**
 * The repository's layout rules, checked on every `npm test`:
 *
 *   node --import tsx scripts/check-layout.ts   exit 1 naming each breach; changes nothing
 *
 * 1. It stands alone: no tracked file names a path outside the repository (a relative path that
 *    climbs above the root, or an absolute path into the machine's work folders), so a clone in an
 *    empty folder has everything its tests, benches, scripts and docs use.
 * 2. No import cycles (type-only imports aside) in `convex/`, `src/`, `local/`, `bench/`,
 *    `scripts/` and `tests/`.
 * 3. Boundaries: `convex/` and `src/` never import `local/` (the product deploys without it; their
 *    tests are not deployed); nothing outside `local/convex/` imports its modules except its
 *    public entry for tests and benches, `local/convex/testing.ts`.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Files whose text is data, not something that can name a path we would read. */
const SKIP_OUTSIDE_CHECK = [
  /^package-lock\.json$/,
  /\.(png|jpe?g|gif|ico|woff2?|webp)$/,
  /^scripts\/check-layout(\.test)?\.ts$/, // the rules and their examples
];
/** A line that mentions a path only as data (a refused name in a test, say) says so, on it or above it. */
const NOT_A_PATH = "layout: not a path";

/** Relative paths (`../x`, `./../x`) in a text, with where they start. */
const RELATIVE_PATH = /(?<![\w./-])(?:\.\/)?((?:\.\.\/)+)([\w@$.-][\w@$./-]*)/g;
/** Absolute paths into this workplace's folders, which a clone elsewhere does not have. */
const WORKPLACE_PATH = /(?<![\w.-])\/work\/[\w.-]+/g;

export interface Breach {
  file: string;
  line: number;
  text: string;
}

/** Paths in `text` (a file at `file`, relative to `root`) that reach outside `root`. */
export function outsideReferences(file: string, text: string, root = ROOT): Breach[] {
  const breaches: Breach[] = [];
  const dir = path.dirname(path.join(root, file));
  const lines = text.split("\n");
  lines.forEach((lineText, index) => {
    if (lineText.includes(NOT_A_PATH) || lines[index - 1]?.includes(NOT_A_PATH)) return;
    for (const m of lineText.matchAll(RELATIVE_PATH)) {
      const relative = m[1] + m[2];
      const target = path.resolve(dir, relative);
      // `path.join(ROOT, "../x")` climbs from the root: a path that names nothing beside the file
      // is read from the root too.
      const fromRoot = !exists(target) && !isInside(root, path.resolve(root, relative));
      if (!isInside(root, target) || fromRoot) breaches.push({ file, line: index + 1, text: m[0] });
    }
    for (const m of lineText.matchAll(WORKPLACE_PATH)) breaches.push({ file, line: index + 1, text: m[0] });
  });
  return breaches;
}

function exists(target: string): boolean {
  return candidates(target).some((t) => existsSync(t));
}

function isInside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

// ── Imports ───────────────────────────────────────────────────────────────────────────────────

const IMPORT_FROM =
  /(?:^|[;\n}])\s*(import|export)\s+(type\s+)?([\w*${},\s]*?)\s*from\s*["']([^"']+)["']|(?:^|[;\n])\s*import\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

/** Source without its comments (a comment may show an import as an example). */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");
}

/** The modules a source file imports at run time (type-only imports left out). */
export function valueImports(source: string): string[] {
  const specifiers: string[] = [];
  for (const m of withoutComments(source).matchAll(IMPORT_FROM)) {
    if (m[4] !== undefined) {
      if (m[2]) continue; // import type … / export type …
      const clause = m[3].trim();
      if (clause.startsWith("{") && clause.endsWith("}")) {
        const names = clause.slice(1, -1).split(",").map((s) => s.trim()).filter(Boolean); // prettier-ignore
        if (names.length > 0 && names.every((n) => n.startsWith("type "))) continue;
      }
      specifiers.push(m[4]);
    } else specifiers.push(m[5] ?? m[6]);
  }
  return specifiers;
}

/** The script blocks of a Svelte component, or the whole text of a module. */
function codeOf(file: string, text: string): string {
  if (!file.endsWith(".svelte")) return text;
  return [...text.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join("\n");
}

const ALIASES: Record<string, string> = { $lib: "src/lib", $convex: "convex" };
const EXTENSIONS = ["", ".ts", ".svelte.ts", ".js", ".svelte", "/index.ts", "/index.js"];

/** The files a module path may name: as written, with an extension or index, `.js` for `.ts`, or types only. */
function candidates(base: string): string[] {
  const stem = base.replace(/\.js$/, "");
  return [...EXTENSIONS.map((ext) => base + ext), `${stem}.ts`, `${stem}.d.ts`];
}

/** The repository file an import specifier names, or null for packages and unknown paths. */
export function resolveImport(fromFile: string, specifier: string, files: Set<string>): string | null {
  let base: string;
  const alias = Object.keys(ALIASES).find((a) => specifier === a || specifier.startsWith(`${a}/`));
  if (alias) base = ALIASES[alias] + specifier.slice(alias.length);
  else if (specifier.startsWith(".")) base = path.posix.join(path.posix.dirname(fromFile), specifier);
  else return null;
  return candidates(base).find((c) => files.has(c)) ?? null;
}

/** Every cycle of the import graph, each as the files along it (strongly connected components). */
export function importCycles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) cycles.push(component.sort());
    }
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return cycles;
}

const CODE_ROOTS = ["convex/", "src/", "local/", "bench/", "scripts/", "tests/"];
const PUBLIC_LOCAL_CONVEX = new Set(["local/convex/testing.ts"]);
/** Tests beside the product's code are not deployed: they may use the local backend's testing entry. */
const TEST_FILE = /\.test\.ts$/;

/** Imports that cross a boundary the layout forbids. */
export function boundaryBreaches(graph: Map<string, string[]>): string[] {
  const breaches: string[] = [];
  for (const [from, targets] of graph) {
    for (const to of targets) {
      const product = (from.startsWith("convex/") || from.startsWith("src/")) && !TEST_FILE.test(from);
      if (product && to.startsWith("local/")) breaches.push(`${from} imports ${to}: the product never imports local/`);
      else if (!from.startsWith("local/convex/") && to.startsWith("local/convex/") && !PUBLIC_LOCAL_CONVEX.has(to))
        breaches.push(`${from} imports ${to}: outside local/convex, import only local/convex/testing.ts`);
    }
  }
  return breaches;
}

function trackedFiles(root: string): string[] {
  return execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: root })
    .toString("utf8")
    .split("\0")
    .filter((f) => f && existsSync(path.join(root, f)) && statSync(path.join(root, f)).isFile());
}

/** Every breach of the rules above in the repository at `root`, in words. */
export function checkLayout(root = ROOT): string[] {
  const files = trackedFiles(root);
  const problems: string[] = [];
  const texts = new Map<string, string>();
  for (const file of files) {
    if (SKIP_OUTSIDE_CHECK.some((re) => re.test(file))) continue;
    const text = readFileSync(path.join(root, file), "utf8");
    if (text.includes("\0")) continue;
    texts.set(file, text);
    for (const b of outsideReferences(file, text, root))
      problems.push(`${b.file}:${b.line} reaches outside the repository: ${b.text}`);
  }
  const fileSet = new Set(files);
  const graph = new Map<string, string[]>();
  for (const [file, text] of texts) {
    if (!CODE_ROOTS.some((r) => file.startsWith(r)) || !/\.(ts|js|svelte)$/.test(file)) continue;
    const targets = valueImports(codeOf(file, text))
      .map((s) => resolveImport(file, s, fileSet))
      .filter((t): t is string => t !== null);
    graph.set(file, [...new Set(targets)]);
  }
  for (const cycle of importCycles(graph)) problems.push(`import cycle: ${cycle.join(" ↔ ")}`);
  problems.push(...boundaryBreaches(graph));
  return problems;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const problems = checkLayout();
  for (const p of problems) console.error(p);
  if (problems.length > 0) {
    console.error(`${problems.length} layout problem(s): see scripts/check-layout.ts for the rules.`);
    process.exit(1);
  }
  console.log("Layout: stands alone, no import cycles, boundaries kept.");
}
