import { z } from "zod";
import type { BehaviourSignal, Enriched, Risk, RiskLevel } from "../../model/index.js";
import { defineStage, type EnrichStage } from "../types.js";
import { findingContributions, signalContributions, type Contribution } from "./points.js";

export * from "./points.js";

export const RiskConfig = z.object({ enabled: z.boolean().default(true) });

/** The user's decayed risk score (from the behaviour stage) counts up to this many points on each of their interactions. */
const USER_RISK_POINTS = 50;

/** Level bands on the 0..100 score; the ECS severity steps 21/47/73/99 fall into low/medium/high/critical. */
export function riskLevel(score: number): RiskLevel {
  if (score >= 85) return "critical";
  if (score >= 60) return "high";
  if (score >= 35) return "medium";
  return score > 0 ? "low" : "none";
}

function userRiskContribution(signals: readonly BehaviourSignal[]): Contribution[] {
  const userRisk = signals.find((s) => s.kind === "user_risk");
  return userRisk ? [{ reason: `user_risk:${userRisk.counts.score ?? 0}`, points: USER_RISK_POINTS * userRisk.score }] : [];
}

/**
 * Risk of one interaction, 0..100: its findings, its behaviour signals and its user's current
 * risk, combined as independent evidence (100·(1 − Π(1 − pᵢ/100))) so the score saturates
 * instead of overflowing. Reasons list the contributions, largest first.
 */
export function scoreInteraction(record: Pick<Enriched, "findings" | "behaviour">): Risk {
  const contributions = [...findingContributions(record.findings), ...signalContributions(record.behaviour), ...userRiskContribution(record.behaviour)].sort(
    (a, b) => b.points - a.points,
  );
  const remaining = contributions.reduce((left, c) => left * (1 - Math.min(c.points, 100) / 100), 1);
  const score = Math.round((1 - remaining) * 1000) / 10;
  return { score, level: riskLevel(score), reasons: contributions.map((c) => c.reason) };
}

class RiskStage implements EnrichStage {
  readonly name = "risk";
  process(records: Enriched[]): Enriched[] {
    return records.map((record) => ({ ...record, risk: scoreInteraction(record) }));
  }
}

/** `enrich.risk`: per-interaction risk score, level and reasons. Stateless: the per-user score lives in the behaviour stage. */
export const riskStage = defineStage({
  name: "risk",
  configSchema: RiskConfig,
  create: (config) => (config.enabled ? new RiskStage() : undefined),
});
