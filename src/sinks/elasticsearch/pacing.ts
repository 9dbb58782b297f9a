/**
 * Backpressure from bulk latency: the number of documents per bulk request adapts to how fast
 * the cluster answers. Slow answers or 429s halve it; fast ones let it grow by a quarter
 * (additive-increase/multiplicative-decrease keeps a struggling cluster from being flooded).
 */
export interface PacingOptions {
  /** A bulk request slower than this counts as the cluster struggling. */
  targetLatencyMs: number;
  minDocs: number;
  maxDocs: number;
}

export class BulkPacing {
  private size: number;

  constructor(private readonly options: PacingOptions) {
    this.size = options.maxDocs;
  }

  get docsPerRequest(): number {
    return this.size;
  }

  record(latencyMs: number, throttled: boolean): void {
    if (throttled || latencyMs > this.options.targetLatencyMs) this.size = Math.max(this.options.minDocs, Math.floor(this.size / 2));
    else this.size = Math.min(this.options.maxDocs, Math.ceil(this.size * 1.25));
  }
}
