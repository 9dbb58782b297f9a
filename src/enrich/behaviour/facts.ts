import type { Enriched, Finding, Severity } from "../../model/index.js";
import { contentTerms, embeddedDialoguePairs, entities, framingCues, hasContinuation, hasEnumeration, sensitiveTopics } from "./text.js";

/** What the detectors remember of one interaction: compact, no prompt text. */
export interface TurnFact {
  id: string;
  ts: number;
  app: string;
  conv?: string;
  /** 0 none, 1 partial, 2 full refusal (a block counts as full). */
  refused: 0 | 1 | 2;
  blocked: boolean;
  /** The product returned an answer that was neither refused nor blocked. */
  answered: boolean;
  /** 0..1, the strongest harm verdict on prompt or response. */
  harm: number;
  /** Harm codes and denied topics: what "the same harmful goal" means to a classifier. */
  goals: string[];
  /** Finding categories present (without `refusal`). */
  cats: string[];
  injection: boolean;
  terms: string[];
  ents: string[];
  frames: string[];
  cont: boolean;
  enumer: boolean;
  topics: string[];
  shots: number;
  chars: number;
  tokens: number;
  /** Id of the refused turn that started the same-goal chain this turn belongs to. */
  goal?: string;
}

export const SEVERITY_SCORE: Record<Severity, number> = { info: 0.1, low: 0.3, medium: 0.5, high: 0.75, critical: 0.95 };
const HARMFUL = new Set(["harm", "toxicity", "denied_topic", "protected_material"]);
const INJECTION = new Set(["prompt_injection", "indirect_prompt_injection", "jailbreak"]);
const SENSITIVE_DATA: Record<string, string> = { secret: "credentials", pii: "people", financial: "finance" };

const findingScore = (f: Finding) => f.score ?? SEVERITY_SCORE[f.severity];

function goalsOf(findings: Finding[]): string[] {
  const goals = new Set<string>();
  for (const f of findings) {
    if (f.harm) goals.add(f.harm);
    else if (f.category === "denied_topic") goals.add(`topic:${(f.label ?? "").toLowerCase()}`);
    else if (f.category === "harm") goals.add("harm");
  }
  return [...goals];
}

export function toFact(record: Enriched): TurnFact {
  const findings = record.findings;
  const prompt = record.prompt.text;
  const blocked = findings.some((f) => f.action === "blocked");
  const refusalFinding = findings.some((f) => f.category === "refusal" && f.target !== "prompt");
  const refused: TurnFact["refused"] = blocked || refusalFinding || record.refusal === "full" ? 2 : record.refusal === "partial" ? 1 : 0;
  const responded = record.response.text.trim() !== "" || record.response.messages.length > 0;
  const topics = new Set(sensitiveTopics(prompt));
  for (const f of findings) {
    const topic = SENSITIVE_DATA[f.category];
    if (topic) topics.add(topic);
  }
  return {
    id: record.id,
    ts: Date.parse(record.timestamp),
    app: record.app.name,
    ...(record.conversationId ? { conv: record.conversationId } : {}),
    refused,
    blocked,
    answered: refused === 0 && responded,
    harm: Math.max(0, ...findings.filter((f) => HARMFUL.has(f.category)).map(findingScore)),
    goals: goalsOf(findings),
    cats: [...new Set(findings.filter((f) => f.category !== "refusal").map((f) => f.category))],
    injection: findings.some((f) => INJECTION.has(f.category)),
    terms: contentTerms(prompt),
    ents: entities(prompt),
    frames: framingCues(prompt),
    cont: hasContinuation(prompt),
    enumer: hasEnumeration(prompt),
    topics: [...topics],
    shots: embeddedDialoguePairs(prompt),
    chars: prompt.length,
    tokens: record.usage?.totalTokens ?? (record.usage?.inputTokens ?? 0) + (record.usage?.outputTokens ?? 0),
  };
}
