/**
 * Per-conversation summaries over the turns seen so far. State lives in memory, bounded: at most
 * `maxConversations` conversations (least recently active forgotten first) and `maxMentions`
 * turns per kind of event. A conversation forgotten, or a restart, starts its summary afresh.
 */
import type { Enriched, Summary } from "../../model/index.js";
import type { InteractionFacts } from "./facts.js";
import { DETERMINISTIC_GENERATOR } from "./interaction.js";

export interface ConversationLimits {
  maxConversations: number;
  maxMentions: number;
  maxCitations: number;
}

/** A turn of the conversation that a sentence names. */
interface Mention {
  turn: number;
  id: string;
}

/** Events of one kind: how many in total and the latest few. */
interface Tally {
  count: number;
  latest: Mention[];
}

interface ConversationState {
  who: string;
  tools: string[];
  turns: number;
  first: string;
  last: string;
  firstId: string;
  topics: Map<string, number>;
  refused: Tally;
  blocked: Tally;
  flagged: Map<string, Tally>;
}

const MAX_TOOLS = 6;
const MAX_TOPICS = 12;
const newTally = (): Tally => ({ count: 0, latest: [] });

export class ConversationTracker {
  private readonly conversations = new Map<string, ConversationState>();

  constructor(private readonly limits: ConversationLimits) {}

  get size(): number {
    return this.conversations.size;
  }

  /** Adds a turn and returns the conversation's summary as of this turn; undefined without a conversation id. */
  add(record: Enriched, facts: InteractionFacts): Summary | undefined {
    if (!record.conversationId) return undefined;
    const key = `${record.source.connector}\u0000${record.conversationId}`;
    const state = this.conversations.get(key) ?? this.start(facts);
    // Re-inserting moves the conversation to the most recently active end of the map.
    this.conversations.delete(key);
    this.conversations.set(key, state);
    if (this.conversations.size > this.limits.maxConversations) {
      this.conversations.delete(this.conversations.keys().next().value as string);
    }
    this.record(state, facts);
    return this.summarise(state, record.conversationId, facts.id);
  }

  private start(facts: InteractionFacts): ConversationState {
    return {
      who: facts.who,
      tools: [],
      turns: 0,
      first: facts.timestamp,
      last: facts.timestamp,
      firstId: facts.id,
      topics: new Map(),
      refused: newTally(),
      blocked: newTally(),
      flagged: new Map(),
    };
  }

  private record(state: ConversationState, facts: InteractionFacts): void {
    state.turns += 1;
    const mention = { turn: state.turns, id: facts.id };
    if (facts.timestamp < state.first) state.first = facts.timestamp;
    if (facts.timestamp > state.last) state.last = facts.timestamp;
    if (!state.tools.includes(facts.tool) && state.tools.length < MAX_TOOLS) state.tools.push(facts.tool);
    const topic = facts.topic?.label;
    if (topic && (state.topics.has(topic) || state.topics.size < MAX_TOPICS)) state.topics.set(topic, (state.topics.get(topic) ?? 0) + 1);
    if (facts.refusal !== "none") this.mention(state.refused, mention);
    if (facts.blocks.length > 0) this.mention(state.blocked, mention);
    for (const flag of facts.flags) {
      const tally = state.flagged.get(flag.category) ?? newTally();
      this.mention(tally, mention);
      state.flagged.set(flag.category, tally);
    }
  }

  private mention(tally: Tally, mention: Mention): void {
    tally.count += 1;
    tally.latest.push(mention);
    if (tally.latest.length > this.limits.maxMentions) tally.latest.shift();
  }

  private summarise(state: ConversationState, conversationId: string, currentId: string): Summary {
    const turnWord = (n: number) => (n === 1 ? "turn" : "turns");
    const turnsOf = (tally: Tally) => {
      const listed = tally.latest.map((m) => m.turn).join(", ");
      return tally.count > tally.latest.length ? `latest ${turnWord(tally.latest.length)} ${listed}` : `${turnWord(tally.latest.length)} ${listed}`;
    };
    const period = state.first === state.last ? `at ${state.first}` : `from ${state.first} to ${state.last}`;
    const sentences = [
      `${state.who} in conversation ${shorten(conversationId)} on ${state.tools.join(", ")}: ${state.turns} ${turnWord(state.turns)} ${period}.`,
    ];
    if (state.topics.size > 0) {
      const topics = [...state.topics].sort((a, b) => b[1] - a[1]).map(([label, n]) => `${label} (${n})`);
      sentences.push(`Topics: ${topics.join(", ")}.`);
    }
    if (state.refused.count > 0) sentences.push(`Refused ${state.refused.count} of ${state.turns} (${turnsOf(state.refused)}).`);
    if (state.blocked.count > 0) sentences.push(`Blocked ${state.blocked.count} of ${state.turns} (${turnsOf(state.blocked)}).`);
    if (state.flagged.size > 0) {
      const flagged = [...state.flagged].map(([category, tally]) => `${category} in ${turnsOf(tally)}`);
      sentences.push(`Flagged: ${flagged.join("; ")}.`);
    }
    return { text: sentences.join(" "), citations: this.citations(state, currentId), generator: DETERMINISTIC_GENERATOR };
  }

  /** The turns the text names, the first turn and the current one; the most recent win when over the cap. */
  private citations(state: ConversationState, currentId: string): Summary["citations"] {
    const mentioned = [state.refused, state.blocked, ...state.flagged.values()].flatMap((t) => t.latest).sort((a, b) => a.turn - b.turn);
    const ids = [...new Set([state.firstId, ...mentioned.map((m) => m.id), currentId])];
    const kept = ids.length > this.limits.maxCitations ? ids.slice(ids.length - this.limits.maxCitations) : ids;
    return kept.map((interactionId) => ({ interactionId, target: "interaction" as const }));
  }
}

/** Conversation ids can be long opaque strings; the text needs only enough to recognise one. */
function shorten(id: string): string {
  const clean = id.replace(/[^\x21-\x7e]/g, "");
  return clean.length > 40 ? `${clean.slice(0, 39)}…` : clean;
}
