/**
 * A token bucket: `perMinute` requests may start per minute, in bursts up to the same number.
 * `tryTake` never waits, so a spent budget means "summarise deterministically", not "block".
 */
export class RateBudget {
  private tokens: number;
  private updated: number;

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = perMinute;
    this.updated = now();
  }

  tryTake(): boolean {
    const now = this.now();
    this.tokens = Math.min(this.perMinute, this.tokens + ((now - this.updated) * this.perMinute) / 60_000);
    this.updated = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
