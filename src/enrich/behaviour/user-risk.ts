import type { BehaviourSignal, Finding } from "../../model/index.js";
import { findingContributions, signalContributions } from "../risk/points.js";
import type { BehaviourConfig } from "./config.js";
import type { TurnFact } from "./facts.js";
import { MAX_EVIDENCE, makeSignal } from "./signal.js";
import type { UserState } from "./state.js";

/**
 * The per-user risk score: points of every finding and behaviour signal, decayed with a
 * half-life in event time (a late record adds its points already decayed). From `elevatedShare`
 * of the threshold on, each record carries a `user_risk` signal (low); at the threshold it is high,
 * which opens the user's risk alert.
 */
export function updateUserRisk(state: UserState, cur: TurnFact, findings: readonly Finding[], signals: readonly BehaviourSignal[], config: BehaviourConfig["userRisk"]): BehaviourSignal | undefined {
  const halfLife = config.halfLifeHours * 3_600_000;
  const risk = state.risk;
  if (cur.ts > risk.ts) {
    risk.score *= Math.pow(2, -(cur.ts - risk.ts) / halfLife);
    risk.ts = cur.ts;
  }
  const points = [...findingContributions(findings), ...signalContributions(signals)].reduce((sum, c) => sum + c.points, 0);
  if (points > 0) {
    risk.score += points * Math.pow(2, -(risk.ts - cur.ts) / halfLife);
    risk.evidence = [...risk.evidence.filter((id) => id !== cur.id), cur.id].slice(-MAX_EVIDENCE);
  }
  risk.score = Math.round(risk.score * 1000) / 1000;
  if (risk.score < config.threshold * config.elevatedShare) return undefined;
  const high = risk.score >= config.threshold;
  return {
    ...makeSignal("user_risk", high ? "high" : "low", Math.min(1, risk.score / (2 * config.threshold)), [{ id: cur.id, ts: cur.ts }], {
      score: Math.round(risk.score * 10) / 10,
      threshold: config.threshold,
    }),
    evidenceIds: [...risk.evidence],
  };
}
