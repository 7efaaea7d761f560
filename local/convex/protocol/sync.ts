/**
 * Convex's WebSocket sync protocol (`/api/<version>/sync`), the part shared by every session:
 * the SyncHub, which keeps one subscription index, learns which subscriptions each durable
 * commit invalidates and re-runs them in paced rounds. Each connection is a Session
 * (`sync-session.ts`).
 */
import type { WebSocket } from "ws";
import type { Deployment } from "../runtime/deployment.ts";
import type { CommitInfo } from "../runtime/internals-shapes.ts";
import { SubscriptionIndex, type ReadSet } from "../runtime/reads.ts";
import { Session, type Authenticator, type SessionHub } from "./sync-session.ts";

export type { Authenticator };

const RECENT_COMMITS = 1000;
/**
 * After a round of re-running invalidated subscriptions that took d ms (more than
 * PACE_ABOVE_MS), the next round waits d × SUBSCRIPTION_PACE ms: while commits keep coming,
 * subscriptions get at most half of the one thread and mutations (webhooks among them) the rest.
 * Without it, 50 sessions re-running their queries after each of 100 commits a second starve the
 * writes (`npm run bench -- load`). Cheap rounds are not paced: a lone write is pushed at once.
 */
const SUBSCRIPTION_PACE = 1;
const PACE_ABOVE_MS = 20;
/** A round waits at most this long for one session (one busy authenticating, say); it catches up on its own. */
const ROUND_MAX_WAIT_MS = 2000;

type SubKey = { session: Session; queryId: number };

/** Shared by every session: which subscriptions each durable commit invalidates. */
export class SyncHub implements SessionHub {
  private readonly index = new SubscriptionIndex<SubKey>();
  private readonly keys = new Map<string, SubKey>();
  private readonly recent: CommitInfo[] = [];
  private readonly dirtySessions = new Set<Session>();
  /** A round is running or its timer is set. */
  private roundPending = false;
  private nextRoundAt = 0;

  constructor(
    readonly deployment: Deployment,
    readonly auth: Authenticator,
  ) {
    deployment.onDurableCommit((commit) => {
      this.recent.push(commit);
      if (this.recent.length > RECENT_COMMITS) this.recent.shift();
      for (const key of this.index.affected(commit.changes)) key.session.invalidate(key.queryId);
    });
    deployment.onReload(() => {
      for (const key of this.keys.values()) key.session.invalidate(key.queryId);
    });
  }

  private key(session: Session, queryId: number): SubKey {
    const id = `${session.id}\u0000${queryId}`;
    let key = this.keys.get(id);
    if (!key) this.keys.set(id, (key = { session, queryId }));
    return key;
  }

  track(session: Session, queryId: number, reads: ReadSet, since: bigint): boolean {
    const key = this.key(session, queryId);
    this.index.set(key, reads);
    const missed = this.recent.filter((c) => c.ts > since);
    return missed.length > 0 && this.index.affected(missed.flatMap((c) => c.changes)).has(key);
  }

  /** Re-runs the session's invalidated queries in the next round (rounds are paced, see SUBSCRIPTION_PACE). */
  markDirty(session: Session): void {
    this.dirtySessions.add(session);
    if (!this.roundPending) this.scheduleRound();
  }

  private scheduleRound(): void {
    this.roundPending = true;
    const wait = this.nextRoundAt - performance.now();
    if (wait > 1) setTimeout(() => void this.round(), wait);
    else setImmediate(() => void this.round());
  }

  private async round(): Promise<void> {
    const sessions = [...this.dirtySessions];
    this.dirtySessions.clear();
    const start = performance.now();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(sessions.map((session) => session.refreshNow())),
      new Promise((resolve) => (timer = setTimeout(resolve, ROUND_MAX_WAIT_MS))),
    ]);
    clearTimeout(timer);
    const end = performance.now();
    const took = end - start;
    this.nextRoundAt = took > PACE_ABOVE_MS ? end + took * SUBSCRIPTION_PACE : 0;
    this.roundPending = false;
    if (this.dirtySessions.size > 0) this.scheduleRound();
  }

  forget(session: Session, queryId: number): void {
    const id = `${session.id}\u0000${queryId}`;
    const key = this.keys.get(id);
    if (key) this.index.delete(key);
    this.keys.delete(id);
  }

  accept(ws: WebSocket): Session {
    return new Session(this, ws);
  }
}
