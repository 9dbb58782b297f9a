import type { BehaviourKind, BehaviourSignal, Enriched } from "../../model/index.js";
import { dayOf } from "../../state/index.js";
import { closeDays, countDay, detectDrift, detectNewCategories, detectUnusual, newTopicTest } from "./baseline.js";
import { detectInformationGathering, detectJailbreakAttempts, detectProbing } from "./bursts.js";
import type { BehaviourConfig } from "./config.js";
import { detectEscalation } from "./escalation.js";
import { ownFindings, toFact } from "./facts.js";
import { IdentityResolver } from "./identity.js";
import { detectManyShot, observeLength } from "./many-shot.js";
import { detectCrossToolEvasion, detectRetryLoop } from "./same-goal.js";
import { raiseAlerts } from "./alerts.js";
import { newUserState, type DayBucket, type Output, type PeerState, type StoredTurn, type UserState } from "./state.js";
import { updateUserRisk } from "./user-risk.js";

export interface Subject {
  /** Store key of the person (`u:` + stitched identity). */
  userKey: string;
  /** Store key of the peer group (`p:` + first group, or the AI tool for users without groups). */
  peerKey: string;
  person: string;
}

const EMPTY: Output = { signals: [], alerts: [] };

/**
 * Runs every detector for one record against one user's state. Pure apart from mutating the
 * state objects it is given: the stage loads them, runs records in order and commits them.
 */
export class BehaviourEngine {
  readonly identity: IdentityResolver;
  private readonly allow: { users: Set<string>; groups: Set<string>; detectors: Set<BehaviourKind> | "all" }[];

  constructor(private readonly config: BehaviourConfig) {
    this.identity = new IdentityResolver(config.identity);
    this.allow = config.allow.map((entry) => ({
      users: new Set(entry.users.map((u) => this.identity.normalise(u))),
      groups: new Set(entry.groups.map((g) => g.toLowerCase())),
      detectors: entry.detectors.length === 0 ? "all" : new Set(entry.detectors),
    }));
  }

  /** Who the record belongs to; undefined for records that name no user (they are not tracked). */
  subjectOf(record: Enriched): Subject | undefined {
    const person = this.identity.resolve(record.user);
    if (!person) return undefined;
    const group = record.user.groups?.[0];
    return { person, userKey: `u:${person}`, peerKey: group ? `p:group:${group.toLowerCase()}` : `p:app:${record.app.name.toLowerCase()}` };
  }

  private exempt(subject: Subject, record: Enriched, kind: BehaviourKind): boolean {
    const groups = (record.user.groups ?? []).map((g) => g.toLowerCase());
    return this.allow.some(
      (entry) => (entry.users.has(subject.person) || groups.some((g) => entry.groups.has(g))) && (entry.detectors === "all" || entry.detectors.has(kind)),
    );
  }

  /**
   * Processes one record. A record whose id the state already holds (a retry, a re-read batch)
   * returns what it produced the first time and changes nothing.
   */
  process(record: Enriched, subject: Subject, loaded: UserState | undefined, peer: PeerState): { state: UserState; output: Output; closed: DayBucket[] } {
    const config = this.config;
    const findings = ownFindings(record);
    const fact = toFact(record, findings);
    const state = loaded ?? newUserState(subject.person, subject.peerKey, fact.ts, dayOf(fact.ts));
    const seen = state.turns.find((t) => t.id === fact.id);
    if (seen) return { state, output: seen.out ?? EMPTY, closed: [] };

    state.watermark = Math.max(state.watermark, fact.ts);
    const closed = closeDays(state, peer, config);
    const prev = state.turns.filter((t) => t.ts <= fact.ts);

    const found: (BehaviourSignal | undefined)[] = [
      detectRetryLoop(prev, fact, config.retryLoop),
      detectCrossToolEvasion(prev, fact, config),
      detectEscalation(prev, fact, config.escalation),
      detectManyShot(state, fact, config.manyShot),
      detectProbing(prev, fact, config.probing),
      detectJailbreakAttempts(prev, fact, config.jailbreakAttempts),
      detectInformationGathering(prev, fact, config.informationGathering, newTopicTest(state, fact.ts, config.baseline)),
    ];
    observeLength(state, fact.chars);
    const bucket = countDay(state, fact, findings);
    if (bucket) found.push(...detectUnusual(state, peer, bucket, fact, config.baseline));
    found.push(...detectNewCategories(state, peer, fact, config.baseline), detectDrift(state, fact, config.baseline));

    const signals = found.filter((s): s is BehaviourSignal => s !== undefined && !this.exempt(subject, record, s.kind));
    const risk = updateUserRisk(state, fact, findings, signals, config.userRisk);
    if (risk && !this.exempt(subject, record, "user_risk")) signals.push(risk);
    const output = { signals, alerts: raiseAlerts(state, signals, fact.ts, config.alerts) };

    this.remember(state, output.signals.length > 0 || output.alerts.length > 0 ? { ...fact, out: output } : fact);
    return { state, output, closed };
  }

  /** Inserts the turn in event-time order and keeps the recent window bounded by age and count. */
  private remember(state: UserState, turn: StoredTurn): void {
    const turns = state.turns;
    let i = turns.length;
    while (i > 0 && turns[i - 1]!.ts > turn.ts) i -= 1;
    turns.splice(i, 0, turn);
    const oldest = state.watermark - this.config.retention.recentHours * 3_600_000;
    const keepFrom = Math.max(turns.length - this.config.retention.turnsPerUser, turns.findIndex((t) => t.ts >= oldest));
    if (keepFrom > 0) turns.splice(0, keepFrom);
  }
}
