/**
 * Submitting a form or running an action a person asked for: `pending` while it runs (to disable
 * its buttons), and the failure in words (`errorMessage`) in `error` until the next try — the
 * form stays as typed so nothing is lost. `fail()` shows a problem found before sending.
 */
import { errorMessage } from "$lib/errors";

export class Submission {
  pending = $state(false);
  error = $state<string | null>(null);

  /** Runs `action`; true when it succeeded. */
  run = async (action: () => Promise<unknown>): Promise<boolean> => {
    this.pending = true;
    this.error = null;
    try {
      await action();
      return true;
    } catch (e) {
      this.error = errorMessage(e);
      return false;
    } finally {
      this.pending = false;
    }
  };

  fail(message: string): void {
    this.error = message;
  }

  clear(): void {
    this.error = null;
  }
}
