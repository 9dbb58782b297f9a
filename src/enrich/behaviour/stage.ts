import type { Logger } from "pino";
import type { Enriched } from "../../model/index.js";
import { dayOf, type DailyRow, type EntityWrite, type StateStore, type Versioned } from "../../state/index.js";
import type { EnrichStage } from "../types.js";
import type { BehaviourConfig } from "./config.js";
import { BehaviourEngine, type Subject } from "./engine.js";
import { newPeerState, parsePeerState, parseUserState, type DayBucket, type Output, type PeerState, type UserState } from "./state.js";

/** Commits that lost a race with another worker are recomputed from fresh state this many times. */
const MAX_ATTEMPTS = 8;

interface Loaded<T> {
  version: number;
  before: string;
  value: T;
  /** Days folded into the baseline during this batch, by day: their final counts are written too. */
  closed?: Map<number, DayBucket>;
}

/**
 * The `behaviour` stage: loads the state of the users (and peer groups) in a batch, runs the
 * detectors record by record in order, and commits all of it at once with a version check. A
 * lost race (another worker wrote one of those users) reloads and recomputes the whole batch,
 * so the output always rests on committed state.
 */
export class BehaviourStage implements EnrichStage {
  readonly name = "behaviour";
  private readonly engine: BehaviourEngine;
  private compactedThrough = -Infinity;

  constructor(
    private readonly config: BehaviourConfig,
    readonly store: StateStore,
    private readonly logger: Logger,
  ) {
    this.engine = new BehaviourEngine(config);
  }

  async process(records: Enriched[]): Promise<Enriched[]> {
    const subjects = records.map((r) => this.engine.subjectOf(r));
    for (let attempt = 1; ; attempt += 1) {
      const { outputs, writes, daily, newestDay } = await this.compute(records, subjects);
      const conflicts = await this.store.commit(writes, daily);
      if (conflicts.length === 0) {
        await this.compact(newestDay);
        return records.map((record, i) => {
          const output = outputs[i];
          return output ? { ...record, behaviour: [...record.behaviour, ...output.signals], alerts: [...record.alerts, ...output.alerts] } : record;
        });
      }
      if (attempt >= MAX_ATTEMPTS) throw new Error(`behaviour state kept changing under this worker (${conflicts.length} entities in conflict after ${attempt} attempts)`);
      this.logger.debug({ conflicts: conflicts.length, attempt }, "behaviour state changed by another worker; recomputing batch");
    }
  }

  private async compute(records: Enriched[], subjects: (Subject | undefined)[]) {
    const keys = new Set<string>();
    for (const s of subjects) if (s) keys.add(s.userKey).add(s.peerKey);
    const stored = await this.store.get([...keys]);
    const users = new Map<string, Loaded<UserState | undefined>>();
    const peers = new Map<string, Loaded<PeerState>>();
    const outputs: (Output | undefined)[] = [];
    let newestDay = -Infinity;
    records.forEach((record, i) => {
      const subject = subjects[i];
      if (!subject) return outputs.push(undefined);
      const user = users.get(subject.userKey) ?? this.load(users, subject.userKey, stored.get(subject.userKey), parseUserState, () => undefined);
      const peer = peers.get(subject.peerKey) ?? this.load(peers, subject.peerKey, stored.get(subject.peerKey), parsePeerState, newPeerState);
      const { state, output, closed } = this.engine.process(record, subject, user.value, peer.value);
      user.value = state;
      for (const bucket of closed) (user.closed ??= new Map()).set(bucket.day, bucket);
      newestDay = Math.max(newestDay, dayOf(state.watermark));
      outputs.push(output);
    });
    const writes: EntityWrite[] = [];
    const daily: DailyRow[] = [];
    for (const [key, loaded] of users) {
      const state = loaded.value!;
      const value = JSON.stringify(state);
      if (value === loaded.before) continue;
      writes.push({ key, expectedVersion: loaded.version, value, lastDay: dayOf(state.watermark) });
      for (const bucket of [...(loaded.closed?.values() ?? []), ...state.days]) daily.push({ entity: key, day: bucket.day, value: JSON.stringify({ n: bucket.n, apps: bucket.apps, cats: bucket.cats }) });
    }
    for (const [key, loaded] of peers) {
      const value = JSON.stringify(loaded.value);
      if (value !== loaded.before) writes.push({ key, expectedVersion: loaded.version, value, lastDay: newestDay });
    }
    return { outputs, writes, daily, newestDay };
  }

  /** Parses a stored document; one that does not validate is logged and replaced by a fresh state rather than blocking its user's records. */
  private load<T>(into: Map<string, Loaded<T>>, key: string, stored: Versioned | undefined, parse: (json: string, key: string) => T, fresh: () => T): Loaded<T> {
    let value = fresh();
    if (stored) {
      try {
        value = parse(stored.value, key);
      } catch (error) {
        this.logger.warn({ key, err: (error as Error).message }, "behaviour state unreadable; starting it afresh");
      }
    }
    const loaded = { version: stored?.version ?? 0, before: stored?.value ?? "", value };
    into.set(key, loaded);
    return loaded;
  }

  /** Once per new day of event time: drop daily rows and idle users older than the retention. */
  private async compact(newestDay: number): Promise<void> {
    if (!(newestDay > this.compactedThrough)) return;
    this.compactedThrough = newestDay;
    const removed = await this.store.compact(newestDay - this.config.retention.days);
    if (removed.entities > 0 || removed.dailyRows > 0) this.logger.info({ ...removed }, "behaviour state compacted");
  }

  async close(): Promise<void> {
    await this.store.close();
  }
}
