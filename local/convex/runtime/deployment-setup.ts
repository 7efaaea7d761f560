/**
 * Builds the convex-test instance a deployment runs on (the project's modules and its components'
 * test registrations) and restores into it the state the durable log holds.
 */
import type { DurableLog } from "../storage/durable-log.ts";
import type { Runtime } from "./internals-runtime.ts";
import { tableOfId, type TestConvex } from "./internals-shapes.ts";
import type { LoadedProject } from "./loader.ts";
import { blobName, restoreState } from "../storage/persistence.ts";

/** The convex-test instance for `project`: its modules, and its components registered. */
export async function createTestConvex(project: LoadedProject): Promise<TestConvex> {
  const schema = (project.modules.get("schema")?.default as object | undefined) ?? undefined;
  const moduleMap: Record<string, () => Promise<unknown>> = {
    "/convex/_generated/server.js": () => Promise.resolve({}),
  };
  for (const key of project.modules.keys())
    moduleMap[`/convex/${key}.js`] = () => Promise.resolve(project.modules.get(key));
  const t = project.convexTest.convexTest(schema, moduleMap);
  const preloads = preloadComponentModules(t);
  for (const component of project.components) {
    const helper = await project.importDependency(`${component.packageName}/test`);
    const register = (helper.register ?? (helper.default as { register?: unknown } | undefined)?.register) as
      ((t: TestConvex, name: string) => void) | undefined;
    if (!register) throw new Error(`${component.packageName}/test has no register() for convex-test`);
    register(t, component.name);
  }
  await Promise.all(preloads);
  return t;
}

/** Restores the state the log held at open into `runtime`; returns the newest commit timestamp. */
export async function restoreRuntime(
  runtime: Runtime,
  log: DurableLog,
  snapshot: unknown[],
  records: unknown[],
): Promise<bigint> {
  const state = restoreState(snapshot, records);
  const known = new Set(runtime.componentPaths());
  for (const [component, docs] of state.documents) {
    if (!known.has(component))
      throw new Error(`The data directory holds component "${component}", which convex.config.ts no longer declares`);
    const blobs = new Map<string, Blob>();
    for (const doc of docs.values()) {
      if (tableOfId(doc._id) !== "_storage") continue;
      const bytes = await log.readBlob(blobName(component, doc._id));
      if (bytes)
        blobs.set(
          doc._id,
          new Blob([bytes as Uint8Array<ArrayBuffer>], { type: (doc.contentType as string | undefined) ?? "" }),
        );
    }
    runtime.restore(
      component,
      docs.values(),
      state.counters.get(component) ?? { nextDocId: 0, lastCreationTime: 0 },
      blobs,
    );
  }
  runtime.setLastCommitTs(state.ts);
  return state.ts;
}

/**
 * Component test helpers register lazy `import.meta.glob` loaders; loading a module inside a
 * transaction would use timers, which convex-test forbids there. Loads them all up front and
 * hands convex-test loaders that return the loaded modules. A module that fails to load (a
 * component's own test helpers) keeps failing only if a function ever needs it.
 */
function preloadComponentModules(t: TestConvex): Promise<unknown>[] {
  const pending: Promise<unknown>[] = [];
  const register = t.registerComponent.bind(t);
  t.registerComponent = (path, schema, glob) => {
    const eager: Record<string, () => Promise<unknown>> = {};
    for (const [key, load] of Object.entries(glob as Record<string, () => Promise<unknown>>)) {
      if (/\.test\.[mc]?[jt]s$/.test(key)) continue;
      let value: unknown;
      const loaded = load().then((m) => (value = m));
      pending.push(loaded.catch(() => undefined));
      eager[key] = () => (value === undefined ? loaded : Promise.resolve(value));
    }
    return register(path, schema, eager);
  };
  return pending;
}
