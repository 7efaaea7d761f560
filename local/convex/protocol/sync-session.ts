/**
 * One connection of Convex's WebSocket sync protocol, as the convex client speaks it
 * (convex/src/browser/sync/protocol.ts): query sets with versions, mutations in order per
 * session, actions, authentication, and Transitions pushed when the SyncHub (`sync.ts`) finds
 * that a durable commit touched what a subscribed query read.
 */
import { randomUUID } from "node:crypto";
import { Base64, jsonToConvex, type JSONValue, type Value } from "convex/values";
import type { WebSocket } from "ws";
import type { Caller, Deployment } from "../runtime/deployment.ts";
import type { ReadSet } from "../runtime/reads.ts";

export const CHUNK_BYTES = 1 << 20;
const PING_MS = 15_000;

export function encodeTs(ts: bigint): string {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigUint64(0, ts, true);
  return Base64.fromByteArray(bytes);
}

interface Subscribed {
  udfPath: string;
  args: Record<string, Value>;
  journal: string | null;
  lastJson: string | null;
}

type ClientMessage = { type: string } & Record<string, unknown>;

export interface Authenticator {
  /** Resolves the caller for a token, or throws an Error whose message the client is told. */
  authenticate(message: {
    tokenType: string;
    value?: string;
    impersonating?: Record<string, unknown>;
  }): Promise<Caller>;
}

/**
 * What a session needs from the hub every session shares (SyncHub, `sync.ts`). Declared here so a
 * session depends on this interface and the hub on Session, not each on the other.
 */
export interface SessionHub {
  readonly deployment: Deployment;
  readonly auth: Authenticator;
  /**
   * Records what the session's query read; true when a commit after `since` (made while the
   * query ran) already touched those reads, so the query must run again.
   */
  track(session: Session, queryId: number, reads: ReadSet, since: bigint): boolean;
  forget(session: Session, queryId: number): void;
  markDirty(session: Session): void;
}

export class Session {
  readonly id = randomUUID();
  private querySet = 0;
  private identity = 0;
  private ts = 0n;
  private caller: Caller = { kind: "none" };
  private readonly queries = new Map<number, Subscribed>();
  private readonly dirty = new Set<number>();
  private serial: Promise<void> = Promise.resolve();
  private mutations: Promise<void> = Promise.resolve();
  private closed = false;
  private readonly ping: NodeJS.Timeout;

