import type { BehaviourKind, BehaviourSignal, Finding, FindingCategory, Severity } from "../../model/index.js";

/**
 * Risk points per observation, summed into the per-user score and into the per-interaction
 * risk. Injection 10, retry loop 15, bypass suspected +40, escalation 30, behaviour shift 10
 * come from ../shared/reference/behaviour.md §4.5; the rest are set relative to those.
 */
export const FINDING_POINTS: Partial<Record<FindingCategory, number>> = {
  prompt_injection: 10,
  indirect_prompt_injection: 10,
  jailbreak: 10,
  system_prompt_leak: 10,
  secret: 10,
  pii: 5,
  financial: 5,
  harm: 8,
  malicious_url: 8,
  toxicity: 3,
  denied_topic: 3,
  protected_material: 3,
  blocklist: 2,
  policy: 2,
};

export const BEHAVIOUR_POINTS: Record<BehaviourKind, number> = {
  retry_loop: 15,
  escalation: 30,
  many_shot: 25,
  cross_tool_evasion: 30,
  probing_burst: 20,
  information_gathering: 20,
  jailbreak_attempts: 20,
  unusual_volume: 5,
  unusual_rate: 10,
  first_seen_category: 5,
  uncommon_among_peers: 10,
  behaviour_shift: 10,
  user_risk: 0,
};

export const BYPASS_POINTS = 40;

export const SEVERITY_WEIGHT: Record<Severity, number> = { info: 0.25, low: 0.5, medium: 1, high: 1.5, critical: 2 };

export interface Contribution {
  reason: string;
  points: number;
}

/** One contribution per finding category (its strongest finding), so ten PII hits in one prompt do not count ten times. */
export function findingContributions(findings: readonly Finding[]): Contribution[] {
  const best = new Map<string, Contribution>();
  for (const f of findings) {
    const points = (FINDING_POINTS[f.category] ?? 0) * SEVERITY_WEIGHT[f.severity] * (f.action === "blocked" ? 1.2 : 1);
    if (points <= 0) continue;
    const current = best.get(f.category);
    if (!current || points > current.points) best.set(f.category, { reason: `finding:${f.category}:${f.severity}${f.action === "blocked" ? ":blocked" : ""}`, points });
  }
  return [...best.values()];
}

export function signalContributions(signals: readonly BehaviourSignal[]): Contribution[] {
  return signals
    .filter((s) => s.kind !== "user_risk")
    .map((s) => ({
      reason: `behaviour:${s.kind}:${s.severity}${s.attributes?.bypass_suspected === true ? ":bypass_suspected" : ""}`,
      points: BEHAVIOUR_POINTS[s.kind] * SEVERITY_WEIGHT[s.severity] + (s.attributes?.bypass_suspected === true ? BYPASS_POINTS : 0),
    }))
    .filter((c) => c.points > 0);
}
