import type { BehaviourSignal, Finding } from "../../model/index.js";
import { DAY_MS, dayOf } from "../../state/index.js";
import type { BehaviourConfig } from "./config.js";
import type { TurnFact } from "./facts.js";
import { makeSignal } from "./signal.js";
import { FEATURES, VOLUME_FEATURES, type DayBucket, type Feature, type Moments, type PeerState, type UserState } from "./state.js";

type BaselineConfig = BehaviourConfig["baseline"];

/** Peer groups pool many users' days: a slower EWMA than a user's own α (our choice). */
const PEER_ALPHA = 0.02;
/** Half-lives of the category mixes compared for drift: "last 7 days vs previous 28–90" (§4.5) as decayed memories. */
const SHORT_HALF_LIFE_DAYS = 3.5;
const LONG_HALF_LIFE_DAYS = 30;
const MIN_MIX_MASS = 5;

function ewma(prev: Moments | undefined, x: number, alpha: number): Moments {
  if (!prev) return { m: x, v: 0 };
  const d = x - prev.m;
  return { m: prev.m + alpha * d, v: (1 - alpha) * (prev.v + alpha * d * d) };
}

function fold(target: Record<string, Moments>, bucket: DayBucket, alpha: number): void {
  for (const f of FEATURES) target[f] = ewma(target[f], bucket.n[f] ?? 0, alpha);
}

/**
 * Folds every day that can no longer receive records (its end plus the lateness bound is behind
 * the user's watermark) into the user's and the peer group's baseline, oldest first. Returns the
 * folded days, whose final counts still have to be written as daily rows.
 */
export function closeDays(state: UserState, peer: PeerState, config: BehaviourConfig): DayBucket[] {
  const lateness = config.latenessMinutes * 60_000;
  const closed: DayBucket[] = [];
  while (state.days.length > 0 && (state.days[0]!.day + 1) * DAY_MS + lateness <= state.watermark) {
    const bucket = state.days.shift()!;
    fold(state.baseline.feat, bucket, config.baseline.alpha);
    fold(peer.feat, bucket, PEER_ALPHA);
    if (state.baseline.days === 0) peer.users += 1;
    state.baseline.days += 1;
    peer.days += 1;
    state.closedThrough = bucket.day;
    rememberTopics(state, bucket);
    closed.push(bucket);
  }
  const closable = dayOf(state.watermark - lateness) - 1;
  if (state.days.length === 0 && closable > state.closedThrough) state.closedThrough = closable;
  return closed;
}

/** Sensitive subjects are counted per day as `topic:<name>` next to the finding categories. */
const TOPIC = "topic:";

/** A folded day's subjects become history: the information-gathering detector compares a window with the days before it. */
function rememberTopics(state: UserState, bucket: DayBucket): void {
  for (const key of Object.keys(bucket.cats)) if (key.startsWith(TOPIC)) state.seen[key] = Math.max(state.seen[key] ?? bucket.day, bucket.day);
}

/** A subject is new for an established user when none of their folded days in `firstSeenDays` showed it. */
export function newTopicTest(state: UserState, ts: number, config: BaselineConfig): (topic: string) => boolean {
  if (state.baseline.days < config.minActiveDays) return () => false;
  const day = dayOf(ts);
  return (topic) => {
    const last = state.seen[TOPIC + topic];
    return last === undefined || day - last > config.firstSeenDays;
  };
}

function bucketFor(state: UserState, day: number): DayBucket {
  let bucket = state.days.find((b) => b.day === day);
  if (!bucket) {
    bucket = { day, n: {}, apps: [], cats: {}, flagged: [] };
    state.days.push(bucket);
    state.days.sort((a, b) => a.day - b.day);
  }
  return bucket;
}

const add = (counts: Record<string, number>, key: string, by = 1) => (counts[key] = (counts[key] ?? 0) + by);

/**
 * Counts the record into its day. A record for a day already folded into the baseline (later
 * than the lateness bound) is counted as `late` on the newest open day instead: the baseline is
 * never rewritten. Returns the record's own bucket, or undefined when it was late.
 */
export function countDay(state: UserState, fact: TurnFact, findings: readonly Finding[]): DayBucket | undefined {
  const day = dayOf(fact.ts);
  if (day <= state.closedThrough) {
    add(bucketFor(state, Math.max(dayOf(state.watermark), state.closedThrough + 1)).n, "late");
    return undefined;
  }
  const bucket = bucketFor(state, day);
  const values: Record<Feature, number> = {
    prompts: 1,
    tokens: fact.tokens,
    refusals: fact.refused > 0 ? 1 : 0,
    blocked: fact.blocked ? 1 : 0,
    injection: fact.injection ? 1 : 0,
    sensitive: findings.some((f) => f.category === "secret" || f.category === "pii" || f.category === "financial") ? 1 : 0,
    harm: fact.harm > 0 ? 1 : 0,
  };
  for (const f of FEATURES) if (values[f]) add(bucket.n, f, values[f]);
  if (!bucket.apps.includes(fact.app)) bucket.apps.push(fact.app);
  for (const c of [...fact.cats, ...fact.goals, ...fact.topics.map((t) => TOPIC + t)]) add(bucket.cats, c);
  return bucket;
}

