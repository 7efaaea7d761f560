/**
 * One local deployment: the project's functions on convex-test, made durable, index-backed,
 * read-tracked and scheduled. The sync and HTTP servers call functions through this class and
 * learn of every durable commit from it.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import path from "node:path";
import { httpActionGeneric } from "convex/server";
import { convexToJson, jsonToConvex, type JSONValue, type Value } from "convex/values";
import { DurableLog } from "./durable-log.ts";
import { compileRange, type RangeExpr } from "./index-keys.ts";
import { checkInternals, checkRuntimeShape } from "./internals.ts";
import { Runtime } from "./internals-runtime.ts";
import { tableOfId, type CommitInfo, type QueryJson, type TestConvex } from "./internals-shapes.ts";
import { loadProject, type LoadedProject } from "./loader.ts";
import { QueryEngine, indexSource, installQueryEngine } from "./query-engine.ts";
import { ReadSet } from "./reads.ts";
import { Jobs, kindOfFunction, parseUdfPath, type FunctionKind } from "./jobs.ts";

export type { FunctionKind };
import { restoreState, encodeCommit, snapshotEntries, blobName } from "./persistence.ts";

export type Caller =
  | { kind: "none" }
  | { kind: "user"; identity: Record<string, unknown>; token: string; expiresAt?: number }
  | { kind: "admin"; identity?: Record<string, unknown> };

export interface Outcome {
  ok: boolean;
  value?: JSONValue;
  errorMessage?: string;
  errorData?: JSONValue;
  logLines: string[];
}

export class FunctionNotFound extends Error {}

export interface DeploymentOptions {
  functionsDir: string;
  root: string;
  dataDir: string;
  dev?: boolean;
  cloudUrl: string;
  siteUrl: string;
  env: Record<string, string>;
  /** Key that signs upload URLs (the admin key serves). */
  uploadSecret: string;
  /** Bytes of log after which the data is compacted into a snapshot. */
  compactAfterBytes?: number;
}

const readTracking = new AsyncLocalStorage<ReadSet>();
const COMPACT_AFTER = 64 * 1024 * 1024;

export class Deployment {
  readonly runtime: Runtime;
  readonly project: LoadedProject;
  private readonly t: TestConvex;
  private readonly log: DurableLog;
  private engine!: QueryEngine;
  private readonly jobs: Jobs;
  private readonly listeners = new Set<(commit: CommitInfo) => void>();
  private readonly reloadListeners = new Set<() => void>();
  private durable: Promise<void> = Promise.resolve();
  private queue: { record: unknown; ready: Promise<unknown> | null; done: (e?: unknown) => void }[] = [];
  private pumping = false;
  private compacting = false;
  private closed = false;
  private durableTs = 0n;
  readonly warnings: string[];

  private constructor(
    project: LoadedProject,
    t: TestConvex,
    runtime: Runtime,
    log: DurableLog,
    warnings: string[],
    private readonly options: DeploymentOptions,
  ) {
    this.project = project;
    this.t = t;
    this.runtime = runtime;
    this.log = log;
    this.warnings = warnings;
    this.jobs = new Jobs(runtime, t);
  }

  static async start(options: DeploymentOptions): Promise<Deployment> {
    applyEnv(options);
    let deployment: Deployment | null = null;
    const project = await loadProject({
      functionsDir: options.functionsDir,
      root: options.root,
      dev: options.dev ?? false,
      onChange: () => deployment?.reloaded(),
    });
    checkInternals(project.convexTest, project.convexTestVersion);
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
    const runtime = await Runtime.attach(project.convexTest, t);
    checkRuntimeShape(runtime.global, project.convexTestVersion);
    const opened = await DurableLog.open(path.join(options.dataDir, "db"));
    deployment = new Deployment(project, t, runtime, opened.log, opened.warnings, options);
    await deployment.boot(opened.snapshot, opened.records);
    return deployment;
  }

