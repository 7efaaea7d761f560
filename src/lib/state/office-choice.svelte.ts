/**
 * The one office a page shows (contact lists, knowledge base): the shell's office filter when it
 * names a readable office, else the office picked on the page, else the person's first own office,
 * else the first readable one.
 */
import type { Viewer } from "./viewer.svelte";
import type { OfficeFilter } from "./office-filter.svelte";

type Office = { _id: string; name: string };

export class OfficeChoice<O extends Office> {
  picked = $state<string | null>(null);

  constructor(
    private readonly readableOffices: () => O[] | undefined,
    private readonly viewer: Viewer,
    private readonly filter: OfficeFilter,
  ) {}

  get readable(): O[] {
    return this.readableOffices() ?? [];
  }

  /** The office the shell's filter names, or null for "All my offices". */
  readonly filtered = $derived.by(() => this.readable.find((o) => o._id === this.filter.officeId) ?? null);

  readonly office = $derived.by(() => {
    const readable = this.readable;
    return (
      this.filtered ??
      readable.find((o) => o._id === this.picked) ??
      readable.find((o) => this.viewer.isMemberOf(o._id)) ??
      readable[0] ??
      null
    );
  });

  /** Whether the page offers a choice of office (no office filter, several offices). */
  get choosable(): boolean {
    return this.filtered === null && this.readable.length > 1;
  }

  get canWrite(): boolean {
    return this.office !== null && this.viewer.canWriteIn(this.office._id);
  }
}
