import { z } from "zod";
import { cimUser, eventId } from "../../map/cim/index.js";
import type { Enriched } from "../../model/index.js";
import { createSplunkService, splunkError, SplunkRestConfig, type SplunkService } from "../../util/splunk-sdk.js";
import { defineSink, type Sink, type SinkResult } from "../types.js";

export const SplunkKvStoreSinkConfig = z.intersection(
  SplunkRestConfig,
  z.object({
    type: z.literal("splunk-kvstore"),
    name: z.string().optional(),
    /** The collection TA-aisiem defines (collections.conf) and its lookup `aisiem_user_risk_lookup` reads. */
    collection: z.string().regex(/^[A-Za-z0-9_]+$/).default("aisiem_user_risk"),
    app: z.string().min(1).default("TA-aisiem"),
  }),
);
export type SplunkKvStoreSinkConfig = z.infer<typeof SplunkKvStoreSinkConfig>;

/** One row of the per-user risk lookup. Every value is idempotent under replay: latest by time, or a maximum. */
export interface UserRisk {
  _key: string;
  user: string;
  risk_score: number;
  risk_level: string;
  max_risk_score: number;
  risk_reasons: string;
  last_interaction_id: string;
  /** Epoch seconds of the interaction the current score belongs to. */
  last_seen: number;
  updated: number;
}

const UserRiskRows = z.array(
  z.looseObject({
    _key: z.string(),
    user: z.string(),
    risk_score: z.number(),
    risk_level: z.string(),
    max_risk_score: z.number(),
    risk_reasons: z.string().default(""),
    last_interaction_id: z.string(),
    last_seen: z.number(),
    updated: z.number(),
  }),
);

/** Folds records into per-user risk rows on top of what the collection already holds. */
export function foldUserRisk(records: Enriched[], existing: Map<string, UserRisk>, now: number): Map<string, UserRisk> {
  const rows = new Map(existing);
  for (const record of records) {
    const user = cimUser(record);
    if (!user) continue;
    const key = eventId("user", user.toLowerCase());
    const seen = Date.parse(record.timestamp) / 1000;
    const score = Math.max(record.risk.score, ...record.alerts.map((a) => a.riskScore));
    const row = rows.get(key);
    const newer = !row || seen >= row.last_seen;
    rows.set(key, {
      _key: key,
      user,
      risk_score: newer ? score : row.risk_score,
      risk_level: newer ? record.risk.level : row.risk_level,
      max_risk_score: Math.max(score, row?.max_risk_score ?? 0),
      risk_reasons: newer ? record.risk.reasons.join("; ") : row.risk_reasons,
      last_interaction_id: newer ? record.id : row.last_interaction_id,
      last_seen: newer ? seen : row.last_seen,
      updated: now,
    });
  }
  return rows;
}

/**
 * Keeps each user's current aisiem risk in a Splunk KV-store collection, so detections can
 * `| lookup aisiem_user_risk_lookup user` or `| inputlookup` it. Written with `batch_save`
 * (an upsert by `_key`), after reading the rows of the batch's users.
 */
export class SplunkKvStoreSink implements Sink {
  readonly type = "splunk-kvstore";
  private service: SplunkService | undefined;

  constructor(
    readonly name: string,
    private readonly config: SplunkKvStoreSinkConfig,
    private readonly clock: () => number = () => Date.now(),
  ) {}

  async open(): Promise<void> {
    this.service = await createSplunkService(this.config);
  }

  private get path(): string {
    return `storage/collections/data/${this.config.collection}`;
  }

  async write(records: Enriched[]): Promise<SinkResult> {
    const service = this.service ?? (this.service = await createSplunkService(this.config));
    const keys = [...new Set(records.flatMap((r) => (cimUser(r) ? [eventId("user", cimUser(r)!.toLowerCase())] : [])))];
    if (keys.length === 0) return { written: records.length, duplicates: 0, rejected: [] };
    let current;
    try {
      current = await service.get(this.path, { query: JSON.stringify({ $or: keys.map((k) => ({ _key: k })) }) });
    } catch (failure) {
      throw splunkError(`KV-store read of ${this.config.collection}`, failure);
    }
    const existing = new Map(UserRiskRows.parse(current.data).map((row) => [row._key, row as UserRisk]));
    const rows = [...foldUserRisk(records, existing, this.clock() / 1000).values()].filter((row) => keys.includes(row._key));
    try {
      await service.request(`${this.path}/batch_save`, "POST", {}, {}, JSON.stringify(rows), { "Content-Type": "application/json" });
    } catch (failure) {
      throw splunkError(`KV-store batch_save to ${this.config.collection}`, failure);
    }
    return { written: records.length, duplicates: 0, rejected: [] };
  }

  /** Creates the collection in the app when it is missing (`aisiem setup splunk`); 409 means it exists. */
  async ensureCollection(): Promise<"created" | "exists"> {
    const service = this.service ?? (this.service = await createSplunkService(this.config));
    try {
      await service.request("storage/collections/config", "POST", {}, { name: this.config.collection }, "", {});
      return "created";
    } catch (failure) {
      if ((failure as { status?: number }).status === 409) return "exists";
      throw splunkError(`creating KV-store collection ${this.config.collection}`, failure);
    }
  }

  async close(): Promise<void> {
    this.service = undefined;
  }
}

export const splunkKvStoreSink = defineSink({
  type: "splunk-kvstore",
  configSchema: SplunkKvStoreSinkConfig,
  create: (config, name) => new SplunkKvStoreSink(name, config),
});
