/**
 * A VirtualScroller's scroll position and viewport, and the window of rows they put in view
 * (virtual-window.ts). The component that owns the list creates it, so it reads the window (to
 * load the next page, or the data of the rows in view) as derived state; VirtualScroller writes
 * the position and the viewport's height.
 */
import { virtualWindow, type VirtualWindow } from "./virtual-window";

type Rows = { count: number; rowHeight: number; overscan?: number };

export class ScrollWindow {
  scrollTop = $state(0);
  viewportHeight = $state(0);

  constructor(private readonly rows: () => Rows) {}

  readonly current: VirtualWindow = $derived.by(() => {
    const { count, rowHeight, overscan = 8 } = this.rows();
    return virtualWindow({
      scrollTop: this.scrollTop,
      viewportHeight: this.viewportHeight,
      count,
      rowHeight,
      overscan,
    });
  });
}
