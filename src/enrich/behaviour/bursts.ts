import type { BehaviourSignal } from "../../model/index.js";
import type { BehaviourConfig } from "./config.js";
import type { TurnFact } from "./facts.js";
import { makeSignal } from "./signal.js";

const MINUTE = 60_000;
const isAttempt = (t: TurnFact) => t.refused > 0 || t.blocked || t.injection;

/** Probing burst: many refused, blocked or injection-flagged prompts in a few minutes (automated attackers, §1.1). */
export function detectProbing(prev: readonly TurnFact[], cur: TurnFact, config: BehaviourConfig["probing"]): BehaviourSignal | undefined {
  if (!isAttempt(cur)) return undefined;
  const since = cur.ts - config.windowMinutes * MINUTE;
  const attempts = [...prev.filter((t) => t.ts >= since && isAttempt(t)), cur];
  if (attempts.length < config.attempts) return undefined;
  const strong = attempts.length >= config.strongAttempts;
  return makeSignal("probing_burst", strong ? "high" : "medium", Math.min(1, attempts.length / config.strongAttempts), attempts, {
    attempts: attempts.length,
    refused: attempts.filter((t) => t.refused > 0).length,
    blocked: attempts.filter((t) => t.blocked).length,
    injection: attempts.filter((t) => t.injection).length,
    tools: new Set(attempts.map((t) => t.app)).size,
  });
}

/**
 * Information gathering: enumeration requests ("list all employees ...") across several
 * sensitive subjects (people, systems, credentials, money, projects) in a short time (§4.5).
 */
export function detectInformationGathering(prev: readonly TurnFact[], cur: TurnFact, config: BehaviourConfig["informationGathering"]): BehaviourSignal | undefined {
  if (!cur.enumer) return undefined;
  const since = cur.ts - config.windowMinutes * MINUTE;
  const turns = [...prev.filter((t) => t.ts >= since && (t.enumer || t.topics.length > 0)), cur];
  const enumerations = turns.filter((t) => t.enumer);
  const topics = new Set(turns.flatMap((t) => t.topics));
  if (enumerations.length < config.enumerations || topics.size < config.topics) return undefined;
  const high = topics.size >= config.topics + 2 || topics.has("credentials");
  return makeSignal(
    "information_gathering",
    high ? "high" : "medium",
    Math.min(1, (enumerations.length * topics.size) / (3 * config.enumerations * config.topics)),
    turns,
    { enumerations: enumerations.length, topics: topics.size },
    { topics: [...topics].sort() },
  );
}
