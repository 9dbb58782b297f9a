import { readFileSync } from "node:fs";
import { z } from "zod";
import { validate } from "../../../model/index.js";

/**
 * How surprising a stretch of text is to a character trigram model of ordinary prompts: the
 * mean negative log-probability per character. Optimised token soup (GCG suffixes) is far more
 * surprising than the request in front of it, which is what the suffix rule compares.
 * The statistics are written by `scripts/train/prose.ts` and read here.
 */
export const ProseFile = z.object({
  format: z.literal("aisiem.prose.v1"),
  /** Add-k smoothing constant for unseen trigrams. */
  smoothing: z.number().positive(),
  /** Trigram → count; trigrams seen fewer times than the training cut are left out (they count as unseen). */
  trigrams: z.record(z.string().length(3), z.number().int().positive()),
  training: z.record(z.string(), z.unknown()),
});
export type ProseFile = z.infer<typeof ProseFile>;

export const PROSE_URL = new URL("./prose.json", import.meta.url);

/** Printable ASCII and line breaks keep their identity; every other character is one symbol. */
const OTHER = "\u007f";
/** Pads the start so the first characters have a context. */
export const START = "\u0002\u0002";

export function foldProse(text: string): string {
  return text.replace(/[^\n\x20-\x7e]/g, OTHER);
}

/** Printable ASCII, the line break and the one symbol for everything else. */
const ALPHABET_SIZE = 95 + 2;

export class ProseModel {
  private readonly trigrams: Map<string, number>;
  private readonly contexts = new Map<string, number>();
  private readonly denominatorExtra: number;

  constructor(readonly file: ProseFile) {
    this.trigrams = new Map(Object.entries(file.trigrams));
    for (const [trigram, count] of this.trigrams) {
      const context = trigram.slice(0, 2);
      this.contexts.set(context, (this.contexts.get(context) ?? 0) + count);
    }
    this.denominatorExtra = file.smoothing * ALPHABET_SIZE;
  }

  static load(url: URL = PROSE_URL): ProseModel {
    return new ProseModel(validate(ProseFile, JSON.parse(readFileSync(url, "utf8")), `prose model ${url.pathname}`));
  }

  /** Mean negative natural log-probability per character of `text`, read as the start of a prompt. */
  surprise(text: string): number {
    const padded = START + foldProse(text);
    let total = 0;
    for (let i = 2; i < padded.length; i += 1) {
      const context = padded.slice(i - 2, i);
      const count = this.trigrams.get(context + padded[i]) ?? 0;
      total -= Math.log((count + this.file.smoothing) / ((this.contexts.get(context) ?? 0) + this.denominatorExtra));
    }
    return padded.length > 2 ? total / (padded.length - 2) : 0;
  }
}

let shared: ProseModel | undefined;

/** The shipped statistics, loaded once per process. */
export function sharedProseModel(): ProseModel {
  shared ??= ProseModel.load();
  return shared;
}
