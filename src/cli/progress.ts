import cliProgress from "cli-progress";

/**
 * A progress bar with records/s and ETA on a TTY; nothing otherwise (logs carry the numbers).
 */
export function createProgress(enabled: boolean) {
  if (!enabled) return { update: (_done: number, _total: number, _records: number) => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    { format: "{bar} {percentage}% | {records} records | {rate} rec/s | ETA {eta_formatted}", stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  let running = false;
  return {
    update(done: number, total: number, records: number) {
      const rate = Math.round(records / Math.max(0.001, (Date.now() - started) / 1000));
      if (!running) {
        bar.start(Math.max(total, 1), done, { records, rate });
        running = true;
      }
      bar.setTotal(Math.max(total, 1));
      bar.update(done, { records, rate });
    },
    stop() {
      if (running) bar.stop();
    },
  };
}