  private async boot(snapshot: unknown[], records: unknown[]): Promise<void> {
    const state = restoreState(snapshot, records);
    const known = new Set(this.runtime.componentPaths());
    for (const [component, docs] of state.documents) {
      if (!known.has(component))
        throw new Error(`The data directory holds component "${component}", which convex.config.ts no longer declares`);
      const blobs = new Map<string, Blob>();
      for (const doc of docs.values()) {
        if (tableOfId(doc._id) !== "_storage") continue;
        const bytes = await this.log.readBlob(blobName(component, doc._id));
        if (bytes)
          blobs.set(
            doc._id,
            new Blob([bytes as Uint8Array<ArrayBuffer>], { type: (doc.contentType as string | undefined) ?? "" }),
          );
      }
      this.runtime.restore(
        component,
        docs.values(),
        state.counters.get(component) ?? { nextDocId: 0, lastCreationTime: 0 },
        blobs,
      );
    }
    this.runtime.setLastCommitTs(state.ts);
    this.durableTs = state.ts;
    this.engine = installQueryEngine(this.runtime);
    this.runtime.onCommit((commit) => this.committed(commit));
    this.wrapSyscalls();
    await this.jobs.recover();
    this.jobs.startCrons(this.project.modules.get("crons")?.default, (kind, path, args) =>
      this.call(kind, path, args, { kind: "admin" }),
    );
    if (records.length > 10_000 || this.log.logBytes > (this.options.compactAfterBytes ?? COMPACT_AFTER))
      await this.compact();
  }

  // ---- commits, durability, notification ----

