import type { BehaviourSignal } from "../../model/index.js";
import type { BehaviourConfig } from "./config.js";
import type { TurnFact } from "./facts.js";
import { makeSignal } from "./signal.js";
import type { UserState } from "./state.js";

/** Slow EWMA of log prompt length: the user's usual prompt size, for the p99 test of §4.3. */
const LENGTH_ALPHA = 0.05;
const LENGTH_MIN_PROMPTS = 50;
/** One-sided 99th percentile of a normal distribution. */
const Z99 = 2.326;

export function observeLength(state: UserState, chars: number): void {
  const x = Math.log1p(chars);
  const len = state.baseline.len;
  if (len.n === 0) state.baseline.len = { m: x, v: 0, n: 1 };
  else {
    const d = x - len.m;
    state.baseline.len = { m: len.m + LENGTH_ALPHA * d, v: (1 - LENGTH_ALPHA) * (len.v + LENGTH_ALPHA * d * d), n: len.n + 1 };
  }
}

/** Many-shot jailbreaking: many embedded user/assistant turns in one prompt that is long for this user. */
export function detectManyShot(state: UserState, cur: TurnFact, config: BehaviourConfig["manyShot"]): BehaviourSignal | undefined {
  if (cur.shots < config.pairs) return undefined;
  const len = state.baseline.len;
  const usual = len.n >= LENGTH_MIN_PROMPTS ? Math.expm1(len.m + Z99 * Math.sqrt(len.v)) : 0;
  if (cur.chars < Math.max(config.minChars, usual)) return undefined;
  const strong = cur.shots >= config.strongPairs;
  return makeSignal("many_shot", strong ? "high" : "medium", strong ? 0.9 : 0.6, [cur], { pairs: cur.shots, chars: cur.chars });
}
