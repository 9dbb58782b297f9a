import { createHash } from "node:crypto";
import type { BehaviourAlert, Enriched, Finding, FindingAction } from "../../model/index.js";
import { atlasThreat } from "./atlas.js";
import { actorOf, baseDocument, SEVERITY_NUMBER } from "./context.js";
import { put, putAll, type EcsDoc } from "./document.js";
import type { EcsMapOptions } from "./options.js";

/** ECS `event.type` for an intrusion_detection alert, by what the product did. */
const EVENT_TYPE: Record<FindingAction, string> = { blocked: "denied", masked: "denied", allowed: "allowed", observed: "info", unknown: "info" };
const VERB: Record<FindingAction, string> = { blocked: "blocked", masked: "masked", allowed: "allowed", observed: "detected", unknown: "detected" };

const hashId = (...parts: Array<string | number | undefined>) =>
  createHash("sha256").update(parts.map((p) => String(p ?? "")).join("\u0000")).digest("hex").slice(0, 32);

const words = (snake: string) => snake.replace(/_/g, " ");
const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const hyphenated = (snake: string) => snake.replace(/_/g, "-");

/** Deterministic `_id` of the alert for the `index`-th finding of an interaction. */
export function findingAlertId(record: Enriched, finding: Finding, index: number): string {
  return hashId(record.id, "finding", index, finding.origin, finding.detector, finding.category, finding.label, finding.target);
}

/** Deterministic `_id` of one revision of a behaviour alert: each revision is its own document. */
export function behaviourAlertId(alert: BehaviourAlert): string {
  return hashId("behaviour", alert.id, alert.revision);
}

function alertBase(record: Enriched, options: EcsMapOptions, now: Date, id: string, atlas: string[]): EcsDoc {
  const doc = baseDocument(record, "alert", options, now);
  putAll(doc, "event", { kind: "alert", category: ["intrusion_detection"], id, created: now.toISOString() });
  put(doc, "threat", atlasThreat(atlas));
  return doc;
}

/** The `event.kind: alert` document for one finding, promotable by Elastic's External Alerts rule. */
export function findingAlertDocument(record: Enriched, finding: Finding, index: number, options: EcsMapOptions, now: Date): EcsDoc {
  const doc = alertBase(record, options, now, findingAlertId(record, finding, index), finding.atlas);
  const riskScore = finding.score !== undefined ? Math.round(finding.score * 100) : SEVERITY_NUMBER[finding.severity];
  const label = finding.label ? ` [${finding.label}]` : "";
  put(doc, "@timestamp", record.timestamp);
  put(doc, "message", `${capitalised(words(finding.category))} ${VERB[finding.action]} in ${record.app.name} ${finding.target} by ${actorOf(record)}${label}`);
  putAll(doc, "event", {
    type: [EVENT_TYPE[finding.action]],
    action: `${hyphenated(finding.category)}-detected`,
    reason: finding.policy?.name ?? finding.label,
    severity: SEVERITY_NUMBER[finding.severity],
    risk_score: riskScore,
    risk_score_norm: riskScore,
  });
  putAll(doc, "rule", {
    id: finding.policy?.id ?? finding.detector,
    name: finding.policy?.name ?? finding.detector,
    version: finding.policy?.version,
    ruleset: finding.detector,
    category: finding.category,
  });
  putAll(doc, "aisiem.alert", { type: "finding" });
  putAll(doc, "aisiem.finding", {
    origin: finding.origin,
    detector: finding.detector,
    category: finding.category,
    label: finding.label,
    harm: finding.harm,
    target: finding.target,
    action: finding.action,
    severity: finding.severity,
    score: finding.score,
    owasp: finding.owasp,
    evidence: finding.evidence,
  });
  return doc;
}

/** The `event.kind: alert` document for one revision of a behaviour alert. */
export function behaviourAlertDocument(record: Enriched, alert: BehaviourAlert, options: EcsMapOptions, now: Date): EcsDoc {
  const doc = alertBase(record, options, now, behaviourAlertId(alert), alert.atlas);
  const { signal } = alert;
  put(doc, "@timestamp", alert.timestamp);
  put(doc, "message", alert.title);
  // The alert belongs to the user the behaviour state keyed it on, which may be a stitched identity.
  put(doc, "user.id", alert.userId);
  put(doc, "related.user", [...new Set([alert.userId, ...((doc.related as { user?: string[] } | undefined)?.user ?? [])])]);
  putAll(doc, "event", {
    type: ["info"],
    action: `${hyphenated(signal.kind)}-detected`,
    reason: signal.description,
    severity: SEVERITY_NUMBER[signal.severity],
    risk_score: alert.riskScore,
    risk_score_norm: alert.riskScore,
    start: signal.window.start,
    end: signal.window.end,
  });
  putAll(doc, "rule", { id: `aisiem.behaviour.${signal.kind}`, name: capitalised(words(signal.kind)), ruleset: "aisiem.behaviour", category: signal.kind });
  putAll(doc, "aisiem.alert", { type: "behaviour", id: alert.id, revision: alert.revision });
  putAll(doc, "aisiem.behaviour", {
    kind: [signal.kind],
    score: signal.score,
    counts: Object.keys(signal.counts).length > 0 ? signal.counts : undefined,
    attributes: signal.attributes,
    evidence_ids: signal.evidenceIds,
  });
  put(doc, "aisiem.finding.owasp", alert.owasp);
  return doc;
}
