import { createReadStream } from "node:fs";
import { readLines } from "../inputs/lines.js";
import type { ContentMode } from "../connectors/types.js";
import type { Checkpoint, Input, InputContext, RawRecord } from "../inputs/types.js";
import type { DeadLetter } from "./dlq.js";

/**
 * Feeds dead-lettered records back in at the stage where they failed: raw records are parsed
 * again by their connector, interactions re-enter enrichment, enriched records go only to the
 * sink that refused them. Checkpointed by byte offset like any file. `sources` are the configured
 * sources' settings: an entry of one of them is parsed again as that source would parse it.
 */
export class DeadLetterInput implements Input {
  readonly kind = "dlq";
  constructor(
    private readonly path: string,
    private readonly sources: ReadonlyMap<string, { options: unknown; content: ContentMode }> = new Map(),
  ) {}

  async *read(from: Checkpoint, ctx: InputContext): AsyncGenerator<RawRecord> {
    const start = typeof from[this.path] === "number" ? (from[this.path] as number) : 0;
    const stream = createReadStream(this.path, { start });
    try {
      for await (const line of readLines(stream, start, { maxLineBytes: 64 << 20, emitPartial: true })) {
        const position = { key: this.path, value: line.end };
        const origin = `${this.path}@${line.end - line.bytes}`;
        let entry: DeadLetter;
        try {
          entry = JSON.parse(line.text) as DeadLetter;
        } catch {
          ctx.deadLetter?.("unreadable dead-letter entry", line.text.slice(0, 4096), origin);
          yield { data: undefined, position, origin, bytes: line.bytes };
          continue;
        }
        const stage = entry.stage ?? "parse";
        const settings = entry.source === undefined ? undefined : this.sources.get(entry.source);
        const from = settings && { source: entry.source!, ...settings };
        const base = { position, origin: entry.origin ?? origin, bytes: line.bytes, connector: entry.connector, ...(from && { from }) };
        if (entry.original === undefined || entry.original === null || stage === "input") {
          // Nothing re-parseable was kept (an over-long line): report it again rather than drop it.
          ctx.deadLetter?.(entry.reason, entry.original, entry.origin ?? origin);
          yield { ...base, data: undefined };
        } else if (stage === "decode") {
          yield { ...base, data: entry.original, encoding: "json-text" };
        } else if (stage.startsWith("enrich:")) {
          yield { ...base, data: entry.original, resume: { stage: "enrich" } };
        } else if (stage.startsWith("sink:")) {
          yield { ...base, data: entry.original, resume: { stage: "sink", sink: stage.slice("sink:".length) } };
        } else {
          yield { ...base, data: entry.original };
        }
        if (ctx.signal.aborted) return;
      }
    } finally {
      stream.destroy();
    }
  }
}
