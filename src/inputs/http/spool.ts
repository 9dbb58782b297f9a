import { createReadStream } from "node:fs";
import { mkdir, open, readdir, stat, truncate, unlink, type FileHandle } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { readLines } from "../lines.js";

/** Where a reader stands in the spool: a segment number and the byte offset after the last line read. */
export const SpoolPosition = z.object({ segment: z.number().int().nonnegative(), offset: z.number().int().nonnegative() });
export type SpoolPosition = z.infer<typeof SpoolPosition>;

export interface SpoolLine {
  text: string;
  /** Position just past this line: what to commit once it is written. */
  position: SpoolPosition;
  bytes: number;
}

interface PendingAppend {
  data: Buffer;
  resolve: () => void;
  reject: (error: Error) => void;
}

const SEGMENT = /^segment-(\d{12})\.ndjson$/;
const segmentName = (n: number) => `segment-${String(n).padStart(12, "0")}.ndjson`;

/**
 * An append-only on-disk queue of NDJSON lines in numbered segment files. `append` resolves only
 * after the bytes are fsynced, so a request answered 2xx survives a crash; concurrent appends share
 * one fsync (group commit). Segments before the committed position are deleted.
 */
export class Spool {
  private handle: FileHandle | undefined;
  private writeSegment = 0;
  private readonly sizes = new Map<number, number>();
  private committed: SpoolPosition = { segment: 0, offset: 0 };
  private pending: PendingAppend[] = [];
  private flushing: Promise<void> | undefined;
  private appended = 0;
  private readonly waiters = new Set<() => void>();

  constructor(
    readonly dir: string,
    private readonly segmentBytes: number,
  ) {}

  /**
   * Opens the spool at the committed position: deletes what was acknowledged, cuts a torn last
   * line (a write that was never answered 2xx) and starts a new segment after every existing one.
   */
  async open(committed: SpoolPosition | undefined): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    this.committed = committed ?? { segment: 0, offset: 0 };
    const segments = await this.listSegments();
    for (const n of segments) {
      if (n < this.committed.segment) await unlink(join(this.dir, segmentName(n)));
      else this.sizes.set(n, (await stat(join(this.dir, segmentName(n)))).size);
    }
    const last = [...this.sizes.keys()].at(-1);
    if (last !== undefined) this.sizes.set(last, await cutTornLine(join(this.dir, segmentName(last)), this.sizes.get(last)!));
    await this.startSegment(Math.max(last ?? 0, this.committed.segment) + 1);
  }

  /** Bytes written but not yet committed downstream: what backpressure is measured on. */
  unacknowledgedBytes(): number {
    let total = 0;
    for (const [n, size] of this.sizes) if (n >= this.committed.segment) total += size;
    return Math.max(0, total - this.committed.offset);
  }

  /** Appends whole lines; resolves once they are on disk. */
  append(data: Buffer): Promise<void> {
    if (!this.handle) return Promise.reject(new Error("spool is closed"));
    const done = new Promise<void>((resolve, reject) => this.pending.push({ data, resolve, reject }));
    this.flushing ??= this.flush().finally(() => (this.flushing = undefined));
    return done;
  }

  private async flush(): Promise<void> {
    while (this.pending.length > 0) {
      const group = this.pending;
      this.pending = [];
      try {
        const data = Buffer.concat(group.map((p) => p.data));
        await this.handle!.write(data);
        await this.handle!.datasync();
        this.sizes.set(this.writeSegment, (this.sizes.get(this.writeSegment) ?? 0) + data.length);
        if (this.sizes.get(this.writeSegment)! >= this.segmentBytes) await this.startSegment(this.writeSegment + 1);
        for (const p of group) p.resolve();
        this.appended += 1;
        for (const wake of this.waiters) wake();
      } catch (error) {
        for (const p of group) p.reject(error as Error);
      }
    }
  }

  private async startSegment(n: number): Promise<void> {
    await this.handle?.close();
    this.handle = await open(join(this.dir, segmentName(n)), "a");
    this.writeSegment = n;
    this.sizes.set(n, 0);
    // The new file's directory entry must be durable too, or a crash could lose a whole segment.
    const dir = await open(this.dir, "r");
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  }

  /** Records that everything up to `position` is written downstream; whole segments before it are deleted. */
  async commit(position: SpoolPosition): Promise<void> {
    this.committed = position;
    // A closed segment read to its end is done too: the next position starts the segment after it.
    if (position.segment < this.writeSegment && position.offset >= (this.sizes.get(position.segment) ?? 0)) {
      this.committed = { segment: position.segment + 1, offset: 0 };
    }
    for (const n of [...this.sizes.keys()]) {
      if (n >= this.committed.segment) continue;
      this.sizes.delete(n);
      await unlink(join(this.dir, segmentName(n))).catch(() => undefined);
    }
  }

  /** Lines from `from` on, following the spool as it grows, until `signal` aborts. */
  async *read(from: SpoolPosition | undefined, signal: AbortSignal, maxLineBytes: number): AsyncGenerator<SpoolLine> {
    let position = from ?? { segment: 0, offset: 0 };
    while (!signal.aborted) {
      const seen = this.appended;
      const segment = [...this.sizes.keys()].find((n) => n >= position.segment);
      if (segment === undefined) return;
      if (segment !== position.segment) position = { segment, offset: 0 };
      const size = this.sizes.get(segment) ?? 0;
      if (position.offset < size) {
        const stream = createReadStream(join(this.dir, segmentName(segment)), { start: position.offset, end: size - 1 });
        try {
          for await (const line of readLines(stream, position.offset, { maxLineBytes, emitPartial: false })) {
            position = { segment, offset: line.end };
            yield { text: line.text, position, bytes: line.bytes };
          }
        } finally {
          stream.destroy();
        }
        continue;
      }
      if (segment < this.writeSegment) {
        position = { segment: segment + 1, offset: 0 };
        continue;
      }
      if (this.appended === seen) await this.nextAppend(signal);
    }
  }

  private nextAppend(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        this.waiters.delete(wake);
        signal.removeEventListener("abort", wake);
        resolve();
      };
      this.waiters.add(wake);
      signal.addEventListener("abort", wake, { once: true });
    });
  }

  async close(): Promise<void> {
    await this.flushing;
    await this.handle?.close();
    this.handle = undefined;
    for (const wake of this.waiters) wake();
  }

  private async listSegments(): Promise<number[]> {
    const names = await readdir(this.dir);
    return names
      .map((name) => SEGMENT.exec(name)?.[1])
      .filter((n): n is string => n !== undefined)
      .map(Number)
      .sort((a, b) => a - b);
  }
}

/** Truncates a file after its last newline: a crash mid-append leaves a partial line nobody was told was accepted. */
async function cutTornLine(path: string, size: number): Promise<number> {
  if (size === 0) return 0;
  const handle = await open(path, "r");
  try {
    const tail = Buffer.alloc(Math.min(size, 64 * 1024));
    let end = size;
    while (end > 0) {
      const start = Math.max(0, end - tail.length);
      await handle.read(tail, 0, end - start, start);
      const nl = tail.subarray(0, end - start).lastIndexOf(10);
      if (nl >= 0) {
        const keep = start + nl + 1;
        if (keep < size) await truncate(path, keep);
        return keep;
      }
      end = start;
    }
  } finally {
    await handle.close();
  }
  await truncate(path, 0);
  return 0;
}
