/** Counters of one run; logged as JSON at intervals and printed as the final summary. */
export interface Counters {
  read: number;
  parsed: number;
  enriched: number;
  written: number;
  duplicates: number;
  retried: number;
  deadLettered: number;
  bytes: number;
}

export class Metrics {
  readonly counters: Counters = { read: 0, parsed: 0, enriched: 0, written: 0, duplicates: 0, retried: 0, deadLettered: 0, bytes: 0 };
  readonly perSink = new Map<string, { written: number; duplicates: number; rejected: number }>();
  readonly deadLetteredByStage = new Map<string, number>();
  private readonly started = Date.now();

  countDeadLetter(stage: string): void {
    this.counters.deadLettered += 1;
    this.deadLetteredByStage.set(stage, (this.deadLetteredByStage.get(stage) ?? 0) + 1);
  }

  countSink(name: string, written: number, duplicates: number, rejected: number): void {
    const entry = this.perSink.get(name) ?? { written: 0, duplicates: 0, rejected: 0 };
    entry.written += written;
    entry.duplicates += duplicates;
    entry.rejected += rejected;
    this.perSink.set(name, entry);
  }

  snapshot() {
    const seconds = (Date.now() - this.started) / 1000;
    return {
      ...this.counters,
      seconds: Number(seconds.toFixed(3)),
      recordsPerSecond: seconds > 0 ? Math.round(this.counters.read / seconds) : 0,
      sinks: Object.fromEntries(this.perSink),
      deadLetteredByStage: Object.fromEntries(this.deadLetteredByStage),
    };
  }
}
export type MetricsSnapshot = ReturnType<Metrics["snapshot"]>;