  constructor(
    private readonly hub: SessionHub,
    private readonly ws: WebSocket,
  ) {
    ws.on("message", (data) => this.receive(String(data)));
    ws.on("close", () => this.close());
    ws.on("error", () => this.close());
    this.ping = setInterval(() => this.send({ type: "Ping" }), PING_MS);
    this.ping.unref();
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.ping);
    for (const queryId of this.queries.keys()) this.hub.forget(this, queryId);
    this.queries.clear();
  }

  private send(message: object): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    this.ws.send(JSON.stringify(message));
  }

  private fatal(error: string): void {
    this.send({ type: "FatalError", error });
    this.ws.close(1011, error.slice(0, 120));
    this.close();
  }

  private inOrder(task: () => Promise<void>): void {
    this.serial = this.serial.then(task).catch((error: unknown) => this.fatal(`Internal error: ${String(error)}`));
  }

  private receive(raw: string): void {
    let message: ClientMessage;
    try {
      message = JSON.parse(raw) as ClientMessage;
    } catch {
      this.fatal("Could not parse a client message as JSON");
      return;
    }
    switch (message.type) {
      case "Connect":
      case "Event":
        return;
      case "ModifyQuerySet":
        return this.inOrder(() => this.modifyQuerySet(message));
      case "Authenticate":
        return this.inOrder(() => this.authenticate(message));
      case "Mutation":
        this.mutations = this.mutations.then(() => this.mutation(message)).catch((e: unknown) => this.fatal(String(e)));
        return;
      case "Action":
        void this.action(message);
        return;
      default:
        this.fatal(`Unknown client message type "${message.type}"`);
    }
  }

  private version(ts = this.ts) {
    return { querySet: this.querySet, identity: this.identity, ts: encodeTs(ts) };
  }

  private sendTransition(modifications: object[], start: ReturnType<Session["version"]>, endTs: bigint): void {
    this.ts = endTs;
    const transition = JSON.stringify({
      type: "Transition",
      startVersion: start,
      endVersion: this.version(endTs),
      modifications,
    });
    if (transition.length <= CHUNK_BYTES) {
      if (!this.closed && this.ws.readyState === this.ws.OPEN) this.ws.send(transition);
      return;
    }
    const transitionId = randomUUID();
    const totalParts = Math.ceil(transition.length / CHUNK_BYTES);
    for (let part = 0; part < totalParts; part++) {
      const chunk = transition.slice(part * CHUNK_BYTES, (part + 1) * CHUNK_BYTES);
      this.send({ type: "TransitionChunk", chunk, partNumber: part, totalParts, transitionId });
    }
  }

  private nextTs(minimum = 0n): bigint {
    const ts = this.hub.deployment.ts;
    let end = ts > this.ts ? ts : this.ts;
    if (minimum > end) end = minimum;
    return end;
  }

  private async modifyQuerySet(message: ClientMessage): Promise<void> {
    if (message.baseVersion !== this.querySet) {
      this.fatal(
        `Base version ${String(message.baseVersion)} passed up doesn't match the current version ${this.querySet}`,
      );
      return;
    }
    const start = this.version();
    const mods: object[] = [];
    for (const mod of message.modifications as ClientMessage[]) {
      const queryId = mod.queryId as number;
      if (mod.type === "Add") {
        if (this.queries.has(queryId)) return this.fatal(`Query ${queryId} was added twice`);
        const args = jsonToConvex(((mod.args as JSONValue[]) ?? [{}])[0] ?? {}) as Record<string, Value>;
        this.queries.set(queryId, {
          udfPath: mod.udfPath as string,
          args,
          journal: (mod.journal as string | null) ?? null,
          lastJson: null,
        });
        mods.push(await this.run(queryId, true));
      } else if (mod.type === "Remove") {
        this.queries.delete(queryId);
        this.dirty.delete(queryId);
        this.hub.forget(this, queryId);
        mods.push({ type: "QueryRemoved", queryId });
      }
    }
    this.querySet = message.newVersion as number;
    this.sendTransition(mods, start, this.nextTs());
  }

  /** Runs one subscribed query; returns the modification to send (always, when `force`). */
  private async run(queryId: number, force: boolean): Promise<object> {
    const sub = this.queries.get(queryId) as Subscribed;
    const before = this.hub.deployment.runtime.lastCommitTs;
    const result = await this.hub.deployment.query(sub.udfPath, sub.args, this.caller, sub.journal);
    sub.journal = result.journal;
    if (this.queries.get(queryId) === sub) {
      if (this.hub.track(this, queryId, result.reads, before)) this.invalidate(queryId);
    }
    const modification = result.ok
      ? { type: "QueryUpdated", queryId, value: result.value ?? null, logLines: result.logLines, journal: sub.journal }
      : {
          type: "QueryFailed",
          queryId,
          errorMessage: result.errorMessage,
          // Only a ConvexError carries data: the client reads any errorData, even null, as one.
          ...(result.errorData === undefined ? {} : { errorData: result.errorData }),
          logLines: result.logLines,
          journal: sub.journal,
        };
    const json = JSON.stringify(modification);
    if (!force && json === sub.lastJson) return { unchanged: true };
    sub.lastJson = json;
    return modification;
  }

  invalidate(queryId: number): void {
    this.dirty.add(queryId);
    this.hub.markDirty(this);
  }

  /** Re-runs the dirty queries, in order with the session's other work; resolves when done. */
  refreshNow(): Promise<void> {
    return new Promise((resolve) =>
      this.inOrder(async () => {
        try {
          if (!this.closed && this.dirty.size > 0) await this.refresh(0n, false);
        } finally {
          resolve();
        }
      }),
    );
  }

  /** Re-runs dirty queries and sends what changed; `always` sends even an empty transition. */
  private async refresh(minTs: bigint, always: boolean): Promise<void> {
    const start = this.version();
    const mods: object[] = [];
    const dirty = [...this.dirty];
    this.dirty.clear();
    for (const queryId of dirty) {
      if (!this.queries.has(queryId)) continue;
      const mod = await this.run(queryId, false);
      if (!("unchanged" in mod)) mods.push(mod);
    }
    const end = this.nextTs(minTs);
    if (mods.length > 0 || always || end > this.ts) this.sendTransition(mods, start, end);
  }

  private async authenticate(message: ClientMessage): Promise<void> {
    if (message.baseVersion !== this.identity) {
      this.fatal(
        `Authentication base version ${String(message.baseVersion)} doesn't match the current version ${this.identity}`,
      );
      return;
    }
    try {
      this.caller = await this.hub.auth.authenticate(message as never);
    } catch (error) {
      this.send({
        type: "AuthError",
        error: (error as Error).message,
        baseVersion: this.identity,
        authUpdateAttempted: true,
      });
      return;
    }
    const start = this.version();
    this.identity += 1;
    const mods: object[] = [];
    for (const queryId of this.queries.keys()) mods.push(await this.run(queryId, true));
    this.dirty.clear();
    this.sendTransition(mods, start, this.nextTs());
  }

  /**
   * Once the session's token has expired the client is told to renew it and the connection
   * closes; the client reconnects and replays its unacknowledged requests with the new token.
   */
  private expired(): boolean {
    if (this.caller.kind !== "user" || !this.caller.expiresAt || this.caller.expiresAt > Date.now()) return false;
    this.send({ type: "AuthError", error: "Token expired", baseVersion: this.identity, authUpdateAttempted: false });
    this.ws.close(1000, "Token expired");
    this.close();
    return true;
  }

  private async mutation(message: ClientMessage): Promise<void> {
    if (this.expired()) return;
    const args = jsonToConvex(((message.args as JSONValue[]) ?? [{}])[0] ?? {}) as Record<string, Value>;
    const outcome = await this.hub.deployment.call("mutation", message.udfPath as string, args, this.caller);
    const ts = outcome.ts ?? this.hub.deployment.runtime.lastCommitTs;
    this.send(
      outcome.ok
        ? {
            type: "MutationResponse",
            requestId: message.requestId,
            success: true,
            result: outcome.value ?? null,
            ts: encodeTs(ts),
            logLines: outcome.logLines,
          }
        : {
            type: "MutationResponse",
            requestId: message.requestId,
            success: false,
            result: outcome.errorMessage,
            errorData: outcome.errorData,
            logLines: outcome.logLines,
          },
    );
    if (!outcome.ok) return;
    await new Promise<void>((resolve) =>
      this.inOrder(async () => {
        await this.refresh(ts, true);
        resolve();
      }),
    );
  }

  private async action(message: ClientMessage): Promise<void> {
    if (this.expired()) return;
    const args = jsonToConvex(((message.args as JSONValue[]) ?? [{}])[0] ?? {}) as Record<string, Value>;
    const outcome = await this.hub.deployment.call("action", message.udfPath as string, args, this.caller);
    this.send(
      outcome.ok
        ? {
            type: "ActionResponse",
            requestId: message.requestId,
            success: true,
            result: outcome.value ?? null,
            logLines: outcome.logLines,
          }
        : {
            type: "ActionResponse",
            requestId: message.requestId,
            success: false,
            result: outcome.errorMessage,
            errorData: outcome.errorData,
            logLines: outcome.logLines,
          },
    );
  }
}
