import { z } from "zod";
import { HARM_CODES, type HarmCode } from "../../../model/index.js";
import { evidenceFor, finding } from "../evidence.js";
import { originalSpan } from "../normalise.js";
import type { Classifier, ClassifierInput } from "../types.js";
import { HARM_PATTERNS } from "./lexicon.js";

export const HarmConfig = z
  .object({
    enabled: z.boolean().default(true),
    threshold: z.number().min(0).max(1).default(0.5),
  })
  .strict();
export type HarmConfig = z.infer<typeof HarmConfig>;

export interface HarmHit {
  code: HarmCode;
  score: number;
  start: number;
  end: number;
}

/** The strongest pattern per harm code in the folded text; offsets are into the folded text. */
export function detectHarm(folded: string): HarmHit[] {
  const best = new Map<HarmCode, HarmHit>();
  for (const { code, pattern, weight } of HARM_PATTERNS) {
    if ((best.get(code)?.score ?? 0) >= weight) continue;
    const match = pattern.exec(folded);
    if (match) best.set(code, { code, score: weight, start: match.index, end: match.index + match[0].length });
  }
  return [...best.values()];
}

export function harmClassifier(config: HarmConfig): Classifier {
  return {
    name: "harm",
    roles: ["prompt", "response"],
    classify(input: ClassifierInput) {
      return detectHarm(input.normalised.text)
        .filter((hit) => hit.score >= config.threshold)
        .map((hit) => {
          const span = originalSpan(input.normalised, hit.start, hit.end);
          return finding(input, {
            detector: "aisiem.harm",
            category: "harm",
            label: HARM_CODES[hit.code],
            harm: hit.code,
            score: hit.score,
            evidence: [evidenceFor(input, span.start, span.end)],
          });
        });
    },
  };
}
