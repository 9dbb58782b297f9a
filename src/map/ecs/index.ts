/**
 * Enriched → ECS documents for Elasticsearch: one `event.kind: event` document per interaction
 * in `logs-aisiem.interaction-<ns>`, and one `event.kind: alert` document per finding and per
 * behaviour alert in `logs-aisiem.alert-<ns>`, each with a deterministic `_id`.
 * Field names and types are those of `mappings/ecs/fields.yml`.
 */
import type { Enriched } from "../../model/index.js";
import { behaviourAlertDocument, behaviourAlertId, findingAlertDocument, findingAlertId } from "./alert.js";
import type { EcsAction } from "./document.js";
import { interactionDocument } from "./event.js";
import { dataStreamName, EcsMapOptions } from "./options.js";

export { EcsMapOptions, DATASETS, dataStreamName } from "./options.js";
export type { EcsAction, EcsDoc } from "./document.js";
export { leafPaths } from "./document.js";
export { loadContract, declaredFieldOf, CONTRACT_PATH, type FieldContract, type FieldSpec } from "./contract.js";
export { atlasThreat, ATLAS_FRAMEWORK } from "./atlas.js";
export { SEVERITY_NUMBER } from "./context.js";
export { buildTemplates, TEMPLATE_NAMES, INDEX_PATTERN, type ElasticTemplates, type TemplateBody, type TemplateOptions, type Lifecycle } from "./template.js";

export interface MapOptions extends Partial<EcsMapOptions> {
  /** Time written to `event.ingested` (and `event.created` on alerts); defaults to now. */
  now?: Date;
}

/** All documents for one enriched interaction, in write order: the event first, then its alerts. */
export function toEcs(record: Enriched, options: MapOptions = {}): EcsAction[] {
  const { now = new Date(), ...rest } = options;
  const resolved = EcsMapOptions.parse(rest);
  const events = dataStreamName("event", resolved.namespace);
  const alerts = dataStreamName("alert", resolved.namespace);
  const out: EcsAction[] = [{ id: record.id, index: events, doc: interactionDocument(record, resolved, now) }];
  record.findings.forEach((finding, i) => {
    out.push({ id: findingAlertId(record, finding, i), index: alerts, doc: findingAlertDocument(record, finding, i, resolved, now) });
  });
  for (const alert of record.alerts) {
    out.push({ id: behaviourAlertId(alert), index: alerts, doc: behaviourAlertDocument(record, alert, resolved, now) });
  }
  return out;
}
