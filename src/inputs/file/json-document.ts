import { readFile } from "node:fs/promises";
import { gunzipSync } from "node:zlib";
import type { InputContext, RawRecord } from "../types.js";

/**
 * Reads a file holding one JSON document. An array is split into one record per element; any
 * other value is one record. The position is the count of elements consumed, so a restart skips
 * what was committed. A file that is not valid JSON is dead-lettered whole.
 */
export async function* readJsonDocument(file: string, start: number, maxBytes: number, ctx: InputContext): AsyncGenerator<RawRecord> {
  let bytes = await readFile(file);
  if (file.endsWith(".gz")) bytes = gunzipSync(bytes);
  if (bytes.length > maxBytes) {
    ctx.deadLetter?.(`JSON document larger than ${maxBytes} bytes; use NDJSON for large inputs`, null, file);
    yield { data: undefined, position: { key: file, value: 1 }, origin: file, bytes: bytes.length };
    return;
  }
  let document: unknown;
  try {
    document = JSON.parse(bytes.toString("utf8"));
  } catch (error) {
    ctx.deadLetter?.(`invalid JSON: ${(error as Error).message}`, bytes.subarray(0, 4096).toString("utf8"), file);
    yield { data: undefined, position: { key: file, value: 1 }, origin: file, bytes: bytes.length };
    return;
  }
  const elements = Array.isArray(document) ? document : [document];
  const average = Math.ceil(bytes.length / Math.max(1, elements.length));
  for (let index = start; index < elements.length; index += 1) {
    yield { data: elements[index], position: { key: file, value: index + 1 }, origin: `${file}[${index}]`, bytes: average };
  }
}
