/**
 * Per-conversation summaries over every turn seen so far, with the conversation's state kept in
 * a state store (SQLite by default, Redis for several workers, memory for one-off runs), so a
 * summary carries on across restarts. Each batch reads the state of all its conversations at
 * once and commits it all at once with a version check, as the behaviour stage does: a commit
 * that lost a race with another worker is recomputed from fresh state. Turns already counted
 * are recognised by id (the latest `rememberTurns` per conversation), so an at-least-once replay
 * of a batch after a crash does not count a turn twice.
 */
import type { Logger } from "pino";
import type { Enriched, Summary } from "../../model/index.js";
import { dayOf, type EntityWrite, type StateStore } from "../../state/index.js";
import { newTally, parseConversationState, turnKey, type ConversationState, type Mention, type Tally } from "./conversation-state.js";
import type { InteractionFacts } from "./facts.js";
import { DETERMINISTIC_GENERATOR } from "./interaction.js";

export interface ConversationLimits {
  maxMentions: number;
  maxCitations: number;
  rememberTurns: number;
  idleDays: number;
}

interface Loaded {
  version: number;
  before: string;
  /** Undefined until the batch's first turn of the conversation when the stored document was unreadable. */
  state: ConversationState | undefined;
}

const MAX_TOOLS = 6;
const MAX_TOPICS = 12;
/** Commits that lost a race with another worker are recomputed from fresh state this many times. */
const MAX_ATTEMPTS = 8;

/** Conversations are per product: connector names contain no `:`, so the key is unambiguous. */
const keyOf = (record: Enriched): string | undefined => (record.conversationId ? `${record.source.connector}:${record.conversationId}` : undefined);

export class ConversationTracker {
  private compactedThrough = -Infinity;

  constructor(
    private readonly limits: ConversationLimits,
    readonly store: StateStore,
    private readonly logger: Logger,
  ) {}

  /** Adds the turns of a batch in order; each record's conversation summary as of its turn, undefined without a conversation id. */
  async add(records: Enriched[], facts: InteractionFacts[]): Promise<(Summary | undefined)[]> {
    const keys = records.map(keyOf);
    const wanted = [...new Set(keys.filter((k): k is string => k !== undefined))];
    if (wanted.length === 0) return keys.map(() => undefined);
    for (let attempt = 1; ; attempt += 1) {
      const loaded = await this.load(wanted);
      const summaries = records.map((record, i) => {
        const key = keys[i];
        return key ? this.turn(loaded, key, record.conversationId!, facts[i]!) : undefined;
      });
      const { writes, newestDay } = this.writes(loaded);
      const conflicts = await this.store.commit(writes, []);
      if (conflicts.length === 0) {
        await this.compact(newestDay);
        return summaries;
      }
      if (attempt >= MAX_ATTEMPTS) throw new Error(`conversation state kept changing under this worker (${conflicts.length} conversations in conflict after ${attempt} attempts)`);
      this.logger.debug({ conflicts: conflicts.length, attempt }, "conversation state changed by another worker; recomputing batch");
    }
  }

  private async load(keys: string[]): Promise<Map<string, Loaded>> {
    const stored = await this.store.get(keys);
    const loaded = new Map<string, Loaded>();
    for (const [key, { version, value }] of stored) {
      try {
        loaded.set(key, { version, before: value, state: parseConversationState(value, key) });
      } catch (error) {
        // Unreadable state is replaced (at its version, so the commit still checks it) rather than blocking the conversation.
        this.logger.warn({ err: (error as Error).message }, "conversation state unreadable; starting it afresh");
        loaded.set(key, { version, before: value, state: undefined });
      }
    }
    return loaded;
  }

  private turn(loaded: Map<string, Loaded>, key: string, conversationId: string, facts: InteractionFacts): Summary {
    const entry: Loaded = loaded.get(key) ?? { version: 0, before: "", state: undefined };
    const state = (entry.state ??= start(facts));
    loaded.set(key, entry);
    const id = turnKey(facts.id);
    if (!state.counted.includes(id)) {
      this.record(state, facts);
      state.counted.push(id);
      if (state.counted.length > this.limits.rememberTurns) state.counted.splice(0, state.counted.length - this.limits.rememberTurns);
    }
    return this.summarise(state, conversationId, facts.id);
  }

