import type { z } from "zod";
import type { InputContext, RawRecord } from "../../inputs/types.js";
import { HttpError } from "./http.js";
import { START, walkPages, type Page } from "./pages.js";

export interface WithChildren {
  item: unknown;
  /** The parent's schema (a conversation, a chat): an item it refuses is dead-lettered. */
  schema: z.ZodType<{ id: string }>;
  /** Key of the parent in the yielded record, e.g. `conversation` → `{conversation, messages}`. */
  as: string;
  /** Fetches one page of the parent's messages. */
  fetchPage(id: string, cursor: string | null): Promise<Page<unknown>>;
  origin: string;
  ctx: Pick<InputContext, "deadLetter">;
}

/**
 * A listed conversation with all its messages (every page), as one record. A parent that does not
 * validate, or that was deleted between listing and reading (404), is dead-lettered and yields a
 * position-only record, so the read goes on.
 */
export async function withMessages(spec: WithChildren): Promise<Pick<RawRecord, "data" | "origin">> {
  const parent = spec.schema.safeParse(spec.item);
  if (!parent.success) {
    const reason = parent.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    spec.ctx.deadLetter?.(`invalid ${spec.as}: ${reason}`, spec.item, spec.origin);
    return { data: undefined, origin: spec.origin };
  }
  const id = parent.data.id;
  const origin = `${spec.as} ${id}`;
  const messages: unknown[] = [];
  try {
    for await (const { item } of walkPages((cursor) => spec.fetchPage(id, cursor), START)) messages.push(item);
  } catch (error) {
    if (!(error instanceof HttpError) || error.status !== 404) throw error;
    spec.ctx.deadLetter?.(error.message, spec.item, origin);
    return { data: undefined, origin };
  }
  return { data: { [spec.as]: spec.item, messages }, origin };
}
