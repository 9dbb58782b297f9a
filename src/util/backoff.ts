import { setTimeout as sleep } from "node:timers/promises";

export interface BackoffOptions {
  initialDelayMs: number;
  maxDelayMs: number;
}

/** Full-jitter exponential backoff: a random delay in [0, min(max, initial·2^attempt)]. */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const ceiling = Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** Math.min(attempt, 30));
  return Math.round(random() * ceiling);
}

/** Waits, or resolves early (returning false) when `signal` aborts. */
export async function pause(ms: number, signal?: AbortSignal): Promise<boolean> {
  try {
    await sleep(ms, undefined, signal ? { signal } : undefined);
    return true;
  } catch {
    return false;
  }
}
