/**
 * Which rows of a long, fixed-row-height list to render: the rows in view plus `overscan` rows on
 * each side, and the space the rows above and below take, so the scrollbar behaves as if every row
 * were there. Pure, so the arithmetic is tested on its own (VirtualList.svelte renders it).
 */
export type VirtualWindow = {
  /** First row to render (inclusive). */
  start: number;
  /** Row after the last one to render (exclusive). */
  end: number;
  /** Pixels the rows before `start` would take. */
  before: number;
  /** Pixels the rows from `end` on would take. */
  after: number;
};

export type WindowInput = {
  scrollTop: number;
  viewportHeight: number;
  count: number;
  rowHeight: number;
  overscan: number;
};

export function virtualWindow({ scrollTop, viewportHeight, count, rowHeight, overscan }: WindowInput): VirtualWindow {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0, before: 0, after: 0 };
  const top = Math.max(0, scrollTop);
  const firstVisible = Math.min(count - 1, Math.floor(top / rowHeight));
  const visible = Math.ceil(Math.max(viewportHeight, rowHeight) / rowHeight) + 1;
  const start = Math.max(0, firstVisible - overscan);
  const end = Math.min(count, firstVisible + visible + overscan);
  return { start, end, before: start * rowHeight, after: (count - end) * rowHeight };
}
