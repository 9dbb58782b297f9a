/**
 * One bulk round: `create` actions with deterministic ids, and each item's answer sorted into
 * what the sink does with it (reference note elastic.md §4: data streams take only `create`;
 * 409 means already written; 429 and 5xx may pass; any other 4xx is the document's fault).
 */
import type { EcsAction } from "../../map/ecs/index.js";
import type { EsClient } from "../../util/elasticsearch.js";

export type ItemOutcome = { kind: "created" } | { kind: "duplicate" } | { kind: "retry"; reason: string } | { kind: "rejected"; reason: string };

interface BulkItemError {
  type?: string;
  reason?: string | null;
  caused_by?: BulkItemError;
}

/** Elasticsearch's error as one line: `type: reason (caused by type: reason)`. */
export function describeItemError(error: BulkItemError | undefined, status: number): string {
  if (!error) return `status ${status}`;
  const cause = error.caused_by ? ` (caused by ${describeItemError(error.caused_by, status)})` : "";
  return `${error.type ?? "error"}: ${error.reason ?? ""}${cause}`.replace(/[\r\n]+/g, " ");
}

export function classifyItem(status: number, error: BulkItemError | undefined): ItemOutcome {
  if (status >= 200 && status < 300) return { kind: "created" };
  if (status === 409) return { kind: "duplicate" };
  const reason = `${status} ${describeItemError(error, status)}`;
  if (status === 429 || status >= 500) return { kind: "retry", reason };
  return { kind: "rejected", reason };
}

/** `lines` are the documents already serialised; the client passes strings into the NDJSON body unchanged. */
export async function sendBulk(client: EsClient, actions: EcsAction[], lines: string[], signal: AbortSignal): Promise<ItemOutcome[]> {
  const operations = actions.flatMap((a, i) => [{ create: { _index: a.index, _id: a.id } }, lines[i]!]);
  const response = await client.bulk({ operations: operations as unknown as Array<Record<string, unknown>>, require_data_stream: true }, { signal });
  if (response.items.length !== actions.length) {
    throw new Error(`Elasticsearch answered ${response.items.length} bulk items for ${actions.length} documents`);
  }
  return response.items.map((item) => {
    const result = item.create ?? Object.values(item)[0]!;
    return classifyItem(result.status, result.error as BulkItemError | undefined);
  });
}
