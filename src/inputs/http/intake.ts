import type { Logger } from "pino";
import { RequestError } from "./body.js";
import type { HttpInputConfig } from "./config.js";
import { documentsOf, protobufDocuments, recordsOf, type Route } from "./payload.js";
import type { Spool } from "./spool.js";

export interface IntakeDeps {
  config: HttpInputConfig;
  spool: Spool;
  logger: Logger;
  deadLetter?: (reason: string, original: unknown, origin: string) => void;
}

export type BodyEncoding = "json" | "protobuf";

/**
 * What every transport of the receiver (HTTP, gRPC) does with a request it has authenticated:
 * refuse it while the pipeline is too far behind, turn its body into records, and resolve only once
 * those are on disk. Refusals are RequestErrors, which each transport answers in its own terms.
 */
export class Intake {
  constructor(private readonly deps: IntakeDeps) {}

  /** True while more bytes are accepted but not yet written downstream than `maxSpoolBytes`. */
  saturated(): boolean {
    return this.deps.spool.unacknowledgedBytes() >= this.deps.config.maxSpoolBytes;
  }

  /** Refuses with 429 while saturated: checked before the body is read. */
  admit(): void {
    if (this.saturated()) throw new RequestError(429, "receiver is behind; retry later");
  }

  /**
   * Spools the records of `body` and resolves with their number once they are on disk. A body that
   * cannot be read is refused with 400 and dead-lettered (a binary body as base64, so the DLQ stays
   * text and the body can be replayed); a spool that cannot be written is refused with 503.
   */
  async accept(route: Route, body: Buffer, encoding: BodyEncoding, origin: string): Promise<number> {
    let records;
    try {
      const documents = encoding === "protobuf" && route.kind !== "ingest" ? protobufDocuments(route, body) : documentsOf(body.toString("utf8"));
      records = recordsOf(route, documents, origin);
    } catch (error) {
      if (error instanceof RequestError) this.deps.deadLetter?.(`rejected request: ${error.message}`, body.toString(encoding === "protobuf" ? "base64" : "utf8"), origin);
      throw error;
    }
    const lines = records.map((r) => JSON.stringify(r) + "\n").join("");
    try {
      await this.deps.spool.append(Buffer.from(lines, "utf8"));
    } catch (error) {
      this.deps.logger.error({ err: (error as Error).message, origin }, "spool write failed");
      throw new RequestError(503, "could not store the request; retry later");
    }
    return records.length;
  }
}
