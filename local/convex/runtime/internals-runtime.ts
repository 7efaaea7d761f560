/**
 * The handle on one running convex-test instance: commit hooks, restore, query overrides,
 * syscall wrapping, HTTP actions and callers, all through convex-test's internals (their shapes
 * are in `internals-shapes.ts`).
 */
import {
  tableOfId,
  type AsyncSyscall,
  type CommitInfo,
  type ConvexGlobal,
  type ConvexTestModule,
  type Doc,
  type FakeDb,
  type Internals,
  type PageResult,
  type PaginateArgs,
  type QueryJson,
  type Syscall,
  type TestConvex,
} from "./internals-shapes.ts";

/**
 * A handle on one running convex-test instance: the deployment's whole state.
 */
export class Runtime {
  readonly global: ConvexGlobal;
  private readonly internals: Internals;
  private commitListener: ((commit: CommitInfo) => void) | null = null;
  private collecting: CommitInfo | null = null;
  private readonly hooked = new WeakSet<FakeDb>();

  private constructor(global: ConvexGlobal, internals: Internals) {
    this.global = global;
    this.internals = internals;
  }

  static async attach(mod: ConvexTestModule, t: TestConvex): Promise<Runtime> {
    const internals = mod.__parleyInternals;
    let global: ConvexGlobal | undefined;
    await t.run(async () => {
      global = internals.convexGlobalStorage.getStore();
      return null;
    });
    if (!global) throw new Error("convex-test did not expose its global state");
    return new Runtime(global, internals);
  }

  componentPaths(): string[] {
    return Object.keys(this.global.components);
  }

  db(component: string): FakeDb {
    const info = this.global.components[component];
    if (!info) throw new Error(`Component "${component}" is not registered`);
    return info.db;
  }

  currentComponentPath(): string {
    return this.internals.getCurrentComponentPath();
  }

  /** Index definitions of a component's schema, by table. */
  schemaIndexes(component: string, table: string): { name: string; fields: string[] }[] {
    const indexes = this.db(component)._schema?.tables.get(table)?.indexes ?? [];
    return indexes.map((i) => ({ name: i.indexDescriptor, fields: i.fields }));
  }

  /** Calls `listener` once per top-level commit, synchronously, with every document change. */
  onCommit(listener: (commit: CommitInfo) => void): void {
    this.commitListener = listener;
    const tm = this.global.transactionManager;
    const originalCommit = tm.commit.bind(tm);
    tm.commit = (isNested: boolean) => {
      if (isNested) return originalCommit(true);
      this.collecting = { ts: 0n, changes: [], counters: {}, files: [] };
      try {
        const ts = originalCommit(false);
        const info = this.collecting;
        info.ts = ts ?? tm._lastCommitTs;
        for (const path of this.componentPaths()) {
          const db = this.db(path);
          info.counters[path] = { nextDocId: db._nextDocId, lastCreationTime: db._lastCreationTime };
        }
        if (info.changes.length > 0 || info.files.length > 0) this.commitListener?.(info);
        return ts;
      } finally {
        this.collecting = null;
      }
    };
    for (const path of this.componentPaths()) this.hookDb(path);
  }

  /**
   * Calls `listener` with each top-level transaction's metrics (documents and bytes read and
   * written, index ranges) just before it commits: what a test checks against Convex's limits.
   */
  onTransactionMetrics(listener: (metrics: Record<string, number>) => void): void {
    const tm = this.global.transactionManager as ConvexGlobal["transactionManager"] & {
      _metricsTracker: { _layers: { metrics: Record<string, number> }[] } | null;
    };
    const commit = tm.commit.bind(tm);
    tm.commit = (isNested: boolean) => {
      const metrics = tm._metricsTracker?._layers[0]?.metrics;
      if (!isNested && metrics) listener({ ...metrics });
      return commit(isNested);
    };
  }

  /** Installs the commit hook on a component registered after `onCommit`. */
  hookDb(component: string): void {
    const db = this.db(component);
    if (this.hooked.has(db)) return;
    this.hooked.add(db);
    const originalCommit = db.commit.bind(db);
    db.commit = (commitTs: bigint | null) => {
      const top = db._writes.length === 1 ? db._writes[0] : null;
      const topFiles = db._pendingFiles.length === 1 ? db._pendingFiles[0] : null;
      const before = top ? Object.keys(top).map((id) => [id, db._documents[id] ?? null] as const) : [];
      originalCommit(commitTs);
      const info = this.collecting;
      if (!top || !info) return;
      for (const [id, prior] of before) {
        const after = db._documents[id] ?? null;
        if (prior === null && after === null) continue;
        info.changes.push({ component, table: tableOfId(id) ?? "", id, before: prior, after });
      }
      for (const [id] of topFiles ?? []) {
        const blob = db._storage[id];
        if (blob) info.files.push({ component, id, blob });
      }
    };
  }

  /** Pending (uncommitted) writes of the current transaction to one table, newest level first wins. */
  pendingWrites(db: FakeDb, table: string): Map<string, Doc | null> {
    const result = new Map<string, Doc | null>();
    for (let level = db._writes.length - 1; level >= 0; level--) {
      for (const [id, doc] of Object.entries(db._writes[level])) {
        if (!result.has(id) && tableOfId(id) === table) result.set(id, doc);
      }
    }
    return result;
  }

