import type { Logger } from "pino";
import type { ContentMode } from "../connectors/types.js";

/** JSON-serialisable cursor value (file offset, API cursor, timestamp). */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * A source's checkpoint: cursor values by key (one per file for a file glob, one `cursor` for an
 * API). Committed only after every sink acknowledged the records before it.
 */
export type Checkpoint = Record<string, Json>;

export interface RawRecord {
  /**
   * The decoded record, or the raw text line when the input leaves decoding to the pipeline.
   * `undefined` marks a position-only record (a blank line, something already dead-lettered):
   * nothing to parse, but its position still has to be committed.
   */
  data: unknown;
  /** Parse with this connector instead of the source's (the HTTP receiver routes by path). */
  connector?: string;
  /**
   * The configured source the record first came from (`dlq replay`): it is parsed with that
   * source's connector options and content mode, and a new failure is dead-lettered under its name.
   */
  from?: { source: string; options: unknown; content: ContentMode };
  /** Re-enter the flow after parsing (`dlq replay` of a record that failed later on). */
  resume?: { stage: "enrich" | "sink"; sink?: string };
  /** Set when `data` is text that still has to be JSON-decoded. */
  encoding?: "json-text";
  /** The cursor to commit once this record is safely written. */
  position: { key: string; value: Json };
  /** Human-readable origin for errors and the DLQ (`file.ndjson:42`, `GET /content?page=3`). */
  origin: string;
  /** Bytes this record took on the wire or disk, for byte-based batching and metrics. */
  bytes: number;
}

export interface InputContext {
  logger: Logger;
  signal: AbortSignal;
  /** Called by inputs that can tell how much is left (file sizes, API totals) so the CLI can show progress. */
  progress?: (done: number, total: number) => void;
  /** Dead-letter something an input could not even turn into a record (e.g. a bad API item). */
  deadLetter?: (reason: string, original: unknown, origin: string) => void;
}

/** A transport that yields raw records: files, stdin, an HTTP receiver, an API puller. */
export interface Input {
  readonly kind: string;
  /** Yields records after `from`; ends when the input is exhausted (or never, in follow mode). */
  read(from: Checkpoint, ctx: InputContext): AsyncIterable<RawRecord>;
  /** Told after positions it yielded were committed (every sink acknowledged them), e.g. to delete a spool. */
  committed?(checkpoint: Checkpoint): Promise<void> | void;
  close?(): Promise<void>;
}
