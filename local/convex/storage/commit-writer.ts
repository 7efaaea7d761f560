/**
 * Puts a deployment's commits on disk in commit order: a commit's file-storage blobs are written
 * first, then its record is appended to the durable log.
 */
import type { DurableLog } from "./durable-log.ts";
import type { CommitInfo } from "../runtime/internals-shapes.ts";
import { blobName, encodeCommit } from "./persistence.ts";

export class CommitWriter {
  private queue: { record: unknown; ready: Promise<unknown> | null; done: (e?: unknown) => void }[] = [];
  private pumping = false;

  constructor(private readonly log: DurableLog) {}

  /** Resolves once the commit's record is on disk; rejects if it could not be written. */
  write(commit: CommitInfo): Promise<void> {
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
    void this.pump();
    return durable;
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
}
