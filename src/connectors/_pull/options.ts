import { z } from "zod";

/** Retry policy for one HTTP request: 429 and 5xx are retried with capped full-jitter backoff. */
export const RetryOptions = z.object({
  maxAttempts: z.number().int().min(1).max(100).default(8),
  initialDelayMs: z.number().int().positive().default(500),
  /** Cap for backoff and for a server's Retry-After alike. */
  maxDelayMs: z.number().int().positive().default(60_000),
});
export type RetryOptions = z.infer<typeof RetryOptions>;

export const TlsOptions = z.object({
  /** PEM file with extra CA certificates (a TLS-inspecting proxy). */
  caFile: z.string().optional(),
  /** Certificates are verified unless this is explicitly turned off. */
  rejectUnauthorized: z.boolean().default(true),
});
export type TlsOptions = z.infer<typeof TlsOptions>;

const RELATIVE = /^(\d+)([mhd])$/;
const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `2026-03-01`, `2026-03-01T10:00:00Z` or a relative `90m`, `36h`, `7d` before now. */
export function parseSince(value: string, now: number = Date.now()): number | undefined {
  const relative = RELATIVE.exec(value);
  if (relative) return now - Number(relative[1]) * UNIT_MS[relative[2] as keyof typeof UNIT_MS];
  if (!/^\d{4}-\d{2}-\d{2}/.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

export const Since = z.string().refine((v) => parseSince(v) !== undefined, "expected a date (2026-03-01, 2026-03-01T10:00:00Z) or a relative time (90m, 36h, 7d)");

/** Options every puller takes besides its vendor's own. */
export const PullOptions = z.object({
  /** Where to start when the source has no checkpoint yet; a checkpoint always wins. */
  since: Since.optional(),
  /** Keep polling after the backlog is read (`aisiem run`); `aisiem backfill` turns this off. */
  follow: z.boolean().default(true),
  pollIntervalMs: z.number().int().positive().default(60_000),
  /** Each wait is the interval ± this fraction, so many pullers do not poll in step. */
  pollJitter: z.number().min(0).max(1).default(0.1),
  timeoutMs: z.number().int().positive().default(30_000),
  retry: RetryOptions.prefault({}),
  tls: TlsOptions.prefault({}),
  /** Override the vendor's API root (sovereign clouds, a proxy, the test emulators). */
  baseUrl: z.url().optional(),
});
export type PullOptions = z.infer<typeof PullOptions>;

/**
 * A connector's `optionsSchema` serves both parsing (`aisiem parse`, file inputs, which need no
 * credentials) and pulling. This lenient form checks the types of whatever is given; the puller
 * checks the full schema when it starts, so a missing tenant or key is reported with its path.
 */
export function lenientOptions<S extends z.ZodObject>(schema: S) {
  return schema.partial();
}
