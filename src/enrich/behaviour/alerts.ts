import { createHash } from "node:crypto";
import type { BehaviourAlert, BehaviourKind, BehaviourSignal } from "../../model/index.js";
import type { BehaviourConfig } from "./config.js";
import { MAX_EVIDENCE, maxSeverity, severityRank } from "./signal.js";
import type { UserState } from "./state.js";

const JAILBREAK = { atlas: ["AML.T0054"], owasp: ["LLM01"] };
const FRAMEWORKS: Partial<Record<BehaviourKind, { atlas: string[]; owasp: string[] }>> = {
  retry_loop: JAILBREAK,
  escalation: JAILBREAK,
  many_shot: JAILBREAK,
  cross_tool_evasion: JAILBREAK,
  probing_burst: JAILBREAK,
  jailbreak_attempts: JAILBREAK,
  information_gathering: { atlas: ["AML.T0057"], owasp: ["LLM02"] },
};

const TITLES: Record<BehaviourKind, string> = {
  retry_loop: "Refused request retried with rephrasing",
  escalation: "Conversation escalated towards harmful output",
  many_shot: "Many-shot jailbreak prompt",
  cross_tool_evasion: "Refused request taken to another AI tool",
  probing_burst: "Burst of refused or flagged prompts",
  information_gathering: "Gathering of sensitive information",
  jailbreak_attempts: "Repeated jailbreak attempts",
  unusual_volume: "Unusual AI usage volume",
  unusual_rate: "Unusual rate of flagged AI interactions",
  first_seen_category: "First-seen risk category",
  uncommon_among_peers: "Risk category uncommon among peers",
  behaviour_shift: "Shift in AI usage categories",
  user_risk: "User AI risk score above threshold",
};

/** The risk score Elastic and Splunk read for each severity (ECS event.severity steps 21/47/73/99). */
const RISK_BY_SEVERITY = { info: 10, low: 21, medium: 47, high: 73, critical: 99 } as const;

const alertId = (user: string, kind: BehaviourKind, start: number) => createHash("sha256").update(`${user}\u0000${kind}\u0000${start}`).digest("hex").slice(0, 32);

/**
 * One open alert per user and detector: a signal at or above `minSeverity` opens one, or, while
 * the alert is open (last evidence within `gapHours`), updates it — a new revision only when the
 * evidence grew. The id depends on user, detector and window start, so an update overwrites.
 */
export function raiseAlerts(state: UserState, signals: readonly BehaviourSignal[], ts: number, config: BehaviourConfig["alerts"]): BehaviourAlert[] {
  const gap = config.gapHours * 3_600_000;
  const out: BehaviourAlert[] = [];
  for (const signal of signals) {
    if (severityRank(signal.severity) < severityRank(config.minSeverity)) continue;
    const open = state.alerts[signal.kind];
    const current = open && ts - open.last <= gap && open.last - ts <= gap ? open : undefined;
    const fresh = signal.evidenceIds.filter((id) => !current?.evidence.includes(id));
    if (current && fresh.length === 0) continue;
    const alert = current
      ? {
          ...current,
          start: Math.min(current.start, ts),
          last: Math.max(current.last, ts),
          revision: current.revision + 1,
          severity: maxSeverity(current.severity, signal.severity),
          evidence: [...current.evidence, ...fresh].slice(-MAX_EVIDENCE),
          counts: { ...current.counts, ...signal.counts },
        }
      : { id: alertId(state.user, signal.kind, ts), start: ts, last: ts, revision: 1, severity: signal.severity, evidence: [...signal.evidenceIds], counts: { ...signal.counts } };
    state.alerts[signal.kind] = alert;
    const frameworks = FRAMEWORKS[signal.kind] ?? { atlas: [], owasp: [] };
    out.push({
      id: alert.id,
      timestamp: new Date(ts).toISOString(),
      userId: state.user,
      signal: {
        ...signal,
        severity: alert.severity,
        window: { start: new Date(Math.min(alert.start, Date.parse(signal.window.start))).toISOString(), end: new Date(alert.last).toISOString() },
        evidenceIds: alert.evidence,
        counts: alert.counts,
      },
      revision: alert.revision,
      atlas: frameworks.atlas,
      owasp: frameworks.owasp,
      riskScore: RISK_BY_SEVERITY[alert.severity],
      title: TITLES[signal.kind],
    });
  }
  return out;
}
