/**
 * The composer's own undo/redo stack. The browser's built-in undo does not see text we change
 * ourselves (an emoji inserted at the caret, a failed send's text put back), so every change goes
 * through here. Consecutive keystrokes within a second merge into one step, as editors do, until
 * a space or a new line ends the word (and belongs to it).
 */
export type Snapshot = { text: string; start: number; end: number };
export type ChangeKind = "typing" | "other";

/** Keystrokes closer together than this merge into one undo step. */
export const MERGE_MS = 1000;
/** The most undo steps kept. */
export const HISTORY_MAX = 200;

export class EditHistory {
  #undo: Snapshot[] = [];
  #redo: Snapshot[] = [];
  #current: Snapshot;
  #lastKind: ChangeKind | null = null;
  #lastAt = 0;

  constructor(initial: Snapshot = { text: "", start: 0, end: 0 }) {
    this.#current = initial;
  }

  get current(): Snapshot {
    return this.#current;
  }
  get canUndo(): boolean {
    return this.#undo.length > 0;
  }
  get canRedo(): boolean {
    return this.#redo.length > 0;
  }

  /** Records the text after a change. Typing right after typing (no word break) extends the last step. */
  record(next: Snapshot, kind: ChangeKind, at: number): void {
    if (next.text === this.#current.text) {
      this.#current = next;
      return;
    }
    const wordBreak = /\s$/.test(next.text.slice(0, next.end));
    // A space or new line joins the word before it; the next keystroke starts a new step.
    const merge = kind === "typing" && this.#lastKind === "typing" && at - this.#lastAt < MERGE_MS;
    if (!merge) {
      this.#undo.push(this.#current);
      if (this.#undo.length > HISTORY_MAX) this.#undo.shift();
    }
    this.#current = next;
    this.#redo = [];
    this.#lastKind = wordBreak ? null : kind;
    this.#lastAt = at;
  }

  /** Steps back; returns the snapshot to show, or null when there is nothing to undo. */
  undo(): Snapshot | null {
    return this.#step(this.#undo, this.#redo);
  }

  redo(): Snapshot | null {
    return this.#step(this.#redo, this.#undo);
  }

  /** Moves one snapshot from `from` to the current one, keeping the current in `to`. */
  #step(from: Snapshot[], to: Snapshot[]): Snapshot | null {
    const next = from.pop();
    if (next === undefined) return null;
    to.push(this.#current);
    this.#current = next;
    this.#lastKind = null;
    return next;
  }
}

/** `text` with `insert` replacing the selection [start, end), and the caret after it. */
export function insertAt(text: string, start: number, end: number, insert: string): Snapshot {
  const caret = start + insert.length;
  return { text: text.slice(0, start) + insert + text.slice(end), start: caret, end: caret };
}
