import { gzipSync } from "node:zlib";
import type { CimEvent } from "../../map/cim/index.js";

/** One serialized HEC event and the position of the record it came from in the written batch. */
export interface HecLine {
  owner: number;
  eventId: string;
  sourcetype: string;
  text: string;
  bytes: number;
}

export interface EnvelopeDefaults {
  index: string;
  host: string;
  source: string;
}

/**
 * The HEC JSON envelope (reference splunk.md §1.3): `time` from the event, `index`, `host`,
 * `source` and `sourcetype` always set so token defaults never decide where data lands, and the
 * flat indexed `fields`. `event_id` rides inside `event` for `| dedup event_id`.
 */
export function hecLine(event: CimEvent, owner: number, defaults: EnvelopeDefaults): HecLine {
  const text = JSON.stringify({
    time: Number(event.time.toFixed(3)),
    host: defaults.host,
    source: defaults.source,
    sourcetype: event.sourcetype,
    index: defaults.index,
    event: event.event,
    fields: event.fields,
  });
  return { owner, eventId: event.eventId, sourcetype: event.sourcetype, text, bytes: Buffer.byteLength(text) };
}

/** Cuts lines into requests of at most `maxEvents` events and `maxBytes` uncompressed bytes. */
export function chunkLines(lines: HecLine[], maxEvents: number, maxBytes: number): HecLine[][] {
  const chunks: HecLine[][] = [];
  let current: HecLine[] = [];
  let bytes = 0;
  for (const line of lines) {
    if (current.length > 0 && (current.length >= maxEvents || bytes + line.bytes + 1 > maxBytes)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(line);
    bytes += line.bytes + 1;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** A request body: events one after another (newline-separated, not a JSON array), gzip-compressed when asked. */
export function requestBody(lines: HecLine[], gzip: boolean): Buffer {
  const text = Buffer.from(lines.map((l) => l.text).join("\n"), "utf8");
  return gzip ? gzipSync(text) : text;
}
