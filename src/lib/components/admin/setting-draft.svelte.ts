/**
 * An organization setting being edited on the Admin page: what the admin typed (null follows the
 * saved value, so a change another admin saves shows at once until this one types), and saving it
 * with its error or "saved" state.
 */
import { errorMessage } from "$lib/errors";

export class SettingDraft<T> {
  edited = $state<T | null>(null);
  saving = $state(false);
  error = $state<string | null>(null);
  saved = $state(false);

  constructor(
    private readonly current: () => T,
    private readonly write: (value: T) => Promise<unknown>,
  ) {}

  get value(): T {
    return this.edited ?? this.current();
  }

  edit(value: T): void {
    this.edited = value;
    this.saved = false;
  }

  save = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    this.saving = true;
    this.error = null;
    this.saved = false;
    try {
      await this.write(this.value);
      this.edited = null;
      this.saved = true;
    } catch (e) {
      this.error = errorMessage(e);
    } finally {
      this.saving = false;
    }
  };
}
