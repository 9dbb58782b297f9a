import { z } from "zod";
import { isSpace } from "../chars.js";
import { evidenceFor, finding } from "../evidence.js";
import type { Classifier, ClassifierInput } from "../types.js";
import { HEDGE_PREFIXES, REFUSAL_PHRASES, REFUSAL_PREFIXES } from "./phrases.js";

export type RefusalLevel = "none" | "partial" | "full";

export const RefusalConfig = z
  .object({
    enabled: z.boolean().default(true),
    /** A refusal longer than this many words, or with a list or code block, counts as partial (§4.1). */
    partialWords: z.number().int().positive().default(80),
    /** Mid-text refusal phrases count only in answers shorter than this many words (§4.1 step 3). */
    shortWords: z.number().int().positive().default(60),
  })
  .strict();
export type RefusalConfig = z.infer<typeof RefusalConfig>;

/** §4.1 step 1: curly quotes to straight, lower case, collapsed spaces, leading markdown and quotes stripped. */
function prepare(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .toLowerCase()
    .replace(/\s+/g, " ")
    .replace(/^[\s#>*_`"'-]+/, "")
    .trim();
}

function firstSentences(text: string, count: number): string {
  const parts = text.split(/(?<=[.!?])\s+/);
  return parts.slice(0, count).join(" ");
}

const LIST_OR_CODE = /(?:^|\n)\s*(?:\d+[.)]|[-*•])\s+\S|```/;

/** Only the opening decides a refusal (§4.1); two sentences of a verbose model fit in this many characters. */
const OPENING_CHARS = 1_000;

/** Whitespace-separated words, counted without building them. */
function countWords(text: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i += 1) {
    const space = isSpace(text.charCodeAt(i));
    if (!space && !inWord) words += 1;
    inWord = !space;
  }
  return words;
}

export interface RefusalVerdict {
  level: RefusalLevel;
  /** The phrase that decided it, for the evidence snippet. */
  phrase?: string;
}

export function detectRefusal(response: string, config: RefusalConfig = RefusalConfig.parse({})): RefusalVerdict {
  const text = prepare(response.slice(0, OPENING_CHARS));
  if (!text) return { level: "none" };
  const words = response.length > OPENING_CHARS ? countWords(response) : text.split(" ").length;
  const substantive = words > config.partialWords || LIST_OR_CODE.test(response);
  const prefix = REFUSAL_PREFIXES.find((p) => text.startsWith(p));
  if (prefix) return { level: substantive ? "partial" : "full", phrase: prefix };
  const opening = firstSentences(text, 2);
  const phrase = REFUSAL_PHRASES.find((p) => opening.includes(p));
  if (phrase) {
    if (words < config.shortWords) return { level: "full", phrase };
    return { level: "partial", phrase };
  }
  const hedge = HEDGE_PREFIXES.find((p) => text.startsWith(p));
  if (hedge && /\b(?:but|however|instead)\b/.test(opening)) return { level: "partial", phrase: hedge };
  return { level: "none" };
}

const LEVEL_SCORE: Record<Exclude<RefusalLevel, "none">, number> = { full: 0.9, partial: 0.6 };

export function refusalClassifier(config: RefusalConfig): Classifier {
  return {
    name: "refusal",
    roles: ["response"],
    classify(input: ClassifierInput) {
      const verdict = detectRefusal(input.text, config);
      if (verdict.level === "none") return [];
      return [
        finding(input, {
          detector: "aisiem.refusal",
          category: "refusal",
          label: verdict.level,
          score: LEVEL_SCORE[verdict.level],
          severity: "info",
          evidence: [evidenceFor(input, 0, Math.min(input.text.length, 80))],
        }),
      ];
    },
  };
}
