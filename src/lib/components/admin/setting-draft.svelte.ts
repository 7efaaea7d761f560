/**
 * An organization setting being edited on the Admin page: what the admin typed (null follows the
 * saved value, so a change another admin saves shows at once until this one types), and saving it
 * with its error or "saved" state.
 */
import { Submission } from "$lib/state/submit.svelte";

export class SettingDraft<T> extends Submission {
  edited = $state<T | null>(null);
  saved = $state(false);

  constructor(
    private readonly current: () => T,
    private readonly write: (value: T) => Promise<unknown>,
  ) {
    super();
  }

  get saving(): boolean {
    return this.pending;
  }

  get value(): T {
    return this.edited ?? this.current();
  }

  edit(value: T): void {
    this.edited = value;
    this.saved = false;
  }

  save = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    this.saved = false;
    if (await this.run(() => this.write(this.value))) {
      this.edited = null;
      this.saved = true;
    }
  };
}
