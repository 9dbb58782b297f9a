import type { BehaviourAlert, Enriched, Finding, Severity } from "../../model/index.js";
import { genAiDetail, interactionDetail, interactionRef } from "./detail.js";
import { CATEGORY_KIND, SOURCETYPES, type RecordKind } from "./kinds.js";
import { CIM_SEVERITY, cimAction, cimUser, compact, epochSeconds, eventId, prune, type CimFields } from "./values.js";

/** One Splunk event before the HEC envelope's `index`, `host` and `source` are added. */
export interface CimEvent {
  kind: RecordKind;
  sourcetype: string;
  /** Epoch seconds with a millisecond fraction. */
  time: number;
  /** Stable across replays: the key for `| dedup event_id`. */
  eventId: string;
  event: Record<string, unknown>;
  /** Flat, low-cardinality indexed fields (declared in the add-on's fields.conf). */
  fields: Record<string, string>;
}

/**
 * Risk a finding carries into RBA when the risk stage gave the interaction none: the score Elastic
 * Security uses per severity (21/47/73/99), so both SIEMs rank findings alike.
 */
const SEVERITY_RISK: Record<Severity, number> = { info: 0, low: 21, medium: 47, high: 73, critical: 99 };

function envelope(kind: RecordKind, time: string, id: string, record: Enriched, cim: CimFields, detail: unknown): CimEvent {
  const fields: Record<string, string> = { aisiem_kind: kind, aisiem_connector: record.source.connector };
  const event: Record<string, unknown> = { ...cim };
  if (detail !== undefined) event.aisiem = detail;
  const genAi = genAiDetail(record);
  if (genAi !== undefined) event.gen_ai = genAi;
  return { kind, sourcetype: SOURCETYPES[kind], time: epochSeconds(time), eventId: id, event, fields };
}

/** HTTP facts a gateway connector leaves in `labels` under their ECS names (Web data model). */
function webFields(record: Enriched): CimFields {
  const labels = record.labels ?? {};
  const full = labels["url.full"];
  let url: URL | undefined;
  try {
    url = full ? new URL(full) : undefined;
  } catch {
    url = undefined;
  }
  const ua = record.network?.userAgent;
  const kept = record.content === "kept";
  const bytesOut = kept ? Buffer.byteLength(record.prompt.text) : undefined;
  const bytesIn = kept ? Buffer.byteLength(record.response.text) : undefined;
  const status = Number(labels["http.response.status_code"]);
  return compact({
    url: url?.href,
    url_domain: url?.hostname,
    url_length: url?.href.length,
    uri_path: url?.pathname,
    dest_port: url ? Number(url.port || (url.protocol === "https:" ? 443 : 80)) : undefined,
    http_method: labels["http.request.method"]?.toUpperCase(),
    status: Number.isInteger(status) ? String(status) : undefined,
    http_user_agent: ua,
    http_user_agent_length: ua?.length,
    bytes_out: bytesOut,
    bytes_in: bytesIn,
    bytes: bytesOut !== undefined && bytesIn !== undefined ? bytesOut + bytesIn : undefined,
  });
}

/** `aisiem:interaction`: every interaction, Web-compliant when it carries gateway HTTP facts. */
export function interactionEvent(record: Enriched): CimEvent {
  const web = webFields(record);
  const cim = compact({
    event_id: record.id,
    user: cimUser(record),
    src: record.network?.sourceIp,
    dest: web.url_domain ?? record.app.name,
    app: record.app.name,
    action: record.findings.some((f) => cimAction(f.action) === "blocked") ? "blocked" : "allowed",
    category: "generative_ai",
    vendor_product: record.source.product,
    ...web,
    risk_score: record.risk.score,
  });
  return envelope("interaction", record.timestamp, record.id, record, cim, interactionDetail(record));
}

