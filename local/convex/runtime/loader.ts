/**
 * Loads a Convex project's functions directory the way a deployment sees it: every module,
 * eagerly, through Vite's SSR loader (component test helpers use `import.meta.glob` and
 * extensionless imports that plain Node rejects). Refuses a default-runtime module that reaches
 * a Node built-in, like `npx convex deploy` would, and reloads modules on change in dev mode.
 */
import { builtinModules, createRequire } from "node:module";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { createServer, type ViteDevServer } from "vite";
import { exposeConvexTestInternals } from "./internals.ts";
import type { ConvexTestModule } from "./internals-shapes.ts";

export interface ComponentUse {
  /** Instance name, as in `app.use(x, { name })` or the component's own name. */
  name: string;
  /** The package the component comes from, e.g. `@convex-dev/aggregate`. */
  packageName: string;
}

export interface LoadedProject {
  functionsDir: string;
  /** Module path relative to the functions dir, without extension (`messages`, `twilio/inbound`). */
  modules: Map<string, Record<string, unknown>>;
  components: ComponentUse[];
  convexTest: ConvexTestModule;
  convexTestVersion: string;
  /** Loads a module of the project's dependencies through the same loader (component `/test` helpers). */
  importDependency(specifier: string): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

const SOURCE = /\.(ts|mts|js|mjs)$/;
const SKIPPED = [/\.test\.[mc]?[tj]s$/, /\.d\.ts$/, /^convex\.config\.[mc]?[tj]s$/];
const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** Every function module under `dir`, relative, with forward slashes. */
export function listModules(dir: string): string[] {
  const found: string[] = [];
  const walk = (rel: string) => {
    for (const entry of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules" && !entry.name.startsWith(".")) walk(child);
      } else if (SOURCE.test(entry.name) && !SKIPPED.some((re) => re.test(entry.name))) {
        found.push(child);
      }
    }
  };
  walk("");
  return found.sort();
}

