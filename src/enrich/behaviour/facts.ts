import { createHash } from "node:crypto";
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
  /** 0..1, the strongest classifier or guardrail verdict on the turn: harm, or injection/jailbreak (see `verdictOf`). */
  verdict: number;
  /** Harm codes and denied topics: what "the same harmful goal" means to a classifier. */
  goals: string[];
  /** Finding categories present (without `refusal`). */
  cats: string[];
  injection: boolean;
  /** An injection or jailbreak attempt the product itself stopped or flagged (see `isCorroboratedAttempt`). */
  attempt: boolean;
  terms: string[];
  ents: string[];
  frames: string[];
  cont: boolean;
  enumer: boolean;
  topics: string[];
  /** Sensitivity-labelled resources the tool read or was denied: `c:` confidential, `h:` highly confidential, then a short hash of the resource. */
  res: string[];
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

/**
 * The findings about what this user did in this turn. Classifiers also judge the other messages
 * a gateway re-sends with each request (the application's system prompt, earlier turns, tool
 * output); those verdicts carry the message's index and belong to the application or to the
 * earlier turn's own record, so they are no evidence of this turn's behaviour.
 */
export function ownFindings(record: Enriched): Finding[] {
  const messages = record.prompt.messages;
  const lastUser = messages.findLastIndex((m) => m.role === "user");
  const own = (index: number | undefined) => index === undefined || index >= lastUser;
  return record.findings.filter((f) => f.target !== "prompt" || f.evidence.length === 0 || f.evidence.some((e) => own(e.messageIndex)));
}

function goalsOf(findings: Finding[]): string[] {
  const goals = new Set<string>();
  for (const f of findings) {
    if (f.harm) goals.add(f.harm);
    else if (f.category === "denied_topic") goals.add(`topic:${(f.label ?? "").toLowerCase()}`);
    else if (f.category === "harm") goals.add("harm");
  }
  return [...goals];
}

/**
 * The turn's verdicts: harm findings of any origin at their score, and injection/jailbreak
 * findings by how far their score lies above even odds (0.55 is close to a coin toss, 0.95 near
 * certain). `verdict` is the stronger of the two.
 */
export function verdictOf(findings: readonly Finding[]): { harm: number; verdict: number } {
  const harm = Math.max(0, ...findings.filter((f) => HARMFUL.has(f.category)).map(findingScore));
  const injection = Math.max(0, ...findings.filter((f) => INJECTION.has(f.category)).map((f) => (findingScore(f) - 0.5) / 0.5));
  return { harm, verdict: Math.min(1, Math.max(harm, injection)) };
}

/**
 * An injection or jailbreak verdict counts as an attempt when the product agrees: its own
 * guardrail reported it, or the turn was refused or blocked. A classifier verdict alone on an
 * answered turn is not enough for a behaviour alert: at a few per cent false positives, a busy
 * user would collect two in a couple of days.
 */
function isCorroboratedAttempt(findings: readonly Finding[], refused: TurnFact["refused"]): boolean {
  const verdicts = findings.filter((f) => INJECTION.has(f.category));
  return verdicts.length > 0 && (refused > 0 || verdicts.some((f) => f.origin === "upstream"));
}

/** Sensitivity labels that mark a resource as sensitive (Microsoft Purview defaults and common schemes); General/Public do not. */
const SENSITIVE_LABEL = /confidential|secret|restricted|sensitive/i;
const HIGHLY_SENSITIVE_LABEL = /highly confidential|strictly confidential|secret|restricted/i;

function sensitiveResources(record: Enriched): { keys: string[]; names: string[] } {
  const keys = new Set<string>();
  const names: string[] = [];
  for (const r of record.resources ?? []) {
    if (!r.sensitivityLabel || !SENSITIVE_LABEL.test(r.sensitivityLabel)) continue;
    const identity = r.id ?? r.url ?? r.name ?? "";
    // A short hash keeps distinct resources apart without storing their names in the user's state.
    keys.add(`${HIGHLY_SENSITIVE_LABEL.test(r.sensitivityLabel) ? "h" : "c"}:${createHash("sha256").update(identity).digest("hex").slice(0, 10)}`);
    if (r.name) names.push(r.name);
  }
  return { keys: [...keys], names };
}

export function toFact(record: Enriched, findings: readonly Finding[] = ownFindings(record)): TurnFact {
  const prompt = record.prompt.text;
  const blocked = findings.some((f) => f.action === "blocked");
  const refusalFinding = findings.some((f) => f.category === "refusal" && f.target !== "prompt");
  const refused: TurnFact["refused"] = blocked || refusalFinding || record.refusal === "full" ? 2 : record.refusal === "partial" ? 1 : 0;
  const responded = record.response.text.trim() !== "" || record.response.messages.length > 0;
  const resources = sensitiveResources(record);
  const topics = new Set([...sensitiveTopics(prompt), ...resources.names.flatMap(sensitiveTopics)]);
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
    ...verdictOf(findings),
    goals: goalsOf([...findings]),
    cats: [...new Set(findings.filter((f) => f.category !== "refusal").map((f) => f.category))],
    injection: findings.some((f) => INJECTION.has(f.category)),
    attempt: isCorroboratedAttempt(findings, refused),
    terms: contentTerms(prompt),
    ents: entities(prompt),
    frames: framingCues(prompt),
    cont: hasContinuation(prompt),
    enumer: hasEnumeration(prompt),
    topics: [...topics],
    res: resources.keys,
    shots: embeddedDialoguePairs(prompt),
    chars: prompt.length,
    tokens: record.usage?.totalTokens ?? (record.usage?.inputTokens ?? 0) + (record.usage?.outputTokens ?? 0),
  };
}
