import type { Logger } from "pino";
import { pause } from "../../util/backoff.js";
import { AbortedError } from "./http.js";

export interface PollOptions {
  follow: boolean;
  pollIntervalMs: number;
  /** Fraction of the interval each wait may vary by. */
  pollJitter: number;
  signal: AbortSignal;
  logger: Logger;
}

/** The interval ± jitter, never negative. */
export function jitteredInterval(intervalMs: number, jitter: number, random: () => number = Math.random): number {
  return Math.max(0, Math.round(intervalMs * (1 + jitter * (2 * random() - 1))));
}

/**
 * Runs `cycle` (read everything new) once, or in follow mode again after each jittered interval
 * until the signal stops it. A failed cycle in follow mode is logged and retried at the next poll
 * from where the puller's cursor stands; in a one-shot backfill it ends the run with the error.
 */
export async function* pollLoop<T>(options: PollOptions, cycle: () => AsyncIterable<T>): AsyncGenerator<T> {
  const { signal, logger } = options;
  for (;;) {
    try {
      yield* cycle();
    } catch (error) {
      if (signal.aborted || error instanceof AbortedError) return;
      if (!options.follow) throw error;
      logger.warn({ err: (error as Error).message }, "poll failed; trying again at the next poll");
    }
    if (!options.follow || signal.aborted) return;
    if (!(await pause(jitteredInterval(options.pollIntervalMs, options.pollJitter), signal))) return;
  }
}