function hasUseNode(source: string): boolean {
  return /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*["']use node["']/.test(source);
}

function importSpecifiers(source: string): string[] {
  const specs: string[] = [];
  const re = /(?:^|[\s;])(?:import|export)\s*(?:[^'"`;]*?\sfrom\s*)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;
  for (const match of source.matchAll(re)) specs.push(match[1] ?? match[2]);
  return specs;
}

function resolveRelative(dir: string, fromFile: string, spec: string): string | null {
  const base = path.resolve(path.dirname(path.join(dir, fromFile)), spec);
  const candidates = [
    base,
    ...[".ts", ".mts", ".js", ".mjs"].map((e) => base.replace(/\.[mc]?js$/, "") + e),
    path.join(base, "index.ts"),
    path.join(base, "index.js"),
  ];
  for (const candidate of candidates) {
    try {
      if (statSync(candidate).isFile()) return path.relative(dir, candidate).split(path.sep).join("/");
    } catch {
      // try the next candidate
    }
  }
  return null;
}

/**
 * Convex runs modules without `"use node"` in its own runtime, which has no Node built-ins.
 * Follows each such module's relative imports and names the first built-in it reaches.
 */
export function checkRuntimeImports(dir: string, modules: string[]): void {
  const sources = new Map<string, string>();
  const read = (file: string) => {
    if (!sources.has(file)) sources.set(file, readFileSync(path.join(dir, file), "utf8"));
    return sources.get(file) as string;
  };
  for (const entry of modules) {
    if (hasUseNode(read(entry))) continue;
    const seen = new Set<string>();
    const stack = [entry];
    while (stack.length > 0) {
      const file = stack.pop() as string;
      if (seen.has(file)) continue;
      seen.add(file);
      for (const spec of importSpecifiers(read(file))) {
        if (BUILTINS.has(spec)) {
          const via = file === entry ? "" : ` (through ${file})`;
          throw new Error(
            `convex/${entry} imports the Node.js built-in "${spec}"${via} but has no "use node" directive. ` +
              `Convex runs such modules in its own runtime, without Node.js APIs: add "use node" at the top of ` +
              `convex/${entry} (it may then only export actions) or stop importing "${spec}".`,
          );
        }
        if (spec.startsWith(".")) {
          const target = resolveRelative(dir, file, spec);
          if (target) stack.push(target);
        }
      }
    }
  }
}

/** Components declared in `convex.config.ts` (`app.use(x)` with `x` imported from `<pkg>/convex.config`). */
export function parseComponents(configSource: string): { binding: string; packageName: string; name?: string }[] {
  const imports = new Map<string, string>();
  for (const m of configSource.matchAll(/import\s+(\w+)\s+from\s+["']([^"']+)\/convex\.config(?:\.js)?["']/g)) {
    imports.set(m[1], m[2]);
  }
  const uses: { binding: string; packageName: string; name?: string }[] = [];
  for (const m of configSource.matchAll(/\.use\(\s*(\w+)\s*(?:,\s*\{([^}]*)\})?\s*\)/g)) {
    const packageName = imports.get(m[1]);
    if (!packageName)
      throw new Error(`convex.config.ts uses "${m[1]}", which is not imported from a component's convex.config`);
    const name = m[2] ? /name\s*:\s*["']([^"']+)["']/.exec(m[2])?.[1] : undefined;
    uses.push({ binding: m[1], packageName, name });
  }
  return uses;
}

export async function loadProject(options: {
  functionsDir: string;
  root: string;
  dev: boolean;
  onChange?: () => void;
}): Promise<LoadedProject> {
  const functionsDir = path.resolve(options.functionsDir);
  const vite: ViteDevServer = await createServer({
    root: options.root,
    configFile: false,
    logLevel: "error",
    appType: "custom",
    clearScreen: false,
    server: { middlewareMode: true, ws: false, hmr: false, watch: options.dev ? {} : null },
    ssr: { noExternal: ["convex-test", /^@convex-dev\//] },
    optimizeDeps: { noDiscovery: true, include: [] },
    plugins: [exposeConvexTestInternals()],
  });
  const project = await loadAll(vite, functionsDir, options.root);
  if (options.dev && options.onChange) {
    const onChange = options.onChange;
    let timer: NodeJS.Timeout | null = null;
    vite.watcher.on("change", (file) => {
      if (!path.resolve(file).startsWith(functionsDir + path.sep)) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        vite.moduleGraph.invalidateAll();
        loadModules(vite, functionsDir)
          .then((modules) => {
            project.modules.clear();
            for (const [k, v] of modules) project.modules.set(k, v);
            onChange();
          })
          .catch((error: unknown) => console.error(`Reload failed, keeping the previous functions: ${String(error)}`));
      }, 50);
    });
  }
  return project;
}

async function loadModules(vite: ViteDevServer, functionsDir: string): Promise<Map<string, Record<string, unknown>>> {
  const files = listModules(functionsDir);
  checkRuntimeImports(functionsDir, files);
  const modules = new Map<string, Record<string, unknown>>();
  for (const file of files) {
    modules.set(
      file.replace(SOURCE, ""),
      (await vite.ssrLoadModule(path.join(functionsDir, file))) as Record<string, unknown>,
    );
  }
  return modules;
}

async function loadAll(vite: ViteDevServer, functionsDir: string, root: string): Promise<LoadedProject> {
  const require = createRequire(path.join(root, "package.json"));
  const convexTestVersion = (
    JSON.parse(readFileSync(require.resolve("convex-test/package.json"), "utf8")) as { version: string }
  ).version;
  const convexTest = (await vite.ssrLoadModule("convex-test")) as unknown as ConvexTestModule;
  const modules = await loadModules(vite, functionsDir);
  const components: ComponentUse[] = [];
  const configFile = ["convex.config.ts", "convex.config.js"]
    .map((f) => path.join(functionsDir, f))
    .find((f) => {
      try {
        return statSync(f).isFile();
      } catch {
        return false;
      }
    });
  if (configFile) {
    for (const use of parseComponents(readFileSync(configFile, "utf8"))) {
      const definition = readFileSync(require.resolve(`${use.packageName}/convex.config`), "utf8");
      const name = use.name ?? /defineComponent\(\s*["']([^"']+)["']/.exec(definition)?.[1];
      if (!name) throw new Error(`Could not tell the name of component ${use.packageName}`);
      components.push({ name, packageName: use.packageName });
    }
  }
  return {
    functionsDir,
    modules,
    components,
    convexTest,
    convexTestVersion,
    importDependency: async (specifier) => (await vite.ssrLoadModule(specifier)) as Record<string, unknown>,
    close: () => vite.close(),
  };
}
