import { createReadStream, statSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { createGunzip } from "node:zlib";
import fg from "fast-glob";
import { z } from "zod";
import { lineToRecord, readLines } from "../lines.js";
import type { Checkpoint, Input, InputContext, RawRecord } from "../types.js";
import { readJsonDocument } from "./json-document.js";

export const FileInputConfig = z.object({
  type: z.literal("file"),
  /** Files or glob patterns; matched files are read in name order. */
  paths: z.array(z.string().min(1)).min(1),
  /** `ndjson`: one record per line; `json`: a whole file is one JSON document (an array is split into records); `auto`: `.json(.gz)` is a document unless its first line is a complete JSON object. */
  format: z.enum(["auto", "ndjson", "json"]).default("auto"),
  /** Keep reading as files grow and new files match, until stopped. */
  follow: z.boolean().default(false),
  pollIntervalMs: z.number().int().positive().default(1000),
  /** Longer lines are dead-lettered, not buffered. */
  maxLineBytes: z.number().int().positive().default(16 * 1024 * 1024),
});
export type FileInputConfig = z.infer<typeof FileInputConfig>;

const isGzip = (path: string) => path.endsWith(".gz");
/**
 * `auto`: `.json` / `.json.gz` files are one JSON document unless their first line is a complete
 * JSON object on its own (S3 exports such as Bedrock's invocation logs are NDJSON named `.json.gz`).
 */
async function isJsonDocument(path: string, format: FileInputConfig["format"]): Promise<boolean> {
  if (format !== "auto") return format === "json";
  if (!/\.json(\.gz)?$/.test(path)) return false;
  const stream = isGzip(path) ? createReadStream(path).pipe(createGunzip()) : createReadStream(path);
  try {
    for await (const line of readLines(stream, 0, { maxLineBytes: 1 << 20, emitPartial: true })) {
      if (line.text.trim() === "") continue;
      try {
        // An array is a document of records even when it fits on one line.
        return Array.isArray(JSON.parse(line.text));
      } catch {
        return true;
      }
    }
    return true;
  } finally {
    stream.destroy();
  }
}

/**
 * Reads NDJSON (or whole-JSON) files. The checkpoint holds, per file, the byte offset after the
 * last committed line (for a JSON document: the number of committed elements), so a restart
 * resumes exactly where the last acknowledged batch ended.
 */
export class FileInput implements Input {
  readonly kind = "file";
  constructor(private readonly config: FileInputConfig) {}

  async *read(from: Checkpoint, ctx: InputContext): AsyncGenerator<RawRecord> {
    const done = new Map<string, number>();
    // Compressed files and JSON documents are read whole; once read they are not re-read while following.
    const finished = new Set<string>();
    for (const [key, value] of Object.entries(from)) if (typeof value === "number") done.set(key, value);

    for (;;) {
      const files = await fg(this.config.paths, { absolute: true, onlyFiles: true, unique: true });
      files.sort();
      const total = files.reduce((sum, f) => sum + sizeOf(f), 0);
      let progressed = false;
      for (const file of files) {
        if (ctx.signal.aborted) return;
        const start = done.get(file) ?? 0;
        if (finished.has(file)) continue;
        if (await isJsonDocument(file, this.config.format)) {
          finished.add(file);
          for await (const record of readJsonDocument(file, start, this.config.maxLineBytes, ctx)) {
            done.set(file, record.position.value as number);
            progressed = true;
            yield record;
          }
          continue;
        }
        if (isGzip(file)) finished.add(file);
        else if (sizeOf(file) <= start) continue;
        for await (const record of this.readNdjson(file, start, ctx)) {
          done.set(file, record.position.value as number);
          progressed = true;
          ctx.progress?.(sumOffsets(done, files), total);
          yield record;
          if (ctx.signal.aborted) return;
        }
      }
      if (!this.config.follow || ctx.signal.aborted) return;
      if (!progressed) {
        try {
          await sleep(this.config.pollIntervalMs, undefined, { signal: ctx.signal });
        } catch {
          return;
        }
      }
    }
  }

  private async *readNdjson(file: string, start: number, ctx: InputContext): AsyncGenerator<RawRecord> {
    const gz = isGzip(file);
    // A gzip stream cannot seek: decompress from the start and skip what was committed.
    const stream = gz ? createReadStream(file).pipe(createGunzip()) : createReadStream(file, { start, highWaterMark: 256 * 1024 });
    const lines = readLines(stream, gz ? 0 : start, {
      maxLineBytes: this.config.maxLineBytes,
      emitPartial: !this.config.follow || gz,
    });
    try {
      for await (const line of lines) {
        if (line.end <= start) continue;
        const origin = `${file}@${line.end - line.bytes}`;
        yield lineToRecord(line, file, origin, this.config.maxLineBytes, ctx.deadLetter);
        if (ctx.signal.aborted) return;
      }
    } finally {
      stream.destroy();
    }
  }
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

function sumOffsets(done: Map<string, number>, files: string[]): number {
  return files.reduce((sum, f) => sum + (done.get(f) ?? 0), 0);
}
