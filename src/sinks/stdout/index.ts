import { z } from "zod";
import type { Enriched } from "../../model/index.js";
import { defineSink, type Sink, type SinkResult } from "../types.js";

export const StdoutSinkConfig = z.object({ type: z.literal("stdout"), name: z.string().optional() });

/** Writes one JSON line per record to standard output, honouring its backpressure. */
export class StdoutSink implements Sink {
  readonly type = "stdout";
  constructor(
    readonly name: string,
    private readonly stream: NodeJS.WritableStream = process.stdout,
  ) {}

  async write(records: Enriched[]): Promise<SinkResult> {
    const text = records.map((r) => JSON.stringify(r) + "\n").join("");
    await new Promise<void>((resolve, reject) => {
      this.stream.write(text, (error) => (error ? reject(error) : resolve()));
    });
    return { written: records.length, duplicates: 0, rejected: [] };
  }

  async close(): Promise<void> {}
}

export const stdoutSink = defineSink({
  type: "stdout",
  configSchema: StdoutSinkConfig,
  create: (_config, name) => new StdoutSink(name),
});
