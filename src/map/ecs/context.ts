import { isIP } from "node:net";
import type { Enriched, Severity } from "../../model/index.js";
import { put, putAll, uniq, type EcsDoc } from "./document.js";
import { DATASETS, type EcsMapOptions } from "./options.js";
import { loadContract } from "./contract.js";

/** Elastic's promotion rules read exactly these four severities (reference note elastic.md §3.4). */
export const SEVERITY_NUMBER: Record<Severity, 21 | 47 | 73 | 99> = { info: 21, low: 21, medium: 47, high: 73, critical: 99 };

/** Who the record is about, in a form fit for a title. */
export function actorOf(record: Enriched): string {
  return record.user.email ?? record.user.name ?? record.user.id ?? "an unknown user";
}

/** Fields every document about `record` carries: data stream, who, where, which model, risk. */
export function baseDocument(record: Enriched, kind: keyof typeof DATASETS, options: EcsMapOptions, now: Date): EcsDoc {
  const doc: EcsDoc = {};
  const dataset = DATASETS[kind];
  put(doc, "ecs.version", loadContract().ecs_version);
  put(doc, "tags", ["aisiem"]);
  put(doc, "labels", record.labels && Object.keys(record.labels).length > 0 ? { ...record.labels } : undefined);
  putAll(doc, "data_stream", { type: "logs", dataset, namespace: options.namespace });
  putAll(doc, "event", { module: "aisiem", provider: record.source.connector, dataset, ingested: now.toISOString() });

  const { user } = record;
  putAll(doc, "user", { id: user.id, name: user.name, email: user.email, domain: user.domain });
  put(doc, "user.group.name", user.groups);
  put(doc, "related.user", uniq([user.id, user.name, user.email, ...(user.aliases ?? [])].filter((v): v is string => Boolean(v))));
  const address = record.network?.sourceIp;
  if (address) {
    put(doc, "source.address", address);
    if (isIP(address)) {
      put(doc, "source.ip", address);
      put(doc, "related.ip", [address]);
    }
  }
  putAll(doc, "organization", { id: record.organization?.id, name: record.organization?.name });
  putAll(doc, "cloud", { provider: record.cloud?.provider, region: record.cloud?.region });
  put(doc, "cloud.account.id", record.cloud?.accountId);
  putAll(doc, "observer", { vendor: record.source.vendor, product: record.source.product });
  putAll(doc, "service", { name: record.app.name, id: record.app.id });

  putAll(doc, "gen_ai", {
    "provider.name": record.model.provider,
    "operation.name": record.operation,
    "request.model": record.model.requested,
    "response.model": record.model.responded,
    "conversation.id": record.conversationId,
  });
  putAll(doc, "aisiem", {
    "interaction.id": record.id,
    "source.connector": record.source.connector,
    "source.record_id": record.source.recordId,
    "app.host": record.app.host,
  });
  putAll(doc, "aisiem.risk", { score: record.risk.score, level: record.risk.level, reasons: record.risk.reasons });
  return doc;
}
