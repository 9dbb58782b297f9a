import { z } from "zod";
import { BehaviourAlert, BehaviourKind, BehaviourSignal, Severity, validate } from "../../model/index.js";
import type { TurnFact } from "./facts.js";

/** Daily features of the per-user baseline (§4.5). */
export const FEATURES = ["prompts", "tokens", "refusals", "blocked", "injection", "sensitive", "harm"] as const;
export type Feature = (typeof FEATURES)[number];
/** Counts that describe how much a user uses AI; the rest describe how risky the use is. */
export const VOLUME_FEATURES: readonly Feature[] = ["prompts", "tokens"];

const Moments = z.object({ m: z.number(), v: z.number().nonnegative() });
export type Moments = z.infer<typeof Moments>;
const Counts = z.record(z.string(), z.number());

const Output = z.object({ signals: z.array(BehaviourSignal), alerts: z.array(BehaviourAlert) });
export type Output = z.infer<typeof Output>;

const TurnSchema = z.object({
  id: z.string(),
  ts: z.number(),
  app: z.string(),
  conv: z.string().optional(),
  refused: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  blocked: z.boolean(),
  answered: z.boolean(),
  harm: z.number(),
  // Defaults keep state written before these facts existed readable.
  verdict: z.number().default(0),
  goals: z.array(z.string()),
  cats: z.array(z.string()),
  injection: z.boolean(),
  attempt: z.boolean().default(false),
  terms: z.array(z.string()),
  ents: z.array(z.string()),
  frames: z.array(z.string()),
  cont: z.boolean(),
  enumer: z.boolean(),
  topics: z.array(z.string()),
  res: z.array(z.string()).default([]),
  shots: z.number(),
  chars: z.number(),
  tokens: z.number(),
  goal: z.string().optional(),
  /** What was emitted for this interaction, returned again if it is processed twice. */
  out: Output.optional(),
}) satisfies z.ZodType<TurnFact & { out?: Output }>;
export type StoredTurn = z.infer<typeof TurnSchema>;

const DayBucket = z.object({
  day: z.number().int(),
  n: Counts,
  apps: z.array(z.string()),
  cats: Counts,
  /** Features already reported unusual today: one signal per feature and day. */
  flagged: z.array(z.string()),
});
export type DayBucket = z.infer<typeof DayBucket>;

const OpenAlert = z.object({
  id: z.string(),
  start: z.number(),
  last: z.number(),
  revision: z.number().int(),
  severity: Severity,
  evidence: z.array(z.string()),
  counts: Counts,
});
export type OpenAlert = z.infer<typeof OpenAlert>;

export const UserState = z.object({
  v: z.literal(1),
  user: z.string(),
  peer: z.string(),
  /** Newest event time seen for this user (ms): the clock of lateness and retention. */
  watermark: z.number(),
  turns: z.array(TurnSchema),
  /** Days not yet folded into the baseline, oldest first. */
  days: z.array(DayBucket),
  /** Every day up to and including this one is folded into the baseline. */
  closedThrough: z.number().int(),
  baseline: z.object({ days: z.number().int(), feat: z.record(z.string(), Moments), len: Moments.extend({ n: z.number().int() }) }),
  /** Category or harm code → last day it was seen. */
  seen: Counts,
  /** Decayed category mixes: a short (≈ a week) and a long (≈ two months) memory, for drift. */
  mix: z.object({ day: z.number().int(), short: Counts, long: Counts }),
  alerts: z.partialRecord(BehaviourKind, OpenAlert),
  risk: z.object({ score: z.number(), ts: z.number(), evidence: z.array(z.string()) }),
});
export type UserState = z.infer<typeof UserState>;

export const PeerState = z.object({
  v: z.literal(1),
  /** Users whose first day was folded in. */
  users: z.number().int(),
  /** User-days folded in. */
  days: z.number().int(),
  feat: z.record(z.string(), Moments),
  /** Category → users who have ever shown it. */
  cats: Counts,
});
export type PeerState = z.infer<typeof PeerState>;

export function newUserState(user: string, peer: string, ts: number, day: number): UserState {
  return {
    v: 1,
    user,
    peer,
    watermark: ts,
    turns: [],
    days: [],
    closedThrough: day - 1,
    baseline: { days: 0, feat: {}, len: { m: 0, v: 0, n: 0 } },
    seen: {},
    mix: { day, short: {}, long: {} },
    alerts: {},
    risk: { score: 0, ts, evidence: [] },
  };
}

export const newPeerState = (): PeerState => ({ v: 1, users: 0, days: 0, feat: {}, cats: {} });

/** State read back from a store is external input: a document another version or process wrote is checked, not trusted. */
export const parseUserState = (json: string, key: string): UserState => validate(UserState, JSON.parse(json), `behaviour state ${key}`);
export const parsePeerState = (json: string, key: string): PeerState => validate(PeerState, JSON.parse(json), `behaviour state ${key}`);
