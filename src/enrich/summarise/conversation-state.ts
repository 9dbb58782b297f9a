/**
 * What is remembered of one conversation between turns, as stored in the state store. Every
 * part is bounded: a few tools and topics, the latest `maxMentions` turns per kind of event
 * (older ones are only counted), and the ids of the latest `rememberTurns` turns counted.
 */
import { z } from "zod";
import { validate } from "../../model/index.js";

/** A turn of the conversation that a sentence names: its number and interaction id. */
const Mention = z.object({ turn: z.number().int().positive(), id: z.string() });
export type Mention = z.infer<typeof Mention>;

/** Events of one kind: how many in total and the latest few. */
const Tally = z.object({ count: z.number().int().nonnegative(), latest: z.array(Mention) });
export type Tally = z.infer<typeof Tally>;

export const ConversationState = z.object({
  v: z.literal(1),
  who: z.string(),
  tools: z.array(z.string()),
  turns: z.number().int().nonnegative(),
  first: z.string(),
  last: z.string(),
  firstId: z.string(),
  /** Topic label → turns about it, in first-seen order (ties keep that order). */
  topics: z.array(z.tuple([z.string(), z.number().int().positive()])),
  refused: Tally,
  blocked: Tally,
  /** Finding category → its tally, in first-seen order. */
  flagged: z.array(z.tuple([z.string(), Tally])),
  /** Keys of the turns already counted, oldest first: a replayed turn is recognised, not counted again. */
  counted: z.array(z.string()),
});
export type ConversationState = z.infer<typeof ConversationState>;

export const newTally = (): Tally => ({ count: 0, latest: [] });

/** State read back from a store is external input: a document another version or process wrote is checked, not trusted. */
export const parseConversationState = (json: string, key: string): ConversationState => validate(ConversationState, JSON.parse(json), `conversation state ${key}`);

/**
 * Interaction ids are 128 bits of SHA-256 in hex; 64 bits of one tell a conversation's turns apart (the
 * chance of two of its remembered turns colliding is negligible) at half the stored size.
 */
export const turnKey = (interactionId: string): string => interactionId.slice(0, 16);