  private committed(commit: CommitInfo): void {
    for (const change of commit.changes) this.engine.apply(change.component, change.table, change.before, change.after);
    const ready = commit.files.length
      ? Promise.all(
          commit.files.map(async (f) =>
            this.log.writeBlob(blobName(f.component, f.id), new Uint8Array(await f.blob.arrayBuffer())),
          ),
        )
      : null;
    const record = encodeCommit(commit);
    const durable = new Promise<void>((resolve, reject) => {
      this.queue.push({ record, ready, done: (e) => (e ? reject(e as Error) : resolve()) });
    });
    this.durable = durable;
    void this.pump();
    durable.then(
      () => {
        if (commit.ts > this.durableTs) this.durableTs = commit.ts;
        this.jobs.committed(commit);
        for (const listener of this.listeners) listener(commit);
        if (this.log.logBytes > (this.options.compactAfterBytes ?? COMPACT_AFTER)) void this.compact();
      },
      (error: unknown) => console.error("Could not write a commit to disk:", error),
    );
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.queue.length > 0) {
        const head = this.queue[0];
        if (head.ready) await head.ready.catch(() => undefined);
        this.queue.shift();
        this.log.append(head.record).then(() => head.done(), head.done);
      }
    } finally {
      this.pumping = false;
    }
  }

  /** Resolves once every commit made so far is on disk. */
  async waitDurable(): Promise<void> {
    await this.durable;
  }

  /** The newest commit timestamp that is on disk. */
  get ts(): bigint {
    return this.durableTs;
  }

  onDurableCommit(listener: (commit: CommitInfo) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onReload(listener: () => void): void {
    this.reloadListeners.add(listener);
  }

  private reloaded(): void {
    console.log("Functions reloaded");
    for (const listener of this.reloadListeners) listener();
  }

  async compact(): Promise<void> {
    if (this.compacting || this.closed) return;
    this.compacting = true;
    try {
      await this.waitDurable();
      await this.log.compact(snapshotEntries(this.runtime, this.runtime.lastCommitTs));
    } finally {
      this.compacting = false;
    }
  }

  // ---- read tracking, journals, scheduling syscalls ----

  private wrapSyscalls(): void {
    const rt = this.runtime;
    const recordQuery = (query: QueryJson) => {
      const reads = readTracking.getStore();
      if (!reads) return;
      const component = rt.currentComponentPath();
      const source = indexSource(query);
      if (!source) {
        reads.addTable(component, query.source.type === "Search" ? query.source.indexName.split(".")[0] : "");
        return;
      }
      const compiled = compileRange(this.engine.fields(component, source), source.range as RangeExpr[]);
      reads.addRange(component, source.table, (doc) => compiled.contains(doc));
    };
    rt.wrapSyscalls({
      sync: (op, args, next) => {
        if (op === "1.0/queryStream") recordQuery((JSON.parse(args) as { query: QueryJson }).query);
        return next(op, args);
      },
      async: async (op, args, next) => {
        const reads = readTracking.getStore();
        switch (op) {
          case "1.0/storageGetUrl": {
            const { storageId } = JSON.parse(args) as { storageId: string };
            reads?.addId(rt.currentComponentPath(), storageId);
            const found = JSON.parse(await next(op, args)) as string | null;
            return JSON.stringify(
              found === null ? null : `${this.options.cloudUrl}/api/storage/${encodeURIComponent(storageId)}`,
            );
          }
          case "1.0/storageGenerateUploadUrl":
            return JSON.stringify(`${this.options.cloudUrl}/api/storage/upload?token=${this.uploadToken()}`);
          case "1.0/get":
          case "1.0/storageGet": {
            const parsed = JSON.parse(args) as { id?: string; storageId?: string };
            reads?.addId(rt.currentComponentPath(), (parsed.id ?? parsed.storageId) as string);
            return await next(op, args);
          }
          case "1.0/count":
            reads?.addTable(rt.currentComponentPath(), (JSON.parse(args) as { table: string }).table);
            return await next(op, args);
          case "1.0/queryPage":
            return await this.queryPage(args, next, recordQuery);
          case "1.0/schedule":
            return this.jobs.schedule(args);
          default:
            return await next(op, args);
        }
      },
    });
  }

  /** A signed, expiring permission to upload one file (what `generateUploadUrl` hands out). */
  uploadToken(): string {
    const expires = Date.now() + 60 * 60 * 1000;
    const mac = createHmac("sha256", this.options.uploadSecret).update(String(expires)).digest("base64url");
    return `${expires}.${mac}`;
  }

  checkUploadToken(token: string): boolean {
    const [expires, mac] = token.split(".");
    if (!expires || !mac || Number(expires) < Date.now()) return false;
    const expected = createHmac("sha256", this.options.uploadSecret).update(expires).digest("base64url");
    return mac.length === expected.length && timingSafeEqual(Buffer.from(mac), Buffer.from(expected));
  }

  private async queryPage(
    args: string,
    next: (op: string, args: string) => Promise<string>,
    record: (q: QueryJson) => void,
  ): Promise<string> {
    const reads = readTracking.getStore();
    const parsed = JSON.parse(args) as { query: QueryJson; endCursor: string | null };
    record(parsed.query);
    if (reads?.journalIn && !parsed.endCursor) parsed.endCursor = reads.journalIn;
    const result = await next("1.0/queryPage", JSON.stringify(parsed));
    if (reads) reads.journalOut = parsed.endCursor ?? (JSON.parse(result) as { continueCursor: string }).continueCursor;
    return result;
  }

  // ---- calling functions ----

  /** Resolves a client-callable function or throws FunctionNotFound with the deployment's message. */
  resolve(udfPath: string, kind: FunctionKind | "any", caller: Caller): { kind: FunctionKind; canonical: string } {
    const { canonical } = parseUdfPath(udfPath);
    const { module, name } = parseUdfPath(udfPath);
    const fn = (this.project.modules.get(module)?.[name] as Record<string, unknown> | undefined) ?? null;
    const actual = fn ? kindOfFunction(fn) : null;
    const visible = actual !== null && (fn?.isPublic === true || caller.kind === "admin");
    if (!visible) {
      throw new FunctionNotFound(
        `Could not find public function for '${canonical}'. Did you forget to run \`npx convex dev\` or \`npx convex deploy\`?`,
      );
    }
    if (kind !== "any" && kind !== actual) {
      const label = (k: string) => k[0].toUpperCase() + k.slice(1);
      throw new FunctionNotFound(
        `Trying to execute ${canonical} as ${label(kind)}, but it is defined as ${label(actual)}.`,
      );
    }
    return { kind: actual, canonical };
  }

  private api(
    caller: Caller,
  ): Record<string, (fp: { componentPath: string; udfPath: string }, args: unknown) => Promise<unknown>> {
    const identity =
      caller.kind === "user" ? caller.identity : caller.kind === "admin" ? (caller.identity ?? null) : null;
    const token = caller.kind === "user" ? caller.token : null;
    return this.runtime.caller(identity, token) as unknown as Record<
      string,
      (fp: { componentPath: string; udfPath: string }, args: unknown) => Promise<unknown>
    >;
  }

  /** Runs a query, recording what it read; `journal` keeps a paginated page's end fixed. */
  async query(
    udfPath: string,
    args: Record<string, Value>,
    caller: Caller,
    journal: string | null = null,
  ): Promise<Outcome & { reads: ReadSet; journal: string | null }> {
    const reads = new ReadSet(journal);
    const outcome = await readTracking.run(reads, () => this.invoke("query", udfPath, args, caller));
    return { ...outcome, reads, journal: reads.journalOut ?? journal };
  }

  /** Runs any function; a mutation's result is returned only once its writes are on disk. */
  async call(
    kind: FunctionKind | "any",
    udfPath: string,
    args: Record<string, Value>,
    caller: Caller,
  ): Promise<Outcome & { ts?: bigint }> {
    if (kind === "query") return await this.query(udfPath, args, caller);
    return await this.invoke(kind, udfPath, args, caller);
  }

  private async invoke(
    kind: FunctionKind | "any",
    udfPath: string,
    args: Record<string, Value>,
    caller: Caller,
  ): Promise<Outcome & { ts?: bigint }> {
    let resolved: { kind: FunctionKind; canonical: string };
    try {
      resolved = this.resolve(udfPath, kind, caller);
    } catch (error) {
      return { ok: false, errorMessage: serverError((error as Error).message), logLines: [] };
    }
    const fp = { componentPath: "", udfPath: resolved.canonical };
    const api = this.api(caller);
    try {
      const method =
        resolved.kind === "query"
          ? api.queryFromPath
          : resolved.kind === "mutation"
            ? api.mutationFromPath
            : api.actionFromPath;
      const value = await method(fp, args);
      if (resolved.kind === "mutation") await this.waitDurable();
      return { ok: true, value: convexToJson(value as Value), logLines: [], ts: this.runtime.lastCommitTs };
    } catch (error) {
      if (resolved.kind !== "query") await this.waitDurable();
      return { ...describeError(error), logLines: [] };
    }
  }

  /** An HTTP action from `convex/http.ts`, seeing the request as it arrived. */
  async httpAction(request: Request): Promise<Response> {
    const router = this.project.modules.get("http")?.default as Parameters<Runtime["runHttpAction"]>[0] | undefined;
    if (!router) return new Response("No HTTP routes are defined (convex/http.ts)", { status: 404 });
    const response = await this.runtime.runHttpAction(router, request, httpActionGeneric as never);
    await this.waitDurable();
    return response;
  }

  async storeFile(blob: Blob): Promise<string> {
    const id = await this.t.run(async (ctx) => await (ctx.storage as { store(b: Blob): Promise<string> }).store(blob));
    await this.waitDurable();
    return id;
  }

  getFile(storageId: string): { blob: Blob; contentType: string | null } | null {
    const db = this.runtime.db("");
    const meta = db._documents[storageId];
    const blob = db._storage[storageId];
    if (!meta || !blob) return null;
    return { blob, contentType: (meta.contentType as string | undefined) ?? null };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.jobs.stop();
    await this.waitDurable().catch(() => undefined);
    await this.log.close();
    await this.project.close();
  }
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

/** The error fields a deployment reports for a failed function. */
export function describeError(error: unknown): { ok: false; errorMessage: string; errorData?: JSONValue } {
  const e = error as { message?: string; data?: unknown; name?: string } | null;
  const isConvexError =
    e !== null && typeof e === "object" && (Symbol.for("ConvexError") in e || e.name === "ConvexError");
  if (isConvexError) {
    const data = typeof e.data === "string" ? (safeParse(e.data) ?? e.data) : e.data;
    return {
      ok: false,
      errorMessage: serverError(`Uncaught ConvexError: ${e.message ?? ""}`),
      errorData: convexToJson((data ?? null) as Value),
    };
  }
  return { ok: false, errorMessage: serverError(`Uncaught Error: ${e?.message ?? String(error)}`) };
}

/** A deployment's error text: a request id, "Server Error", then what went wrong. */
function serverError(message: string): string {
  return `[Request ID: ${randomBytes(8).toString("hex")}] Server Error\n${message}`;
}

function safeParse(text: string): unknown {
  try {
    return jsonToConvex(JSON.parse(text) as JSONValue);
  } catch {
    return undefined;
  }
}

/** Functions read the deployment's variables from `process.env`, set before any module loads. */
function applyEnv(options: DeploymentOptions): void {
  Object.assign(process.env, options.env, { CONVEX_CLOUD_URL: options.cloudUrl, CONVEX_SITE_URL: options.siteUrl });
}

/**
 * Leaves in `process.env` only what Node needs, so functions see the deployment's variables and
 * not the shell's (a real deployment has only its own). For the backend's own process.
 */
export function scrubProcessEnv(): void {
  const keep = new Set(["PATH", "HOME", "TMPDIR", "NODE_ENV", "NODE_OPTIONS", "TZ", "LANG"]);
  for (const key of Object.keys(process.env)) if (!keep.has(key)) delete process.env[key];
}

/** Sets or removes deployment variables while running. */
export function setEnv(changes: { name: string; value: string | null }[]): void {
  for (const { name, value } of changes) {
    if (value === null) delete process.env[name];
    else process.env[name] = value;
  }
}
