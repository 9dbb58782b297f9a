import type { BehaviourKind, BehaviourSignal, Severity } from "../../model/index.js";

export const SEVERITIES: readonly Severity[] = ["info", "low", "medium", "high", "critical"];
export const severityRank = (s: Severity) => SEVERITIES.indexOf(s);
export const maxSeverity = (a: Severity, b: Severity): Severity => (severityRank(a) >= severityRank(b) ? a : b);

/** Evidence lists stay bounded however long a pattern runs: the newest ids are kept. */
export const MAX_EVIDENCE = 50;

export interface Evidence {
  id: string;
  ts: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** A signal whose window spans its evidence (event time) and whose ids are the evidence interactions, oldest first. */
export function makeSignal(
  kind: BehaviourKind,
  severity: Severity,
  score: number,
  evidence: readonly Evidence[],
  counts: Record<string, number>,
  attributes?: BehaviourSignal["attributes"],
): BehaviourSignal {
  const sorted = [...evidence].sort((a, b) => a.ts - b.ts);
  const ids = [...new Set(sorted.map((e) => e.id))].slice(-MAX_EVIDENCE);
  return {
    kind,
    score: Math.min(1, Math.max(0, score)),
    severity,
    window: { start: iso(sorted[0]!.ts), end: iso(sorted[sorted.length - 1]!.ts) },
    evidenceIds: ids,
    counts,
    ...(attributes ? { attributes } : {}),
  };
}
