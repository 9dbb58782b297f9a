import pino from "pino";
import { BehaviourConfig } from "../../../src/enrich/behaviour/config.js";
import { BehaviourStage } from "../../../src/enrich/behaviour/stage.js";
import type { Enriched } from "../../../src/model/index.js";
import { MemoryStore, type StateStore } from "../../../src/state/index.js";
import { SCENARIO_OPTIONS } from "../../../scripts/eval/behaviour-scenarios.js";

export const silent = pino({ level: "silent" });

export function behaviourConfig(overrides: Record<string, unknown> = {}): BehaviourConfig {
  return BehaviourConfig.parse({ state: { type: "memory" }, ...SCENARIO_OPTIONS, ...overrides });
}

export function stageWith(store: StateStore = new MemoryStore(), overrides: Record<string, unknown> = {}): BehaviourStage {
  return new BehaviourStage(behaviourConfig(overrides), store, silent);
}

/** Runs records through the stage in batches of `size`, in order. */
export async function runBatches(stage: BehaviourStage, records: Enriched[], size = 50): Promise<Enriched[]> {
  const out: Enriched[] = [];
  for (let i = 0; i < records.length; i += size) out.push(...(await stage.process(records.slice(i, i + size))));
  return out;
}

export const alertKinds = (records: Enriched[]) => [...new Set(records.flatMap((r) => r.alerts.map((a) => a.signal.kind)))].sort();
export const signalKinds = (record: Enriched) => record.behaviour.map((s) => s.kind).sort();
