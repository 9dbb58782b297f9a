/** What a summary says about one interaction, read from the record and what earlier stages added. */
import type { Enriched, Finding, FindingCategory, Severity } from "../../model/index.js";
import { extractTopic, type Topic } from "./topic.js";

export type RefusalLevel = "none" | "partial" | "full";

export interface Flag {
  category: FindingCategory;
  labels: string[];
  detectors: string[];
  targets: string[];
  actions: string[];
  severity: Severity;
}

export interface Block {
  detector: string;
  category: FindingCategory;
  label?: string;
}

export interface InteractionFacts {
  id: string;
  timestamp: string;
  who: string;
  tool: string;
  /** Undefined when there was no prompt text to read (dropped, hashed or empty). */
  topic: Topic | undefined;
  contentKept: boolean;
  refusal: RefusalLevel;
  blocks: Block[];
  flags: Flag[];
  redactions: Array<{ category: string; count: number }>;
  failure: string | undefined;
  hasResponse: boolean;
}

const SEVERITY_RANK: Record<Severity, number> = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };
const SENSITIVE: ReadonlySet<FindingCategory> = new Set(["secret", "pii", "financial"]);

/** Text from a record, made safe to embed in a sentence: no control characters, bounded length. */
export function clean(text: string, max = 120): string {
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ").replace(/\s+/g, " ").trim();
  return flat.length > max ? flat.slice(0, max - 1) + "…" : flat;
}

function describeUser(record: Enriched): string {
  const { name, email, id } = record.user;
  if (name && email) return `${clean(name, 80)} <${clean(email, 120)}>`;
  return clean(email ?? name ?? id ?? "", 120) || "an unidentified user";
}

function describeTool(record: Enriched): string {
  const app = clean(record.app.name, 80);
  const host = record.app.host ? ` (${clean(record.app.host, 40)})` : "";
  // "internal-support-bot via LiteLLM Proxy", but not "Claude via Claude Enterprise".
  const product = record.source.product;
  const related = product.includes(record.app.name) || record.app.name.includes(product);
  const via = related ? "" : ` via ${clean(product, 60)}`;
  return `${app}${host}${via}`;
}

/** The prompt with the spans of sensitive findings blanked, so no secret can become a keyword. */
function promptWithoutSensitiveSpans(record: Enriched): string {
  let text = record.prompt.text;
  for (const finding of record.findings) {
    if (!SENSITIVE.has(finding.category)) continue;
    for (const ev of finding.evidence) {
      if (ev.target !== "prompt" || ev.start === undefined || ev.end === undefined || ev.messageIndex !== undefined) continue;
      text = text.slice(0, ev.start) + " ".repeat(Math.max(0, Math.min(ev.end, text.length) - ev.start)) + text.slice(ev.end);
    }
  }
  return text;
}

function groupFlags(findings: Finding[]): Flag[] {
  const byCategory = new Map<FindingCategory, Flag>();
  const add = (list: string[], value: string | undefined) => {
    if (value && !list.includes(value) && list.length < 5) list.push(clean(value, 60));
  };
  for (const f of findings) {
    if (f.category === "refusal") continue;
    const flag = byCategory.get(f.category) ?? { category: f.category, labels: [], detectors: [], targets: [], actions: [], severity: f.severity };
    add(flag.labels, f.label);
    add(flag.detectors, f.detector);
    add(flag.targets, f.target);
    if (f.action !== "unknown") add(flag.actions, f.action);
    if (SEVERITY_RANK[f.severity] > SEVERITY_RANK[flag.severity]) flag.severity = f.severity;
    byCategory.set(f.category, flag);
  }
  return [...byCategory.values()].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.category.localeCompare(b.category));
}

export function interactionFacts(record: Enriched, keywordCount: number): InteractionFacts {
  const contentKept = record.content === "kept";
  const refusalFinding = record.findings.some((f) => f.category === "refusal");
  const redactions = new Map<string, number>();
  for (const r of record.redactions) redactions.set(r.category, (redactions.get(r.category) ?? 0) + r.count);
  return {
    id: record.id,
    timestamp: record.timestamp,
    who: describeUser(record),
    tool: describeTool(record),
    topic: contentKept ? extractTopic(promptWithoutSensitiveSpans(record), keywordCount) : undefined,
    contentKept,
    refusal: record.refusal ?? (refusalFinding ? "full" : "none"),
    blocks: record.findings
      .filter((f) => f.action === "blocked")
      .map((f) => ({ detector: clean(f.detector, 60), category: f.category, ...(f.label ? { label: clean(f.label, 60) } : {}) })),
    flags: groupFlags(record.findings),
    redactions: [...redactions].map(([category, count]) => ({ category: clean(category, 40), count })),
    failure: record.outcome === "failure" ? clean(record.error?.code ?? "unknown error", 40) : undefined,
    hasResponse: record.response.text.length > 0,
  };
}
