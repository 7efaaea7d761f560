/** One bar of a chart and one row of its table. */
export type ChartItem = {
  key: string;
  label: string;
  value: number;
  /** A Tailwind fill class for the bar (default: the primary colour). */
  tone?: string;
};
