import type { Interaction } from "../model/index.js";
import type { Connector, ParseContext } from "./types.js";

/** A part of a raw record that could not be read: why, where inside it (for carriers), and what to keep in the DLQ. */
export interface ReadFailure {
  reason: string;
  where?: string;
  original: unknown;
}

export interface ReadOutcome {
  interactions: Interaction[];
  failures: ReadFailure[];
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

function parseOne(connector: Connector<unknown>, data: unknown, ctx: ParseContext<unknown>, out: ReadOutcome, where?: string): void {
  try {
    out.interactions.push(...connector.parse(data, ctx));
  } catch (error) {
    out.failures.push({ reason: where ? `${where}: ${messageOf(error)}` : messageOf(error), ...(where ? { where } : {}), original: data });
  }
}

/**
 * One raw record through its connector, never throwing: its interactions, and each part that
 * failed. A carrier (see `Connector.unwrap`) is read record by record, so its good records go on
 * and only the bad ones are reported.
 */
export function readRecord(connector: Connector<unknown>, data: unknown, ctx: ParseContext<unknown>): ReadOutcome {
  const out: ReadOutcome = { interactions: [], failures: [] };
  let carried;
  try {
    carried = connector.unwrap?.(data);
  } catch (error) {
    out.failures.push({ reason: messageOf(error), original: data });
    return out;
  }
  if (!carried) {
    parseOne(connector, data, ctx, out);
    return out;
  }
  for (const piece of carried) {
    if ("error" in piece) out.failures.push({ reason: `${piece.where}: ${piece.error}`, where: piece.where, original: piece.original });
    else parseOne(connector, piece.record, ctx, out, piece.where);
  }
  return out;
}
