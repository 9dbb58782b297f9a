/**
 * A benchmark corpus: N native interactions written as a stream, prompts and responses of
 * 0.5–8 KB built from the quickstart's work texts, so memory stays flat at any N.
 */
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { makeStaff } from "../scripts/quickstart/people.js";
import { Random } from "../scripts/quickstart/random.js";
import { buildRecord, newConversationId, TOOL_NAMES } from "../scripts/quickstart/tools.js";
import { workText } from "../scripts/quickstart/work-texts.js";

const MIN_TEXT = 512;
const MAX_TEXT = 8192;
const START_MS = Date.UTC(2025, 0, 1);

/** Paragraphs from `next` until the text reaches a random size in [0.5, 8] KB, cut there. */
function sizedText(r: Random, next: () => string): string {
  const target = r.int(MIN_TEXT, MAX_TEXT);
  let text = next();
  while (text.length < target) text += "\n\n" + next();
  return text.slice(0, target);
}

export async function writeBenchCorpus(path: string, records: number, seed: number): Promise<{ bytes: number }> {
  const r = new Random(seed);
  const people = makeStaff(r);
  const out = createWriteStream(path);
  let bytes = 0;
  let chunk = "";
  for (let i = 0; i < records; i += 1) {
    const person = r.pick(people);
    const tool = r.pick(TOOL_NAMES);
    const record = buildRecord(
      person,
      {
        at: new Date(START_MS + i * 1000),
        tool,
        conversationId: newConversationId(tool, r),
        prompt: sizedText(r, () => workText(r, person).prompt),
        response: sizedText(r, () => workText(r, person).response),
      },
      r,
    );
    chunk += JSON.stringify(record) + "\n";
    if (chunk.length > 1 << 20 || i === records - 1) {
      bytes += Buffer.byteLength(chunk);
      if (!out.write(chunk)) await once(out, "drain");
      chunk = "";
    }
  }
  out.end();
  await once(out, "finish");
  return { bytes };
}
