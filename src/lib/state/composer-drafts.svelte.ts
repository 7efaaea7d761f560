/**
 * What people are writing, per conversation, for as long as the app is open: the text, its
 * undo/redo history, texts being sent (shown at once in the thread, until the server has them)
 * and the last send's error. Navigating between conversations and pages keeps all of it, and a
 * send that fails puts its text back — nothing typed is lost.
 */
import { createContext } from "svelte";
import { EditHistory, insertAt, type ChangeKind, type Snapshot } from "$lib/components/activity/edit-history";

export type PendingSend = { localId: string; body: string; at: number };

let nextLocalId = 1;

export class Draft {
  text = $state("");
  error = $state<string | null>(null);
  pending = $state<PendingSend[]>([]);
  /** Where the caret should go after an undo, redo or insert (the composer applies it). */
  selection = $state<{ start: number; end: number } | null>(null);
  #history = new EditHistory();
  #revision = $state(0);

  get canUndo(): boolean {
    void this.#revision;
    return this.#history.canUndo;
  }
  get canRedo(): boolean {
    void this.#revision;
    return this.#history.canRedo;
  }

  /** The person changed the text in the box. */
  input(text: string, start: number, end: number, kind: ChangeKind = "typing"): void {
    this.text = text;
    this.#history.record({ text, start, end }, kind, Date.now());
    this.#revision++;
  }

  /** Inserts at the selection (an emoji), as its own undo step. */
  insert(value: string, start: number, end: number): void {
    this.#apply(insertAt(this.text, start, end, value), "other");
  }

  undo(): void {
    const snapshot = this.#history.undo();
    if (snapshot) this.#show(snapshot);
  }

  redo(): void {
    const snapshot = this.#history.redo();
    if (snapshot) this.#show(snapshot);
  }

  /** Takes the text for sending: the box empties (undoable) and the text shows as pending. */
  take(): PendingSend {
    const item = { localId: `local-${nextLocalId++}`, body: this.text, at: Date.now() };
    this.pending = [...this.pending, item];
    this.error = null;
    this.#apply({ text: "", start: 0, end: 0 }, "other");
    return item;
  }

  /** The server has the text: it shows from the thread now. */
  sent(item: PendingSend): void {
    this.pending = this.pending.filter((p) => p.localId !== item.localId);
  }

  /** Sending failed: the text goes back into the box (before anything typed since) with the reason. */
  failed(item: PendingSend, error: string): void {
    this.sent(item);
    this.error = error;
    const text = this.text.trim() === "" ? item.body : `${item.body}\n${this.text}`;
    this.#apply({ text, start: item.body.length, end: item.body.length }, "other");
  }

  #apply(snapshot: Snapshot, kind: ChangeKind): void {
    this.#history.record(snapshot, kind, Date.now());
    this.#show(snapshot);
  }

  #show(snapshot: Snapshot): void {
    this.text = snapshot.text;
    this.selection = { start: snapshot.start, end: snapshot.end };
    this.#revision++;
  }
}

export class ComposerDrafts {
  /** Not reactive itself: each Draft is. */
  #drafts: Record<string, Draft> = Object.create(null) as Record<string, Draft>;

  /** The conversation's draft (created empty on first use). */
  get(conversationId: string): Draft {
    return (this.#drafts[conversationId] ??= new Draft());
  }
}

export const [getComposerDrafts, setComposerDrafts] = createContext<ComposerDrafts>();
