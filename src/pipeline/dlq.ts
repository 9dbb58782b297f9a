import { closeSync, fsyncSync, mkdirSync, openSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import type { Json } from "../inputs/types.js";

/** Where in the flow a record failed. `sink:<name>` for a destination's refusal. */
export type DeadLetterStage = "input" | "decode" | "parse" | `enrich:${string}` | `sink:${string}`;

export interface DeadLetter {
  "@timestamp": string;
  reason: string;
  stage: DeadLetterStage;
  source?: string;
  connector?: string;
  /** File and offset, HTTP route, or API page the record came from. */
  origin?: string;
  position?: { key: string; value: Json };
  /**
   * The record as it was when it failed: the raw vendor record (input, decode, parse), the
   * Interaction (enrich) or the Enriched record (sink). `dlq replay` re-enters it there.
   */
  original: unknown;
}

/**
 * Append-only NDJSON dead-letter queue. Entries are written at once and fsynced before the
 * checkpoint that skips past them is committed, so a failed record is never lost.
 */
export class DeadLetterQueue {
  private fd: number | undefined;
  private dirty = false;
  count = 0;

  constructor(readonly path: string) {}

  add(entry: Omit<DeadLetter, "@timestamp">): void {
    if (this.fd === undefined) {
      mkdirSync(dirname(this.path), { recursive: true });
      this.fd = openSync(this.path, "a");
    }
    const line = JSON.stringify({ "@timestamp": new Date().toISOString(), ...entry }) + "\n";
    writeSync(this.fd, line);
    this.dirty = true;
    this.count += 1;
  }

  /** Makes every entry so far durable. */
  flush(): void {
    if (this.fd !== undefined && this.dirty) fsyncSync(this.fd);
    this.dirty = false;
  }

  close(): void {
    this.flush();
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
