import type { BehaviourSignal } from "../../model/index.js";
import type { BehaviourConfig } from "./config.js";
import type { TurnFact } from "./facts.js";
import { makeSignal } from "./signal.js";

const SESSION_GAP = 30 * 60_000;
/** Theil–Sen over the last six turns (§4.3). */
const SLOPE_TURNS = 6;

/** Earlier turns of the current conversation; without a conversation id, the same tool's turns with no 30-minute gap. */
export function conversationOf(prev: readonly TurnFact[], cur: TurnFact): TurnFact[] {
  if (cur.conv !== undefined) return prev.filter((t) => t.conv === cur.conv);
  const out: TurnFact[] = [];
  let next = cur.ts;
  for (let i = prev.length - 1; i >= 0; i -= 1) {
    const t = prev[i]!;
    if (t.app !== cur.app || t.conv !== undefined) continue;
    if (next - t.ts > SESSION_GAP) break;
    out.unshift(t);
    next = t.ts;
  }
  return out;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median of pairwise slopes: one outlier turn does not make a trend. */
export function theilSen(values: readonly number[]): number {
  const slopes: number[] = [];
  for (let i = 0; i < values.length; i += 1) for (let j = i + 1; j < values.length; j += 1) slopes.push((values[j]! - values[i]!) / (j - i));
  return slopes.length ? median(slopes) : 0;
}

/**
 * Crescendo-style escalation (§4.3): the conversation opened benign, the per-turn harm h(t)
 * trends up, the last turn crosses the harm threshold, and the user built on earlier answers
 * (continuation cue) or set a persona/fiction frame before.
 */
export function detectEscalation(prev: readonly TurnFact[], cur: TurnFact, config: BehaviourConfig["escalation"]): BehaviourSignal | undefined {
  const turns = [...conversationOf(prev, cur), cur];
  if (turns.length < 3 || cur.harm < config.harmfulAt) return undefined;
  if (turns[0]!.harm >= config.benignBelow || turns[1]!.harm >= config.benignBelow) return undefined;
  const slope = theilSen(turns.slice(-SLOPE_TURNS).map((t) => t.harm));
  if (slope <= config.minSlope) return undefined;
  const later = turns.slice(1);
  const continuation = later.filter((t) => t.cont).length;
  const framed = turns.slice(0, -1).some((t) => t.frames.includes("roleplay") || t.frames.includes("fiction"));
  if (continuation === 0 && !framed) return undefined;
  return makeSignal(
    "escalation",
    cur.answered ? "high" : "medium",
    Math.min(1, cur.harm),
    turns.slice(-10),
    { turns: turns.length, continuation_cues: continuation, slope: Math.round(slope * 1000) / 1000, last_harm: cur.harm },
    { framed, answered: cur.answered },
  );
}
