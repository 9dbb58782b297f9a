import type { BehaviourSignal, Severity } from "../../model/index.js";
import type { BehaviourConfig } from "./config.js";
import type { TurnFact } from "./facts.js";
import { makeSignal } from "./signal.js";
import { sameGoalScore } from "./similarity.js";

const MINUTE = 60_000;
const wasStopped = (t: TurnFact) => t.refused > 0 || t.blocked;

function bestMatch(candidates: readonly TurnFact[], cur: TurnFact, threshold: number): TurnFact | undefined {
  let best: TurnFact | undefined;
  let bestScore = threshold;
  for (const c of candidates) {
    const score = sameGoalScore(c, cur);
    if (score >= bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}

/** Same-app turns a retry may answer: those of the last `windowMinutes`, and at least the last `windowTurns`. */
function retryCandidates(prev: readonly TurnFact[], cur: TurnFact, config: BehaviourConfig["retryLoop"]): TurnFact[] {
  const sameApp = prev.filter((t) => t.app === cur.app);
  const recent = new Set(sameApp.slice(-config.windowTurns));
  const since = cur.ts - config.windowMinutes * MINUTE;
  return sameApp.filter((t) => (t.ts >= since || recent.has(t)) && (wasStopped(t) || t.goal !== undefined));
}

/** Lexical overlap needed for a reframed retry inside the refused conversation (our choice, below the general threshold). */
const REFRAMED_MARGIN = 0.1;

/**
 * Humans rephrase with few shared words (§1.3), so inside one conversation two weaker cues stand
 * in for overlap: refused again right after a refusal (the model judged both requests the same
 * way), or a reframed request (fiction, role-play, ...) that still overlaps somewhat.
 */
function sameConversationRetry(candidates: readonly TurnFact[], cur: TurnFact, config: BehaviourConfig["retryLoop"]): TurnFact | undefined {
  if (cur.conv === undefined) return undefined;
  const inConversation = candidates.filter((t) => t.conv === cur.conv);
  const last = inConversation.at(-1);
  if (last && wasStopped(cur) && wasStopped(last)) return last;
  return cur.frames.length > 0 ? bestMatch(inConversation, cur, config.sameGoalThreshold - REFRAMED_MARGIN) : undefined;
}

/**
 * Refusal → rephrase → retry (§4.2). A turn joins the chain of an earlier refused turn of the same
 * tool when it pursues the same goal; the chain root is the first refusal. `bypass_suspected`
 * when a chain member is answered and the retry reframed the request, kept the harm category,
 * or was not the first retry: a single clarification after a misunderstanding is not a bypass.
 * Sets `cur.goal`.
 */
export function detectRetryLoop(prev: readonly TurnFact[], cur: TurnFact, config: BehaviourConfig["retryLoop"]): BehaviourSignal | undefined {
  const candidates = retryCandidates(prev, cur, config);
  const match = bestMatch(candidates, cur, config.sameGoalThreshold) ?? sameConversationRetry(candidates, cur, config);
  if (!match) return undefined;
  const root = match.goal ?? match.id;
  cur.goal = root;
  const chain = [...prev.filter((t) => t.id === root || t.goal === root), cur].sort((a, b) => a.ts - b.ts);
  const rootTurn = chain.find((t) => t.id === root) ?? chain[0]!;
  const retries = chain.length - 1;
  const stopped = chain.filter(wasStopped);
  const framingShift = cur.frames.filter((f) => !rootTurn.frames.includes(f));
  const refusedGoals = new Set(stopped.flatMap((t) => t.goals));
  const keptCategory = cur.goals.some((g) => refusedGoals.has(g));
  const bypass = cur.answered && (framingShift.length > 0 || keptCategory || retries >= 2);
  const severity: Severity = bypass || retries >= 6 ? "high" : retries >= 3 ? "medium" : retries === 2 ? "low" : "info";
  return makeSignal(
    "retry_loop",
    severity,
    bypass ? 0.9 : Math.min(0.8, 0.2 + 0.1 * retries),
    chain,
    { retry_count: retries, refusals: stopped.length, time_to_retry_s: Math.round((chain[1]!.ts - rootTurn.ts) / 1000) },
    { framing_shift: framingShift, bypass_suspected: bypass },
  );
}

/**
 * Evasion across tools: the same goal in another AI tool after a block or refusal in one, within
 * the window. High when the other tool answered.
 */
export function detectCrossToolEvasion(prev: readonly TurnFact[], cur: TurnFact, config: BehaviourConfig): BehaviourSignal | undefined {
  const since = cur.ts - config.crossTool.windowMinutes * MINUTE;
  const anchors = prev.filter((t) => t.app !== cur.app && t.ts >= since && wasStopped(t));
  const match = bestMatch(anchors, cur, config.retryLoop.sameGoalThreshold);
  if (!match) return undefined;
  const related = anchors.filter((t) => t === match || (match.goal !== undefined && t.goal === match.goal) || t.id === match.goal);
  cur.goal ??= match.goal ?? match.id;
  const tools = [...new Set([...related.map((t) => t.app), cur.app])];
  return makeSignal(
    "cross_tool_evasion",
    cur.answered ? "high" : "medium",
    cur.answered ? 0.9 : 0.6,
    [...related, cur],
    { tools: tools.length, stopped_elsewhere: related.length },
    { tools, answered: cur.answered },
  );
}
