/**
 * Backfill progress for cursor APIs that give no totals: how far the records read so far have
 * come in time, from the start of the backfill to the moment it began.
 */
export function timeProgress(fromMs: number, toMs: number, report: ((done: number, total: number) => void) | undefined) {
  const total = Math.max(1, Math.round((toMs - fromMs) / 1000));
  return (atMs: number): void => {
    if (!report || Number.isNaN(atMs)) return;
    report(Math.min(total, Math.max(0, Math.round((atMs - fromMs) / 1000))), total);
  };
}