  private writes(loaded: Map<string, Loaded>): { writes: EntityWrite[]; newestDay: number } {
    const writes: EntityWrite[] = [];
    let newestDay = -Infinity;
    for (const [key, { version, before, state }] of loaded) {
      if (!state) continue;
      const lastDay = dayOf(Date.parse(state.last));
      newestDay = Math.max(newestDay, lastDay);
      const value = JSON.stringify(state);
      if (value !== before) writes.push({ key, expectedVersion: version, value, lastDay });
    }
    return { writes, newestDay };
  }

  /** Once per new day of event time: forget conversations idle for longer than `idleDays`. */
  private async compact(newestDay: number): Promise<void> {
    if (!(newestDay > this.compactedThrough)) return;
    this.compactedThrough = newestDay;
    const removed = await this.store.compact(newestDay - this.limits.idleDays);
    if (removed.entities > 0) this.logger.info({ conversations: removed.entities }, "idle conversations forgotten");
  }

  private record(state: ConversationState, facts: InteractionFacts): void {
    state.turns += 1;
    const mention = { turn: state.turns, id: facts.id };
    if (facts.timestamp < state.first) state.first = facts.timestamp;
    if (facts.timestamp > state.last) state.last = facts.timestamp;
    if (!state.tools.includes(facts.tool) && state.tools.length < MAX_TOOLS) state.tools.push(facts.tool);
    const label = facts.topic?.label;
    const topic = label ? state.topics.find(([l]) => l === label) : undefined;
    if (topic) topic[1] += 1;
    else if (label && state.topics.length < MAX_TOPICS) state.topics.push([label, 1]);
    if (facts.refusal !== "none") this.mention(state.refused, mention);
    if (facts.blocks.length > 0) this.mention(state.blocked, mention);
    for (const flag of facts.flags) {
      let entry = state.flagged.find(([category]) => category === flag.category);
      if (!entry) state.flagged.push((entry = [flag.category, newTally()]));
      this.mention(entry[1], mention);
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
    if (state.topics.length > 0) {
      const topics = [...state.topics].sort((a, b) => b[1] - a[1]).map(([label, n]) => `${label} (${n})`);
      sentences.push(`Topics: ${topics.join(", ")}.`);
    }
    if (state.refused.count > 0) sentences.push(`Refused ${state.refused.count} of ${state.turns} (${turnsOf(state.refused)}).`);
    if (state.blocked.count > 0) sentences.push(`Blocked ${state.blocked.count} of ${state.turns} (${turnsOf(state.blocked)}).`);
    if (state.flagged.length > 0) {
      const flagged = state.flagged.map(([category, tally]) => `${category} in ${turnsOf(tally)}`);
      sentences.push(`Flagged: ${flagged.join("; ")}.`);
    }
    return { text: sentences.join(" "), citations: this.citations(state, currentId), generator: DETERMINISTIC_GENERATOR };
  }

  /** The turns the text names, the first turn and the current one; the most recent win when over the cap. */
  private citations(state: ConversationState, currentId: string): Summary["citations"] {
    const mentioned = [state.refused, state.blocked, ...state.flagged.map(([, tally]) => tally)].flatMap((t) => t.latest).sort((a, b) => a.turn - b.turn);
    const ids = [...new Set([state.firstId, ...mentioned.map((m) => m.id), currentId])];
    const kept = ids.length > this.limits.maxCitations ? ids.slice(ids.length - this.limits.maxCitations) : ids;
    return kept.map((interactionId) => ({ interactionId, target: "interaction" as const }));
  }
}

function start(facts: InteractionFacts): ConversationState {
  return {
    v: 1,
    who: facts.who,
    tools: [],
    turns: 0,
    first: facts.timestamp,
    last: facts.timestamp,
    firstId: facts.id,
    topics: [],
    refused: newTally(),
    blocked: newTally(),
    flagged: [],
    counted: [],
  };
}

/** Conversation ids can be long opaque strings; the text needs only enough to recognise one. */
function shorten(id: string): string {
  const clean = id.replace(/[^\x21-\x7e]/g, "");
  return clean.length > 40 ? `${clean.slice(0, 39)}…` : clean;
}