/**
 * Today's running counts against the user's own baseline (after `minActiveDays`) or, for a new
 * user, the peer group's; z = (x − μ) / max(σ, √μ, 1) — the Poisson floor keeps a quiet user's
 * second prompt from being "unusual". One signal per feature and day.
 */
export function detectUnusual(state: UserState, peer: PeerState, bucket: DayBucket, fact: TurnFact, config: BaselineConfig): BehaviourSignal[] {
  const own = state.baseline.days >= config.minActiveDays;
  const reference = own ? state.baseline.feat : peer.days >= config.minActiveDays ? peer.feat : undefined;
  if (!reference) return [];
  const signals: BehaviourSignal[] = [];
  for (const f of FEATURES) {
    const x = bucket.n[f] ?? 0;
    const base = reference[f];
    if (!base || bucket.flagged.includes(f) || x < config.minCount) continue;
    const z = (x - base.m) / Math.max(Math.sqrt(base.v), Math.sqrt(Math.max(base.m, 0)), 1);
    if (z < config.zThreshold) continue;
    bucket.flagged.push(f);
    const volume = VOLUME_FEATURES.includes(f);
    signals.push(
      makeSignal(volume ? "unusual_volume" : "unusual_rate", volume ? "low" : "medium", Math.min(1, z / (2 * config.zThreshold)), [fact], {
        value: x,
        mean: Math.round(base.m * 100) / 100,
        z: Math.round(z * 100) / 100,
      }, { feature: f, baseline: own ? "user" : "peers" }),
    );
  }
  return signals;
}

/**
 * First-seen categories (never in this user's last `firstSeenDays`, once the user has a history)
 * and categories uncommon among peers (shown by fewer than `uncommonShare` of them).
 */
export function detectNewCategories(state: UserState, peer: PeerState, fact: TurnFact, config: BaselineConfig): BehaviourSignal[] {
  const day = dayOf(fact.ts);
  const signals: BehaviourSignal[] = [];
  const established = state.baseline.days >= config.minActiveDays;
  for (const category of [...fact.cats, ...fact.goals]) {
    const last = state.seen[category];
    if (last === undefined) {
      const share = peer.users > 0 ? (peer.cats[category] ?? 0) / peer.users : 0;
      if (peer.users >= config.minPeers && share < config.uncommonShare) {
        signals.push(makeSignal("uncommon_among_peers", "low", 1 - share, [fact], { peers: peer.users, peers_with_category: peer.cats[category] ?? 0 }, { category }));
      }
      add(peer.cats, category);
    }
    if (established && (last === undefined || day - last > config.firstSeenDays)) {
      signals.push(makeSignal("first_seen_category", "low", 0.4, [fact], { days_of_history: state.baseline.days }, { category }));
    }
    if (last === undefined || day > last) state.seen[category] = day;
  }
  return signals;
}

function decay(counts: Record<string, number>, days: number, halfLife: number): void {
  const factor = Math.pow(2, -days / halfLife);
  for (const key of Object.keys(counts)) {
    counts[key]! *= factor;
    if (counts[key]! < 0.01) delete counts[key];
  }
}

const mass = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

/** Jensen–Shannon divergence (base 2, 0..1) of two category histograms. */
export function jensenShannon(p: Record<string, number>, q: Record<string, number>): number {
  const pm = mass(p);
  const qm = mass(q);
  let js = 0;
  for (const key of new Set([...Object.keys(p), ...Object.keys(q)])) {
    const a = (p[key] ?? 0) / pm;
    const b = (q[key] ?? 0) / qm;
    const m = (a + b) / 2;
    if (a > 0) js += 0.5 * a * Math.log2(a / m);
    if (b > 0) js += 0.5 * b * Math.log2(b / m);
  }
  return js;
}

/**
 * Drift of the category mix: once per user-day, when the first record of a new day arrives,
 * the recent mix is compared with the long one; then the record's categories are added.
 */
export function detectDrift(state: UserState, fact: TurnFact, config: BaselineConfig): BehaviourSignal | undefined {
  const day = dayOf(fact.ts);
  let signal: BehaviourSignal | undefined;
  if (day > state.mix.day) {
    const { short, long } = state.mix;
    if (state.baseline.days >= config.minActiveDays && mass(short) >= MIN_MIX_MASS && mass(long) >= 2 * MIN_MIX_MASS) {
      const js = jensenShannon(short, long);
      if (js >= config.driftThreshold) {
        signal = makeSignal("behaviour_shift", js >= 0.4 ? "medium" : "low", js, [fact], { jsd: Math.round(js * 1000) / 1000 }, {
          recent_top: Object.entries(short).sort((a, b) => b[1] - a[1]).slice(0, 3).map(([k]) => k),
        });
      }
    }
    decay(short, day - state.mix.day, SHORT_HALF_LIFE_DAYS);
    decay(long, day - state.mix.day, LONG_HALF_LIFE_DAYS);
    state.mix.day = day;
  }
  for (const category of [...fact.cats, ...fact.goals]) {
    add(state.mix.short, category);
    add(state.mix.long, category);
  }
  return signal;
}
