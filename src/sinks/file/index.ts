import { closeSync, fstatSync, fsyncSync, ftruncateSync, mkdirSync, openSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { z } from "zod";
import type { Enriched } from "../../model/index.js";
import { defineSink, type Sink, type SinkResult } from "../types.js";

export const FileSinkConfig = z.object({
  type: z.literal("file"),
  name: z.string().optional(),
  /** NDJSON output path; parent folders are created. */
  path: z.string().min(1),
  /** What each line holds: the enriched record (default) or a caller-provided mapping. */
  fsync: z.boolean().default(true),
});
export type FileSinkConfig = z.infer<typeof FileSinkConfig>;

export type RecordSerializer = (record: Enriched) => string;

/**
 * Appends one JSON line per record. Its committed state is the file length after the last
 * acknowledged batch: on restart anything past it (a batch written but not checkpointed before a
 * crash) is cut off, so the file holds every record exactly once.
 */
export class FileSink implements Sink {
  readonly type = "file";
  private fd: number | undefined;
  private length = 0;

  constructor(
    readonly name: string,
    private readonly path: string,
    private readonly options: { fsync: boolean; serialize?: RecordSerializer } = { fsync: true },
  ) {}

  async open(): Promise<void> {
    mkdirSync(dirname(this.path), { recursive: true });
    this.fd = openSync(this.path, "a+");
    this.length = fstatSync(this.fd).size;
  }

  async restore(state: unknown): Promise<void> {
    const fd = this.requireFd();
    const committed = typeof state === "number" ? state : 0;
    if (this.length > committed) {
      ftruncateSync(fd, committed);
      this.length = committed;
    }
  }

  async write(records: Enriched[]): Promise<SinkResult> {
    const fd = this.requireFd();
    const serialize = this.options.serialize ?? ((r: Enriched) => JSON.stringify(r));
    const chunk = Buffer.from(records.map((r) => serialize(r) + "\n").join(""), "utf8");
    const start = this.length;
    try {
      let offset = 0;
      while (offset < chunk.length) offset += writeSync(fd, chunk, offset, chunk.length - offset);
      if (this.options.fsync) fsyncSync(fd);
    } catch (error) {
      // Leave no half batch behind: the pipeline will retry the whole batch.
      ftruncateSync(fd, start);
      throw error;
    }
    this.length = start + chunk.length;
    return { written: records.length, duplicates: 0, rejected: [] };
  }

  commitState(): number {
    return this.length;
  }

  async close(): Promise<void> {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private requireFd(): number {
    if (this.fd === undefined) throw new Error(`file sink ${this.name} is not open`);
    return this.fd;
  }
}

export const fileSink = defineSink({
  type: "file",
  configSchema: FileSinkConfig,
  create: (config, name) => new FileSink(name, config.path, { fsync: config.fsync }),
});