  /** Loads persisted documents into a component, ids and creation times intact. */
  restore(
    component: string,
    docs: Iterable<Doc>,
    counters: { nextDocId: number; lastCreationTime: number },
    blobs: Map<string, Blob>,
  ): void {
    const db = this.db(component);
    for (const doc of docs) {
      db._documents[doc._id] = doc;
      const table = tableOfId(doc._id) ?? "";
      let ids = db._tableIds.get(table);
      if (!ids) db._tableIds.set(table, (ids = new Set()));
      ids.add(doc._id);
    }
    for (const [id, blob] of blobs) db._storage[id] = blob;
    db._nextDocId = Math.max(db._nextDocId, counters.nextDocId);
    db._lastCreationTime = Math.max(db._lastCreationTime, counters.lastCreationTime);
  }

  setLastCommitTs(ts: bigint): void {
    const tm = this.global.transactionManager;
    if (ts > tm._lastCommitTs) tm._lastCommitTs = ts;
  }

  get lastCommitTs(): bigint {
    return this.global.transactionManager._lastCommitTs;
  }

  /** Every committed document of a component (for snapshots). */
  documents(component: string): IterableIterator<Doc> {
    return Object.values(this.db(component)._documents)[Symbol.iterator]();
  }

  counters(component: string): { nextDocId: number; lastCreationTime: number } {
    const db = this.db(component);
    return { nextDocId: db._nextDocId, lastCreationTime: db._lastCreationTime };
  }

  /** Replaces how a component's database evaluates streamed and paginated queries. */
  overrideQueries(
    component: string,
    evaluate: (db: FakeDb, query: QueryJson, original: (q: QueryJson) => Iterator<Doc>) => Iterator<Doc>,
    paginate: (db: FakeDb, args: PaginateArgs, original: (a: PaginateArgs) => PageResult) => PageResult,
  ): void {
    const db = this.db(component);
    const originalEvaluate = db._evaluateQuery.bind(db);
    const originalPaginate = db.paginate.bind(db);
    db._evaluateQuery = (query) => evaluate(db, query, originalEvaluate);
    db.paginate = (args) => paginate(db, args, originalPaginate);
  }

  /** convex-test's evaluation of a query's `.filter()` operators, as one predicate. */
  filterOf(query: QueryJson): (doc: Doc) => boolean {
    const filters = query.operators.flatMap((op) => ("filter" in op ? [op.filter] : []));
    const evaluate = this.internals.evaluateFilter;
    return (doc) => filters.every((f) => Boolean(evaluate(doc, f)));
  }

  /** Wraps the syscalls every function's database access goes through. */
  wrapSyscalls(wrap: {
    sync?: (op: string, args: string, next: Syscall) => string;
    async?: (op: string, args: string, next: AsyncSyscall) => Promise<string>;
  }): void {
    const g = this.global;
    const sync = g.syscall;
    const asyncCall = g.asyncSyscall;
    if (wrap.sync) {
      const w = wrap.sync;
      g.syscall = (op, args) => w(op, args, sync);
    }
    if (wrap.async) {
      const w = wrap.async;
      g.asyncSyscall = (op, args) => w(op, args, asyncCall);
    }
  }

  /** Runs `fn` with this runtime's global state active (for calls made outside `t.*`). */
  inContext<R>(fn: () => R): R {
    return this.internals.convexGlobalStorage.run(this.global, fn);
  }

  /**
   * Runs an HTTP action like a deployment: the handler sees the request exactly as it arrived,
   * public URL included (convex-test's `t.fetch` rewrites it). `router` is `convex/http.ts`'s
   * default export.
   */
  async runHttpAction(
    router: { lookup(path: string, method: string): [unknown, string, string] | null },
    request: Request,
    httpActionGeneric: (fn: (ctx: unknown, req: Request) => Promise<Response>) => {
      invokeHttpAction(r: Request): Promise<Response>;
    },
  ): Promise<Response> {
    const i = this.internals;
    const found = router.lookup(new URL(request.url).pathname, request.method);
    if (!found) return new Response(`No matching routes found`, { status: 404 });
    return await this.inContext(async () => {
      const auth = new i.AuthFake();
      const api = i.withAuth(auth);
      const action = httpActionGeneric((ctx, req) => {
        const full = {
          ...(ctx as object),
          runQuery: api.query,
          runMutation: api.mutation,
          runAction: api.action,
          auth,
        };
        return i.runWithGlobalOverrides({}, () => i.getHandler(found[0])(full, req));
      });
      const metadata = {
        ip: null,
        userAgent: request.headers.get("user-agent"),
        requestId: i.newRequestId(),
        scheduledFunctionId: null,
        authToken: null,
      };
      const ctx = { componentPath: "", udfPath: "http", udfType: "http", depth: 0 };
      return await i.executionContextStorage.run(ctx, () =>
        i.requestMetadataStorage.run(metadata, () => action.invokeHttpAction(request)),
      );
    });
  }

  /** A function caller bound to an identity (null: no identity) that runs in this runtime. */
  caller(identity: object | null, token: string | null): ReturnType<Internals["withAuth"]> {
    const i = this.internals;
    const auth = identity === null ? new i.AuthFake() : new i.AuthFake(identity, token);
    const api = i.withAuth(auth);
    const bound: Record<string, unknown> = {};
    for (const [key, fn] of Object.entries(api)) {
      bound[key] =
        typeof fn === "function"
          ? (...args: unknown[]) =>
              this.inContext(() => i.authStorage.run(auth, () => (fn as (...a: unknown[]) => unknown)(...args)))
          : fn;
    }
    return bound as ReturnType<Internals["withAuth"]>;
  }
}
