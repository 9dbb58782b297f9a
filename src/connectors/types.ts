import type { z } from "zod";
import type { Interaction } from "../model/index.js";
import type { Input, InputContext } from "../inputs/types.js";

/** Privacy option every connector honours before text leaves the parser. */
export type ContentMode = "keep" | "hash" | "drop";

export interface ParseContext<Options = unknown> {
  /** Connector options from the source's config, already validated by `optionsSchema`. */
  options: Options;
  /** Where the record came from (file and line, HTTP route, API page), for error messages. */
  origin?: string;
  /** What to do with prompt and response text; applied by the shared helper `applyContentMode`. */
  content?: ContentMode;
}

/**
 * A connector turns one raw vendor record into canonical Interactions. `parse` is pure: no I/O,
 * no clock, no randomness; it throws a `ValidationError` (or any Error) with a precise reason
 * for a record it cannot read, and the pipeline dead-letters that record.
 */
export interface Connector<Options = unknown> {
  /** The folder name under `src/connectors/`, used in config as `connector:`. */
  readonly name: string;
  readonly vendor: string;
  readonly product: string;
  readonly description: string;
  readonly optionsSchema?: z.ZodType<Options>;
  parse(raw: unknown, ctx: ParseContext<Options>): Interaction[];
  /**
   * Decodes one text line (files, stdin) into the record `parse` takes, for products whose line
   * files are not plain NDJSON (CloudWatch Logs exports stamp each line). Default: `JSON.parse`.
   */
  decodeLine?(text: string): unknown;
  /**
   * For products that deliver records inside carriers (a CloudWatch Logs payload of log events):
   * the records one raw record holds, so that the pipeline parses and dead-letters each on its
   * own and one bad record does not take its neighbours with it. Undefined when `raw` is a record
   * itself. Throws when the carrier as a whole cannot be read. `parse` still accepts carriers.
   */
  unwrap?(raw: unknown): Carried[] | undefined;
  /** For products with an API: an input that pulls raw records with a resumable cursor. */
  createPuller?(options: Options, ctx: InputContext): Input;
  /** For products that push to the HTTP receiver's `/v1/ingest/<connector>` in a protocol of their own. */
  readonly webhook?: ConnectorWebhook;
}

/**
 * What the HTTP receiver lets a connector do with requests on its `/v1/ingest/<connector>` route,
 * for senders that follow a protocol of their own (Microsoft Graph change notifications).
 */
export interface ConnectorWebhook {
  /**
   * Answers a request from its query string alone, before authentication and before the body is
   * read (a subscription's URL validation): the text/plain body of a 200 reply, or undefined to
   * handle the request as usual.
   */
  handshake?(query: URLSearchParams): string | undefined;
  /** Query parameter that may carry the receiver's bearer token, for senders that cannot set headers. */
  readonly tokenParameter?: string;
  /**
   * Rewrites a request's JSON document before it is spooled (an array becomes one record per
   * element), e.g. to split a batch and stamp when it arrived. Must not throw: a document that is
   * not the expected envelope is returned as it is, and the parser reports what is wrong.
   */
  prepare?(document: unknown, receivedAt: Date): unknown;
}

/** A record found inside a carrier, with the path that names it there; or why it could not be read. */
export type Carried = { where: string; record: unknown } | { where: string; error: string; original: unknown };

/** A text line as the connector's record: its own decoder, else JSON. Throws what the decoder throws. */
export function decodeLine(connector: Pick<Connector<unknown>, "decodeLine">, text: string): unknown {
  return connector.decodeLine ? connector.decodeLine(text) : JSON.parse(text);
}

export function defineConnector<Options>(connector: Connector<Options>): Connector<Options> {
  return connector;
}
