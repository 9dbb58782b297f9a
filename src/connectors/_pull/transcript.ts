import { interactionId, type Interaction, type InteractionInput, type Message, type Role } from "../../model/index.js";
import { Interaction as InteractionSchema } from "../../model/index.js";

/** One message of a vendor transcript, already reduced to the canonical fields. */
export interface TranscriptMessage {
  id: string;
  role: Role;
  content: string;
  /** ISO 8601 with offset. */
  createdAt: string;
  name?: string;
  /** The vendor's message object, kept in the interaction's `raw`. */
  raw: unknown;
}

/** A prompt and what answered it: user/system messages, then assistant/tool messages. */
export interface Exchange {
  /** Id of the exchange's first message: stable however the conversation grows. */
  key: string;
  timestamp: string;
  prompt: TranscriptMessage[];
  response: TranscriptMessage[];
}

/**
 * Splits a conversation into exchanges: a user (or system) message after an answer opens the
 * next exchange; consecutive prompts before an answer belong to the same one.
 */
export function groupExchanges(messages: TranscriptMessage[]): Exchange[] {
  const ordered = messages.map((m, i) => ({ m, i })).sort((a, b) => Date.parse(a.m.createdAt) - Date.parse(b.m.createdAt) || a.i - b.i);
  const exchanges: Exchange[] = [];
  let current: Exchange | undefined;
  for (const { m } of ordered) {
    const asking = m.role === "user" || m.role === "system";
    if (!current || (asking && current.response.length > 0)) {
      current = { key: m.id, timestamp: m.createdAt, prompt: [], response: [] };
      exchanges.push(current);
    }
    (asking ? current.prompt : current.response).push(m);
  }
  return exchanges;
}

export interface TranscriptContext {
  connector: string;
  vendor: string;
  product: string;
  conversationId: string;
  /** Fields every exchange of the conversation shares (user, app, model, organization, labels). */
  shared: Pick<InteractionInput, "user" | "app" | "model" | "organization" | "labels">;
  /** Conversation metadata kept next to the exchange's own messages in `raw`. */
  meta: unknown;
}

const toMessage = (m: TranscriptMessage): Message => ({ role: m.role, content: m.content, ...(m.name ? { name: m.name } : {}), flags: { id: m.id } });

/** One Interaction per exchange, with an id derived from conversation and first message ids. */
export function exchangesToInteractions(ctx: TranscriptContext, exchanges: Exchange[]): Interaction[] {
  return exchanges.map((exchange) => {
    const recordId = `${ctx.conversationId}/${exchange.key}`;
    const lastUser = [...exchange.prompt].reverse().find((m) => m.role === "user");
    const answer = exchange.response.filter((m) => m.role === "assistant");
    const input: InteractionInput = {
      ...ctx.shared,
      id: interactionId(ctx.connector, recordId),
      timestamp: exchange.timestamp,
      source: { product: ctx.product, vendor: ctx.vendor, connector: ctx.connector, recordId },
      conversationId: ctx.conversationId,
      operation: "chat",
      prompt: { text: lastUser?.content ?? "", messages: exchange.prompt.map(toMessage) },
      response: { text: answer.map((m) => m.content).join("\n\n"), messages: exchange.response.map(toMessage) },
      outcome: answer.length > 0 ? "success" : "unknown",
      raw: { conversation: ctx.meta, messages: [...exchange.prompt, ...exchange.response].map((m) => m.raw) },
    };
    return InteractionSchema.parse(input);
  });
}

/** Unix seconds, or an RFC 3339 string, as ISO 8601 UTC; undefined when it is neither. */
export function isoTime(value: number | string): string | undefined {
  const ms = typeof value === "number" ? value * 1000 : Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}
