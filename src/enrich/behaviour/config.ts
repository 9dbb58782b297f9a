import { z } from "zod";
import { BEHAVIOUR_KINDS, Severity } from "../../model/index.js";
import { StateConfig } from "../../state/index.js";

const minutes = (n: number) => z.number().positive().default(n);

/** Parameters proposed in ../shared/reference/behaviour.md §4.2–4.5 unless noted. */
export const BehaviourConfig = z.object({
  enabled: z.boolean().default(true),
  state: StateConfig,
  identity: z
    .object({
      /** Any user identifier (id, email, UPN, gateway key alias, app user id) → the person it belongs to. */
      aliases: z.record(z.string(), z.string()).default({}),
      /** NetBIOS domain → DNS domain, so `CONTOSO\ana` and `ana@contoso.com` are one user. */
      netbiosDomains: z.record(z.string(), z.string()).default({}),
      /** Treat `ana+ai@contoso.com` as `ana@contoso.com`. */
      stripPlusTag: z.boolean().default(true),
    })
    .default({ aliases: {}, netbiosDomains: {}, stripPlusTag: true }),
  /** Users or groups exempt from some detectors (a red team researching jailbreaks). `detectors` empty = all. */
  allow: z
    .array(
      z.object({
        users: z.array(z.string()).default([]),
        groups: z.array(z.string()).default([]),
        detectors: z.array(z.enum(BEHAVIOUR_KINDS)).default([]),
        reason: z.string().optional(),
      }),
    )
    .default([]),
  /**
   * How late (event time) a record may arrive behind the newest one of the same user and still
   * count into its day before that day is folded into the baseline.
   */
  latenessMinutes: minutes(24 * 60),
  retention: z
    .object({
      /** Daily aggregates and idle users are kept this long (event time). */
      days: z.number().int().min(180).default(190),
      /** Recent turns kept per user for the sequence detectors. */
      turnsPerUser: z.number().int().min(10).max(1000).default(120),
      /** Recent turns older than this (behind the user's newest) are dropped. */
      recentHours: z.number().positive().default(48),
    })
    .default({ days: 190, turnsPerUser: 120, recentHours: 48 }),
  retryLoop: z
    .object({
      windowMinutes: minutes(30),
      windowTurns: z.number().int().positive().default(5),
      sameGoalThreshold: z.number().min(0).max(1).default(0.35),
    })
    .default({ windowMinutes: 30, windowTurns: 5, sameGoalThreshold: 0.35 }),
  escalation: z
    .object({
      benignBelow: z.number().default(0.2),
      minSlope: z.number().default(0.1),
      harmfulAt: z.number().default(0.6),
    })
    .default({ benignBelow: 0.2, minSlope: 0.1, harmfulAt: 0.6 }),
  manyShot: z.object({ pairs: z.number().int().default(10), strongPairs: z.number().int().default(32), minChars: z.number().int().default(1000) }).default({ pairs: 10, strongPairs: 32, minChars: 1000 }),
  /** Same goal in another AI tool after a block or refusal (window is our choice: a working day). */
  crossTool: z.object({ windowMinutes: minutes(8 * 60) }).default({ windowMinutes: 480 }),
  /** Many refused, blocked or injection-flagged prompts in a short time (automated attackers, §1.1). */
  probing: z.object({ windowMinutes: minutes(10), attempts: z.number().int().default(5), strongAttempts: z.number().int().default(15) }).default({
    windowMinutes: 10,
    attempts: 5,
    strongAttempts: 15,
  }),
  /**
   * Distinct sensitive subjects asked about in a user's window, compared with the subjects in
   * the user's own history (§4.5). The window spans days (an insider spreads the questions out)
   * and must fit in `retention.recentHours`.
   */
  informationGathering: z
    .object({
      windowHours: z.number().positive().default(48),
      /** Distinct sensitive subjects in the window. */
      topics: z.number().int().positive().default(3),
      /** Turns touching a sensitive subject in the window. */
      turns: z.number().int().positive().default(3),
      /** Enumeration requests ("list all ...") that make a window gathering for any user. */
      enumerations: z.number().int().positive().default(3),
      /** Or: subjects new for a user with a baseline (none of the user's folded days in `baseline.firstSeenDays` showed them). */
      newTopics: z.number().int().positive().default(3),
    })
    .default({ windowHours: 48, topics: 3, turns: 3, enumerations: 3, newTopics: 3 }),
  /** Repeated injection/jailbreak attempts the products stopped or flagged, in different sessions (our choice: two days fit the recent-turn memory). */
  jailbreakAttempts: z
    .object({
      windowHours: z.number().positive().default(48),
      attempts: z.number().int().positive().default(2),
      /** Different conversations (or tools, for records without a conversation) the attempts must span. */
      sessions: z.number().int().positive().default(2),
      strongAttempts: z.number().int().positive().default(5),
    })
    .default({ windowHours: 48, attempts: 2, sessions: 2, strongAttempts: 5 }),
  baseline: z
    .object({
      alpha: z.number().gt(0).lt(1).default(0.13),
      minActiveDays: z.number().int().default(7),
      zThreshold: z.number().default(3),
      /** Counts below this never make an unusual day, whatever the z-score. */
      minCount: z.number().int().default(5),
      firstSeenDays: z.number().int().default(90),
      driftThreshold: z.number().default(0.2),
      /** Peers who must have been seen before "uncommon among peers" means anything. */
      minPeers: z.number().int().default(20),
      uncommonShare: z.number().default(0.05),
    })
    .default({ alpha: 0.13, minActiveDays: 7, zThreshold: 3, minCount: 5, firstSeenDays: 90, driftThreshold: 0.2, minPeers: 20, uncommonShare: 0.05 }),
  userRisk: z
    .object({
      halfLifeHours: z.number().positive().default(7 * 24),
      /** Google SecOps' example alerts an entity at 100 (§1.7). */
      threshold: z.number().positive().default(100),
      /** From this share of the threshold on, records carry a `user_risk` signal. */
      elevatedShare: z.number().gt(0).lte(1).default(0.5),
    })
    .default({ halfLifeHours: 168, threshold: 100, elevatedShare: 0.5 }),
  alerts: z
    .object({
      /** Signals at or above this severity open (or update) an alert. */
      minSeverity: Severity.default("medium"),
      /** An alert stays open while new evidence arrives within this gap (event time). */
      gapHours: z.number().positive().default(24),
    })
    .default({ minSeverity: "medium", gapHours: 24 }),
})
  .refine((c) => Math.max(c.informationGathering.windowHours, c.jailbreakAttempts.windowHours) <= c.retention.recentHours, {
    message: "informationGathering.windowHours and jailbreakAttempts.windowHours must not exceed retention.recentHours (older turns are forgotten)",
    path: ["retention", "recentHours"],
  });
export type BehaviourConfig = z.infer<typeof BehaviourConfig>;
