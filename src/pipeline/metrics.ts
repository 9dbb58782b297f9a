import type { Enriched } from "../model/index.js";

const increment = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

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
  /** What enrichment found, for the end-of-run summary: findings by category, behaviour alerts by kind. */
  readonly findingsByCategory = new Map<string, number>();
  readonly alertsByKind = new Map<string, number>();
  /** Alert ids seen: an alert updated as its evidence grows counts once. */
  private readonly alertIds = new Set<string>();
  private readonly started = Date.now();

  countDeadLetter(stage: string): void {
    this.counters.deadLettered += 1;
    this.deadLetteredByStage.set(stage, (this.deadLetteredByStage.get(stage) ?? 0) + 1);
  }

  countEnriched(record: Enriched): void {
    this.counters.enriched += 1;
    for (const finding of record.findings) increment(this.findingsByCategory, finding.category);
    for (const alert of record.alerts) {
      if (this.alertIds.has(alert.id)) continue;
      this.alertIds.add(alert.id);
      increment(this.alertsByKind, alert.signal.kind);
    }
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
      findingsByCategory: Object.fromEntries(this.findingsByCategory),
      alertsByKind: Object.fromEntries(this.alertsByKind),
    };
  }
}
export type MetricsSnapshot = ReturnType<Metrics["snapshot"]>;
