import { z } from "zod";
import { Severity } from "./finding.js";

export const BEHAVIOUR_KINDS = [
  "retry_loop",
  "escalation",
  "many_shot",
  "cross_tool_evasion",
  "probing_burst",
  "information_gathering",
  "jailbreak_attempts",
  "unusual_volume",
  "unusual_rate",
  "first_seen_category",
  "uncommon_among_peers",
  "behaviour_shift",
  "user_risk",
] as const;
export const BehaviourKind = z.enum(BEHAVIOUR_KINDS);
export type BehaviourKind = z.infer<typeof BehaviourKind>;

export const BehaviourWindow = z.object({
  start: z.iso.datetime({ offset: true }),
  end: z.iso.datetime({ offset: true }),
});

/** A behavioural observation attached to one interaction, resting on earlier ones. */
export const BehaviourSignal = z.object({
  kind: BehaviourKind,
  score: z.number().min(0).max(1),
  severity: Severity,
  window: BehaviourWindow,
  evidenceIds: z.array(z.string()),
  counts: z.record(z.string(), z.number()).default({}),
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())])).optional(),
  description: z.string().optional(),
});
export type BehaviourSignal = z.infer<typeof BehaviourSignal>;

/**
 * A behaviour alert: one open alert per user + detector + window, updated as evidence grows.
 * `id` is stable for that key so a re-emitted update overwrites rather than repeats.
 */
export const BehaviourAlert = z.object({
  id: z.string(),
  timestamp: z.iso.datetime({ offset: true }),
  userId: z.string(),
  signal: BehaviourSignal,
  /** Version of this alert, incremented when evidence grows. */
  revision: z.number().int().positive().default(1),
  atlas: z.array(z.string()).default([]),
  owasp: z.array(z.string()).default([]),
  riskScore: z.number().min(0).max(100),
  title: z.string(),
});
export type BehaviourAlert = z.infer<typeof BehaviourAlert>;
