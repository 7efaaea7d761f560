/**
 * Optional persistence (`--data file.json`): the whole state as one JSON file, rewritten
 * atomically (temp file, rename) shortly after changes and on shutdown. Messages still queued or
 * awaiting their receipt when the simulator stopped carry on after the next start.
 */
import { existsSync, readFileSync, renameSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { SimState, type SavedState } from "./state.ts";

export function loadState(file: string): SimState | undefined {
  if (!existsSync(file)) return undefined;
  const saved = JSON.parse(readFileSync(file, "utf8")) as SavedState;
  return SimState.fromJSON(saved);
}

export class Saver {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private file: string,
    private state: () => SimState,
    private delayMs = 200,
  ) {
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  }

  /** Schedules a write; many changes in a burst make one write. */
  changed(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), this.delayMs);
    this.timer.unref();
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const temp = `${this.file}.tmp`;
    writeFileSync(temp, JSON.stringify(this.state().toJSON()));
    renameSync(temp, this.file);
  }
}