/** The fields every finding event shares, whichever data model it lands in. */
function findingCommon(record: Enriched, finding: Finding, id: string): CimFields {
  const user = cimUser(record);
  const signature = finding.policy?.name ?? finding.label ?? finding.category;
  const riskScore = record.risk.score > 0 ? record.risk.score : SEVERITY_RISK[finding.severity];
  return compact({
    event_id: id,
    signature,
    signature_id: finding.policy?.id ?? `${finding.detector}:${finding.label ?? finding.category}`,
    severity: CIM_SEVERITY[finding.severity],
    user,
    dest: record.app.name,
    src: record.network?.sourceIp,
    risk_object: user,
    risk_object_type: user ? "user" : undefined,
    risk_score: riskScore,
    risk_message: `${signature} (${finding.category}, ${finding.severity}) in the ${finding.target} of ${user ?? "an unknown user"} on ${record.app.name}`,
    threat_object: signature,
    threat_object_type: "signature",
  });
}

/** Per-kind CIM fields of a finding (Alerts, Intrusion_Detection or DLP). */
function findingModelFields(record: Enriched, finding: Finding, id: string): CimFields {
  const kind = CATEGORY_KIND[finding.category];
  const alertingSystem = finding.origin === "aisiem" ? "aisiem" : record.source.product;
  if (kind === "alert") {
    return compact({
      id,
      app: alertingSystem,
      description: `${finding.category} found in the ${finding.target} by ${finding.detector}; the product's action: ${finding.action}`,
      user_name: record.user.name,
      mitre_technique_id: finding.atlas,
      vendor_account: record.organization?.id ?? record.cloud?.accountId,
      vendor_region: record.cloud?.region,
    });
  }
  const shared = { action: cimAction(finding.action), category: finding.category, dvc: finding.detector, vendor_product: alertingSystem };
  if (kind === "attack") return compact(shared);
  const where = record.conversationId ?? record.id;
  return compact({
    ...shared,
    app: record.app.name,
    object: `${record.app.name} ${finding.target}`,
    object_category: finding.target,
    object_path: `${record.app.name}/${where}/${finding.target}`,
  });
}

/** `aisiem:alert` / `aisiem:attack` / `aisiem:dlp`: one event per finding, upstream or aisiem's own. */
export function findingEvent(record: Enriched, finding: Finding, index: number): CimEvent {
  const kind = CATEGORY_KIND[finding.category];
  const id = eventId(record.id, "finding", index, finding.detector, finding.category);
  const cim = { ...findingCommon(record, finding, id), ...findingModelFields(record, finding, id) };
  // ATLAS and OWASP ids sit beside the finding, as on risk events.
  const { atlas: _atlas, owasp: _owasp, ...findingDetail } = finding;
  const detail = prune({
    kind,
    ...interactionRef(record),
    finding: findingDetail,
    atlas: finding.atlas,
    owasp: finding.owasp,
    summary: record.summary?.text,
  });
  return envelope(kind, record.timestamp, id, record, cim, detail);
}

/** `aisiem:risk`: a behaviour alert as a risk event for risk-based alerting (risk object = user). */
export function riskEvent(record: Enriched, alert: BehaviourAlert): CimEvent {
  const id = eventId(alert.id, alert.revision);
  const cim = compact({
    event_id: id,
    id: alert.id,
    user: alert.userId,
    risk_object: alert.userId,
    risk_object_type: "user",
    risk_score: alert.riskScore,
    risk_message: alert.title,
    threat_object: alert.signal.kind,
    threat_object_type: "signature",
    signature: alert.title,
    signature_id: `aisiem.behaviour.${alert.signal.kind}`,
    severity: CIM_SEVERITY[alert.signal.severity],
    description: alert.signal.description ?? alert.title,
    mitre_technique_id: alert.atlas,
  });
  const detail = prune({
    kind: "risk",
    ...interactionRef(record),
    alert: {
      id: alert.id,
      revision: alert.revision,
      signal: {
        kind: alert.signal.kind,
        score: alert.signal.score,
        window: alert.signal.window,
        counts: alert.signal.counts,
        evidence_ids: alert.signal.evidenceIds,
      },
    },
    atlas: alert.atlas,
    owasp: alert.owasp,
  });
  return envelope("risk", alert.timestamp, id, record, cim, detail);
}

/** Every Splunk event one enriched record yields: the interaction, its findings, its behaviour alerts. */
export function toCimEvents(record: Enriched): CimEvent[] {
  return [
    interactionEvent(record),
    ...record.findings.map((finding, i) => findingEvent(record, finding, i)),
    ...record.alerts.map((alert) => riskEvent(record, alert)),
  ];
}
