import { z } from "zod";
import { lineToRecord, readLines } from "../lines.js";
import type { Input, InputContext, RawRecord } from "../types.js";

export const StdinInputConfig = z.object({
  type: z.literal("stdin"),
  maxLineBytes: z.number().int().positive().default(16 * 1024 * 1024),
});
export type StdinInputConfig = z.infer<typeof StdinInputConfig>;

/** NDJSON from standard input. A pipe cannot be rewound, so its checkpoint is informational only. */
export class StdinInput implements Input {
  readonly kind = "stdin";
  constructor(
    private readonly config: StdinInputConfig,
    private readonly stream: NodeJS.ReadableStream = process.stdin,
  ) {}

  async *read(_from: unknown, ctx: InputContext): AsyncGenerator<RawRecord> {
    const lines = readLines(this.stream as import("node:stream").Readable, 0, { maxLineBytes: this.config.maxLineBytes, emitPartial: true });
    for await (const line of lines) {
      yield lineToRecord(line, "stdin", `stdin:${line.number}`, this.config.maxLineBytes, ctx.deadLetter);
      if (ctx.signal.aborted) return;
    }
  }
}
