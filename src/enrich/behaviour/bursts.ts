import type { BehaviourSignal } from "../../model/index.js";
import type { BehaviourConfig } from "./config.js";
import type { TurnFact } from "./facts.js";
import { makeSignal } from "./signal.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
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

/** A conversation, or for records without one, the tool. */
const sessionOf = (t: TurnFact) => t.conv ?? `app:${t.app}`;

/**
 * Repeated jailbreak attempts: injection or jailbreak attempts that a product stopped or flagged
 * (findings of any origin, see `TurnFact.attempt`), in several sessions or tools within the
 * window — a user trying templates again and again, slower than a probing burst. High when an
 * attempt was answered (its guardrail flagged it, the model did not refuse) or at `strongAttempts`.
 */
export function detectJailbreakAttempts(prev: readonly TurnFact[], cur: TurnFact, config: BehaviourConfig["jailbreakAttempts"]): BehaviourSignal | undefined {
  if (!cur.attempt) return undefined;
  const since = cur.ts - config.windowHours * HOUR;
  const attempts = [...prev.filter((t) => t.ts >= since && t.attempt), cur];
  const sessions = new Set(attempts.map(sessionOf));
  if (attempts.length < config.attempts || sessions.size < config.sessions) return undefined;
  const answered = attempts.filter((t) => t.answered).length;
  const tools = [...new Set(attempts.map((t) => t.app))];
  return makeSignal(
    "jailbreak_attempts",
    answered > 0 || attempts.length >= config.strongAttempts ? "high" : "medium",
    Math.min(1, attempts.length / config.strongAttempts + (answered > 0 ? 0.3 : 0)),
    attempts,
    { attempts: attempts.length, sessions: sessions.size, tools: tools.length, answered },
    { tools },
  );
}

/** Distinct values over turns. */
const distinct = (turns: readonly TurnFact[], of: (t: TurnFact) => readonly string[]) => new Set(turns.flatMap(of));

/**
 * Information gathering (§4.5): in the window (days, not minutes: an insider spreads it out),
 * turns about at least `topics` distinct sensitive subjects — from the prompt's wording,
 * sensitive-data findings and the names of sensitivity-labelled documents the tool read — and
 * either enumeration requests ("list all employees ...") or, for a user with a baseline,
 * subjects the user's own history does not show (`isNewTopic`). High with credentials, with two
 * highly confidential documents, or with `topics + 2` subjects.
 */
export function detectInformationGathering(
  prev: readonly TurnFact[],
  cur: TurnFact,
  config: BehaviourConfig["informationGathering"],
  isNewTopic: (topic: string) => boolean,
): BehaviourSignal | undefined {
  const gathers = (t: TurnFact) => t.enumer || t.topics.length > 0 || t.res.length > 0;
  if (!gathers(cur)) return undefined;
  const since = cur.ts - config.windowHours * HOUR;
  const turns = [...prev.filter((t) => t.ts >= since && gathers(t)), cur];
  const topics = distinct(turns, (t) => t.topics);
  if (turns.length < config.turns || topics.size < config.topics) return undefined;
  const enumerations = turns.filter((t) => t.enumer).length;
  const fresh = [...topics].filter(isNewTopic);
  if (enumerations < config.enumerations && fresh.length < config.newTopics) return undefined;
  const resources = distinct(turns, (t) => t.res);
  const highly = [...resources].filter((r) => r.startsWith("h:")).length;
  const high = topics.has("credentials") || highly >= 2 || topics.size >= config.topics + 2;
  return makeSignal(
    "information_gathering",
    high ? "high" : "medium",
    Math.min(1, (topics.size + fresh.length + highly) / (3 * config.topics)),
    turns,
    { turns: turns.length, topics: topics.size, new_topics: fresh.length, enumerations, resources: resources.size, highly_confidential: highly },
    { topics: [...topics].sort(), new_topics: fresh.sort() },
  );
}
