/**
 * The shapes of convex-test's internal objects (DatabaseFake, the global state, the module's
 * exports) as far as the local backend reads or replaces them, and the commit records built
 * from them. `internals.ts` checks a loaded convex-test against these.
 */

export type Doc = Record<string, unknown> & { _id: string; _creationTime: number };
type Writes = Record<string, Doc | null>;

/** The parts of convex-test's DatabaseFake this backend reads or replaces. */
export interface FakeDb {
  _componentPath: string;
  _documents: Record<string, Doc>;
  _tableIds: Map<string, Set<string>>;
  _storage: Record<string, Blob>;
  _nextDocId: number;
  _lastCreationTime: number;
  _writes: Writes[];
  _pendingFiles: Map<string, Blob>[];
  _schema: { tables: Map<string, { indexes: { indexDescriptor: string; fields: string[] }[] }> } | null;
  commit(commitTs: bigint | null): void;
  storeFile(storageId: string, blob: Blob): void;
  get(table: string | undefined, id: string): Doc | null;
  insert(table: string, value: Record<string, unknown>): string;
  patch(table: string, id: string, value: Record<string, unknown>): void;
  _evaluateQuery(query: QueryJson): Iterator<Doc>;
  paginate(args: PaginateArgs): PageResult;
}

export interface QueryJson {
  source:
    | { type: "FullTableScan"; tableName: string; order?: "asc" | "desc" | null }
    | { type: "IndexRange"; indexName: string; range: RangeJson[]; order?: "asc" | "desc" | null }
    | { type: "Search"; indexName: string; filters: unknown[] };
  operators: Array<{ filter: unknown } | { limit: number }>;
}
export interface RangeJson {
  type: "Eq" | "Gt" | "Gte" | "Lt" | "Lte";
  fieldPath: string;
  value: unknown;
}
export interface PaginateArgs {
  query: QueryJson;
  cursor: string | null;
  endCursor: string | null;
  pageSize: number;
  maximumRowsRead?: number;
  maximumBytesRead?: number;
}
export interface PageResult {
  page: Doc[];
  isDone: boolean;
  continueCursor: string;
  splitCursor: string | null;
  pageStatus: string | null;
}

export type Syscall = (op: string, jsonArgs: string) => string;
export type AsyncSyscall = (op: string, jsonArgs: string) => Promise<string>;

export interface ConvexGlobal {
  components: Record<string, { db: FakeDb; modules: (path: string) => Promise<Record<string, unknown>> }>;
  transactionManager: { _lastCommitTs: bigint; commit(isNested: boolean): bigint | null };
  syscall: Syscall;
  asyncSyscall: AsyncSyscall;
}

export interface Internals {
  convexGlobalStorage: { getStore(): ConvexGlobal | undefined; run<R>(g: ConvexGlobal, f: () => R): R };
  executionContextStorage: { run<R>(ctx: object, f: () => R): R };
  requestMetadataStorage: { run<R>(m: object, f: () => R): R };
  authStorage: { run<R>(a: object, f: () => R): R };
  getCurrentComponentPath(): string;
  withAuth(auth?: object): Record<string, (...args: never[]) => Promise<unknown>> & {
    query(ref: unknown, args: unknown): Promise<unknown>;
    mutation(ref: unknown, args: unknown): Promise<unknown>;
    action(ref: unknown, args: unknown): Promise<unknown>;
  };
  runWithGlobalOverrides<R>(overrides: object, f: () => R): R;
  getHandler(func: unknown): (ctx: unknown, request: Request) => Promise<Response>;
  newRequestId(): string;
  AuthFake: new (identity?: unknown, token?: string | null) => object;
  evaluateFilter(doc: Doc, filter: unknown): unknown;
}

/** What convex-test's `convexTest()` returns, as far as this backend uses it. */
export interface TestConvex {
  run<R>(fn: (ctx: { db: unknown; storage: unknown }) => Promise<R>): Promise<R>;
  query(ref: unknown, args: unknown): Promise<unknown>;
  mutation(ref: unknown, args: unknown): Promise<unknown>;
  action(ref: unknown, args: unknown): Promise<unknown>;
  withIdentity(identity: object): TestConvex;
  registerComponent(path: string, schema: unknown, modules: unknown): unknown;
}

export interface ConvexTestModule {
  convexTest(schema: unknown, modules: Record<string, () => Promise<unknown>>): TestConvex;
  __parleyInternals: Internals;
}

export interface Change {
  component: string;
  table: string;
  id: string;
  before: Doc | null;
  after: Doc | null;
}
export interface CommitInfo {
  ts: bigint;
  changes: Change[];
  /** Per component: the id counter and creation-time high-water mark after this commit. */
  counters: Record<string, { nextDocId: number; lastCreationTime: number }>;
  /** Files committed by this transaction: component, storage id and contents. */
  files: { component: string; id: string; blob: Blob }[];
}

/** Table name of a convex-test id (`<counter><table>`). */
export function tableOfId(id: string): string | null {
  const match = /^[0-9]+/.exec(id);
  if (!match || match[0].length === id.length) return null;
  return id.slice(match[0].length);
}
