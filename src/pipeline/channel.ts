/** Sentinel results of `Channel.pull`. */
export const CLOSED: unique symbol = Symbol("closed");
export const TIMEOUT: unique symbol = Symbol("timeout");

/**
 * A bounded async queue between two loops: `push` waits while the channel is full, which is how
 * backpressure reaches the readers; `pull` waits while it is empty, optionally with a timeout
 * (used for time-based batch flushing).
 */
export class Channel<T> {
  private readonly items: T[] = [];
  private readonly pullers: Array<(value: T | typeof CLOSED | typeof TIMEOUT) => void> = [];
  private readonly pushers: Array<() => void> = [];
  private closed = false;

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.items.length;
  }

  async push(item: T): Promise<void> {
    while (!this.closed && this.items.length >= this.capacity && this.pullers.length === 0) {
      await new Promise<void>((resolve) => this.pushers.push(resolve));
    }
    if (this.closed) throw new Error("push to a closed channel");
    const puller = this.pullers.shift();
    if (puller) puller(item);
    else this.items.push(item);
  }

  pull(timeoutMs?: number): Promise<T | typeof CLOSED | typeof TIMEOUT> {
    if (this.items.length > 0) {
      const item = this.items.shift() as T;
      this.pushers.shift()?.();
      return Promise.resolve(item);
    }
    if (this.closed) return Promise.resolve(CLOSED);
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const waiter = (value: T | typeof CLOSED | typeof TIMEOUT) => {
        if (timer) clearTimeout(timer);
        resolve(value);
      };
      this.pullers.push(waiter);
      if (timeoutMs !== undefined) {
        timer = setTimeout(() => {
          const index = this.pullers.indexOf(waiter);
          if (index >= 0) this.pullers.splice(index, 1);
          resolve(TIMEOUT);
        }, timeoutMs);
      }
    });
  }

  /** No more pushes; pullers drain what is queued and then see CLOSED. */
  close(): void {
    this.closed = true;
    for (const puller of this.pullers.splice(0)) puller(CLOSED);
    for (const pusher of this.pushers.splice(0)) pusher();
  }
}
