import type { TurnFact } from "./facts.js";

type Goal = Pick<TurnFact, "terms" | "ents" | "goals" | "frames" | "conv">;

function overlap(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const set = new Set(a);
  return b.filter((x) => set.has(x)).length;
}

/**
 * "Same goal" score of a later prompt `b` against an earlier refused prompt `a` (§4.2):
 * 0.4·lexical + 0.2·entity Jaccard + 0.3·[same harm category] + 0.1·[new framing cue in b].
 * Lexical is the mean of set cosine and overlap coefficient of content terms: a rephrase wraps
 * the refused request in new words (the cosine drops) but keeps its core (the overlap stays).
 * Our addition: +0.15 when both turns are in the same conversation — a rephrase right after a
 * refusal usually stays in it, and humans rephrase with few shared words (§1.3).
 */
export function sameGoalScore(a: Goal, b: Goal): number {
  const shared = overlap(a.terms, b.terms);
  const lexical = shared === 0 ? 0 : 0.5 * (shared / Math.sqrt(a.terms.length * b.terms.length)) + 0.5 * (shared / Math.min(a.terms.length, b.terms.length));
  const sharedEnts = overlap(a.ents, b.ents);
  const entities = sharedEnts === 0 ? 0 : sharedEnts / (new Set([...a.ents, ...b.ents]).size);
  const category = overlap(a.goals, b.goals) > 0 ? 1 : 0;
  const framing = b.frames.some((f) => !a.frames.includes(f)) ? 1 : 0;
  const conversation = a.conv !== undefined && a.conv === b.conv ? 1 : 0;
  return 0.4 * lexical + 0.2 * entities + 0.3 * category + 0.1 * framing + 0.15 * conversation;
}
