import { z } from "zod";
import type { Checkpoint, InputContext, RawRecord } from "../../inputs/types.js";
import { problemsOf, ValidationError } from "../../model/index.js";
import { advanceWatermark, alreadyRead, parseSince, pollLoop, readCursor, timeProgress, type HttpClient, type Watermark } from "../_pull/index.js";
import { complianceClient } from "./client.js";
import { LogFile, LogFileList } from "./logs-schema.js";
import type { ChatGptOptions } from "./puller.js";

/**
 * Where one event type's read stands: the watermark of the files read to the end (the newest
 * `end_time`, epoch ms, and the ids of the files read that end exactly then), and the file being
 * read with the index of its last line done.
 */
export const LogsCursor = z.object({
  at: z.number().nullable(),
  ids: z.array(z.string()),
  file: z.object({ id: z.string(), line: z.number().int() }).nullable(),
});
export type LogsCursor = z.infer<typeof LogsCursor>;

const FIRST: LogsCursor = { at: null, ids: [], file: null };
const keyOf = (eventType: string) => `logs:${eventType}`;

/**
 * The Compliance Logs Platform: for each event type, the log files that ended since its
 * checkpoint, oldest first, each downloaded and yielded line by line. Every line carries the
 * position after it, so a run stopped mid-file resumes at the next line.
 */
export async function* readLogs(options: ChatGptOptions, scope: string, from: Checkpoint, ctx: InputContext): AsyncGenerator<RawRecord> {
  const http = complianceClient(options, scope, ctx);
  const start = options.since ? parseSince(options.since)! : 0;
  const cursors = new Map(options.eventTypes.map((type) => [type, readCursor(from, keyOf(type), LogsCursor) ?? FIRST]));

  yield* pollLoop({ ...options, signal: ctx.signal, logger: ctx.logger }, async function* () {
    for (const eventType of options.eventTypes) {
      const cursor = cursors.get(eventType)!;
      const progress = timeProgress(cursor.at ?? start, Date.now(), ctx.progress);
      for await (const record of readEventType({ http, eventType, cursor, start, pageSize: options.pageSize, ctx })) {
        const at = (record.position.value as LogsCursor).at;
        cursors.set(eventType, record.position.value as LogsCursor);
        if (at !== null) progress(at);
        yield record;
      }
    }
  });
}

interface EventTypeRead {
  http: HttpClient;
  eventType: string;
  cursor: LogsCursor;
  /** Epoch ms to start from when the event type has no checkpoint. */
  start: number;
  pageSize: number;
  ctx: InputContext;
}

async function* readEventType(read: EventTypeRead): AsyncGenerator<RawRecord> {
  const { http, eventType, pageSize, ctx } = read;
  const key = keyOf(eventType);
  let mark: Watermark = { at: read.cursor.at, ids: read.cursor.ids };
  let resume = read.cursor.file;
  // `after` lists the files that end strictly later. The first page is asked for from 1 ms before
  // the watermark, so a file that ends at the watermark itself but was published after the last
  // poll is listed too (the ones read there are skipped by id); the next pages follow the API's
  // own paging, `after` = the page's `last_end_time`.
  let after = new Date(mark.at === null ? read.start : mark.at - 1).toISOString();
  for (;;) {
    const { data: page, origin } = await http.getJson("logs", { event_type: eventType, after, limit: pageSize }, LogFileList, `${eventType} log file list`);
    for (const entry of page.data) {
      const file = LogFile.safeParse(entry);
      if (!file.success) {
        ctx.deadLetter?.(new ValidationError("log file entry", problemsOf(file.error)).message, entry, `${origin}?event_type=${eventType}&after=${after}`);
        continue;
      }
      const { id } = file.data;
      const end = Date.parse(file.data.end_time);
      if (mark.at !== null && (end < mark.at || alreadyRead(mark, end, id))) continue;
      const skipThrough = resume?.id === id ? resume.line : -1;
      resume = null;
      yield* readLogFile({ http, eventType, key, id, mark, skipThrough, ctx });
      mark = advanceWatermark(mark, end, id);
      yield { data: undefined, origin: `${eventType} log ${id}`, position: { key, value: { ...mark, file: null } }, bytes: 0 };
    }
    // An empty page (no `last_end_time`) or one that does not move on ends the read whatever `has_more` says.
    if (!page.has_more || !page.last_end_time || page.last_end_time === after) return;
    after = page.last_end_time;
  }
}

interface FileRead {
  http: HttpClient;
  eventType: string;
  key: string;
  id: string;
  /** The watermark before this file, kept in every line's position. */
  mark: Watermark;
  /** Index of the last line already done (-1: none). */
  skipThrough: number;
  ctx: InputContext;
}

/** One downloaded JSONL file, a record per non-blank line; a line that is not a JSON object is dead-lettered. */
async function* readLogFile(file: FileRead): AsyncGenerator<RawRecord> {
  const { data: body } = await file.http.getText(`logs/${encodeURIComponent(file.id)}`, {}, `${file.eventType} log file ${file.id}`);
  const lines = body.split("\n");
  for (let line = file.skipThrough + 1; line < lines.length; line += 1) {
    const text = lines[line]!.replace(/\r$/, "");
    if (text.trim() === "") continue;
    const origin = `${file.eventType} log ${file.id} line ${line + 1}`;
    const base = { origin, position: { key: file.key, value: { ...file.mark, file: { id: file.id, line } } }, bytes: Buffer.byteLength(text) + 1 };
    const decoded = decodeLine(text);
    if ("error" in decoded) {
      file.ctx.deadLetter?.(decoded.error, text.slice(0, 4096), origin);
      yield { ...base, data: undefined };
    } else {
      yield { ...base, data: { logFile: { id: file.id, event_type: file.eventType }, line, event: decoded.event } };
    }
  }
}

function decodeLine(text: string): { event: object } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { error: `invalid JSON in log file line: ${(error as Error).message}` };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { error: `log file line is ${Array.isArray(value) ? "an array" : String(value === null ? "null" : typeof value)}, not a JSON object` };
  return { event: value };
}
