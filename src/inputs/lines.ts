import type { Readable } from "node:stream";
import type { RawRecord } from "./types.js";

export interface Line {
  /** The line without its terminator (`\n` or `\r\n`). */
  text: string;
  /** Byte offset just past the line's terminator: where to resume. */
  end: number;
  /** Byte length including the terminator. */
  bytes: number;
  /** 1-based line number counted from where reading started. */
  number: number;
  /** Set when the line exceeded `maxLineBytes`; `text` then holds only its start. */
  truncated?: boolean;
}

/**
 * Splits a byte stream into lines, tracking exact byte offsets so a reader can resume at any
 * line boundary. A final line without a newline is only yielded when `emitPartial` is set (a
 * file being followed may still be growing). Lines longer than `maxLineBytes` are yielded
 * truncated and flagged rather than buffered without bound.
 */
export async function* readLines(
  stream: Readable,
  startOffset: number,
  options: { maxLineBytes: number; emitPartial: boolean; firstLineNumber?: number },
): AsyncGenerator<Line> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let overflow = false;
  let offset = startOffset;
  let number = (options.firstLineNumber ?? 1) - 1;

  const take = (upTo: Buffer, terminatorBytes: number): Line => {
    const contentBytes = pendingBytes + upTo.length;
    const truncated = overflow || contentBytes > options.maxLineBytes;
    const body = Buffer.concat([...pending, upTo.subarray(0, Math.max(0, options.maxLineBytes - pending.reduce((n, b) => n + b.length, 0)))]);
    pending = [];
    pendingBytes = 0;
    overflow = false;
    offset += contentBytes + terminatorBytes;
    number += 1;
    let text = body.subarray(0, options.maxLineBytes).toString("utf8");
    if (text.endsWith("\r")) text = text.slice(0, -1);
    return { text, end: offset, bytes: contentBytes + terminatorBytes, number, ...(truncated ? { truncated } : {}) };
  };

  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let start = 0;
    for (let nl = chunk.indexOf(10, start); nl !== -1; nl = chunk.indexOf(10, start)) {
      yield take(chunk.subarray(start, nl), 1);
      start = nl + 1;
    }
    const rest = chunk.subarray(start);
    if (rest.length === 0) continue;
    if (overflow || pendingBytes + rest.length > options.maxLineBytes) {
      // Keep the start for the error message; count the rest without holding it.
      if (!overflow) pending.push(rest.subarray(0, Math.max(0, options.maxLineBytes - pendingBytes)));
      overflow = true;
      pendingBytes += rest.length;
      continue;
    }
    pending.push(Buffer.from(rest));
    pendingBytes += rest.length;
  }
  if (pendingBytes > 0 && options.emitPartial) yield take(Buffer.alloc(0), 0);
}

/**
 * Turns a line into a raw record: blank lines become position-only records (their offset must
 * still be committed), over-long lines are dead-lettered, the rest stay text for the decoder.
 */
export function lineToRecord(line: Line, key: string, origin: string, maxLineBytes: number, deadLetter?: (reason: string, original: unknown, origin: string) => void): RawRecord {
  const position = { key, value: line.end };
  if (line.truncated) {
    deadLetter?.(`line longer than ${maxLineBytes} bytes`, line.text.slice(0, 4096), origin);
    return { data: undefined, position, origin, bytes: line.bytes };
  }
  if (line.text.trim() === "") return { data: undefined, position, origin, bytes: line.bytes };
  return { data: line.text, encoding: "json-text", position, origin, bytes: line.bytes };
}
