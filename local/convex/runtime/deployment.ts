/**
 * One local deployment: the project's functions on convex-test, made durable, index-backed,
 * read-tracked and scheduled. The sync and HTTP servers call functions through this class and
 * learn of every durable commit from it.
 */
import path from "node:path";
import { httpActionGeneric } from "convex/server";
import { convexToJson, type Value } from "convex/values";
import { CommitWriter } from "../storage/commit-writer.ts";
import { applyEnv } from "./deployment-env.ts";
import { createTestConvex, restoreRuntime } from "./deployment-setup.ts";
import { readTracking, wrapSyscalls } from "./deployment-syscalls.ts";
import { DurableLog } from "../storage/durable-log.ts";
import { callerApi, describeError, resolveFunction, serverError, type Caller, type Outcome } from "./function-calls.ts";
import { checkInternals, checkRuntimeShape } from "./internals.ts";
import { Runtime } from "./internals-runtime.ts";
import type { CommitInfo, TestConvex } from "./internals-shapes.ts";
import { loadProject, type LoadedProject } from "./loader.ts";
import { QueryEngine, installQueryEngine } from "./query-engine.ts";
import { ReadSet } from "./reads.ts";
import { signUploadToken, verifyUploadToken } from "./upload-tokens.ts";
import { Jobs, type FunctionKind } from "./jobs.ts";
import { snapshotEntries } from "../storage/persistence.ts";

export type { Caller, FunctionKind };

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

const COMPACT_AFTER = 64 * 1024 * 1024;

export class Deployment {
  readonly runtime: Runtime;
  readonly project: LoadedProject;
  private readonly t: TestConvex;
  private readonly log: DurableLog;
  private engine!: QueryEngine;
  private readonly jobs: Jobs;
  private readonly writer: CommitWriter;
  private readonly listeners = new Set<(commit: CommitInfo) => void>();
  private readonly reloadListeners = new Set<() => void>();
  private durable: Promise<void> = Promise.resolve();
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
    this.writer = new CommitWriter(log);
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
    const t = await createTestConvex(project);
    const runtime = await Runtime.attach(project.convexTest, t);
    checkRuntimeShape(runtime.global, project.convexTestVersion);
    const opened = await DurableLog.open(path.join(options.dataDir, "db"));
    deployment = new Deployment(project, t, runtime, opened.log, opened.warnings, options);
    await deployment.boot(opened.snapshot, opened.records);
    return deployment;
  }

  private async boot(snapshot: unknown[], records: unknown[]): Promise<void> {
    this.durableTs = await restoreRuntime(this.runtime, this.log, snapshot, records);
    this.engine = installQueryEngine(this.runtime);
    this.runtime.onCommit((commit) => this.committed(commit));
    wrapSyscalls({
      runtime: this.runtime,
      engine: this.engine,
      jobs: this.jobs,
      cloudUrl: this.options.cloudUrl,
      uploadToken: () => this.uploadToken(),
    });
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
    const durable = this.writer.write(commit);
    this.durable = durable;
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

  // ---- upload tokens ----

  /** A signed, expiring permission to upload one file (what `generateUploadUrl` hands out). */
  uploadToken(): string {
    return signUploadToken(this.options.uploadSecret);
  }

  checkUploadToken(token: string): boolean {
    return verifyUploadToken(this.options.uploadSecret, token);
  }

  // ---- calling functions ----

  /** Resolves a client-callable function or throws FunctionNotFound with the deployment's message. */
  resolve(udfPath: string, kind: FunctionKind | "any", caller: Caller): { kind: FunctionKind; canonical: string } {
    return resolveFunction(this.project, udfPath, kind, caller);
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
    const api = callerApi(this.runtime, caller);
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
