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

/** h(t) of a refused turn: the product judged the request over its line, but over-refusal is common (XSTest), so below a confident verdict. */
const REFUSAL_RISK = [0, 0.4, 0.7] as const;

/** h(t): the turn's strongest verdict (harm, injection/jailbreak) or its refusal. */
export const turnRisk = (t: TurnFact) => Math.max(t.verdict, REFUSAL_RISK[t.refused]);

/**
 * h(t) along the conversation. A turn that builds on the previous answer (continuation cue:
 * "expand on the version you wrote", "continue from that") inherits the previous turn's risk,
 * as §4.3 lets a coreferring follow-up inherit its predecessor's category: pushing on after a
 * refusal and getting an answer is the same request, answered.
 */
export function riskPath(turns: readonly TurnFact[]): number[] {
  const path: number[] = [];
  turns.forEach((t, i) => path.push(Math.max(turnRisk(t), t.cont && i > 0 ? path[i - 1]! : 0)));
  return path;
}

/** A refusal is the product's judgement, not a classifier verdict, and over-refusal is common: without a verdict, Crescendo's repeated building on answers must carry it. */
const REFUSAL_ONLY_CONTINUATION_SHARE = 0.5;
const REFUSAL_ONLY_MIN_CONTINUATIONS = 2;

/**
 * Crescendo-style escalation (§4.3): the conversation opened benign, the per-turn risk h(t)
 * (harm and injection/jailbreak verdicts of any origin, refusals: `turnRisk`) trends up, the
 * current turn crosses the harm threshold, and the user built on earlier answers (continuation
 * cue) or set a persona/fiction frame before. When only refusals raised h(t), at least half of
 * the later turns (and two) must be continuations, and the signal is one step weaker (medium
 * when answered, low when refused).
 */
export function detectEscalation(prev: readonly TurnFact[], cur: TurnFact, config: BehaviourConfig["escalation"]): BehaviourSignal | undefined {
  const turns = [...conversationOf(prev, cur), cur];
  if (turns.length < 3) return undefined;
  const h = riskPath(turns);
  const last = h.at(-1)!;
  if (last < config.harmfulAt || h[0]! >= config.benignBelow || h[1]! >= config.benignBelow) return undefined;
  const slope = theilSen(h.slice(-SLOPE_TURNS));
  if (slope <= config.minSlope) return undefined;
  const later = turns.slice(1);
  const continuation = later.filter((t) => t.cont).length;
  const framed = turns.slice(0, -1).some((t) => t.frames.includes("roleplay") || t.frames.includes("fiction"));
  if (continuation === 0 && !framed) return undefined;
  const refusalOnly = Math.max(...turns.map((t) => t.verdict)) < config.harmfulAt;
  if (refusalOnly && (continuation < REFUSAL_ONLY_MIN_CONTINUATIONS || continuation < REFUSAL_ONLY_CONTINUATION_SHARE * later.length)) return undefined;
  return makeSignal(
    "escalation",
    refusalOnly ? (cur.answered ? "medium" : "low") : cur.answered ? "high" : "medium",
    Math.min(1, last),
    turns.slice(-10),
    { turns: turns.length, continuation_cues: continuation, slope: Math.round(slope * 1000) / 1000, last_risk: Math.round(last * 1000) / 1000 },
    { framed, answered: cur.answered, refusal_only: refusalOnly },
  );
}
