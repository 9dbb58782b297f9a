import { z } from "zod";
import { HARM_CODES, type HarmCode } from "../../../model/index.js";
import { evidenceFor, finding } from "../evidence.js";
import { AnchorScanner } from "../anchored.js";
import { foldedAnchors } from "../folded-anchors.js";
import { originalSpan, type NormalisedText } from "../normalise.js";
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

const SCANNER = new AnchorScanner(HARM_PATTERNS.flatMap((p) => p.anchors));

/** The strongest pattern per harm code in the folded text; offsets are into the folded text. */
export function detectHarm(folded: string, present: ReadonlySet<string> = SCANNER.scan(folded)): HarmHit[] {
  const best = new Map<HarmCode, HarmHit>();
  for (const { code, pattern, weight, anchors } of HARM_PATTERNS) {
    if ((best.get(code)?.score ?? 0) >= weight || !AnchorScanner.any(present, anchors)) continue;
    const match = pattern.exec(folded);
    if (match) best.set(code, { code, score: weight, start: match.index, end: match.index + match[0].length });
  }
  return [...best.values()];
}

const judged = new WeakMap<NormalisedText, HarmHit[]>();

/** `detectHarm` of a normalised text, computed once however many classifiers ask (injection reads it for framed requests). */
export function harmOf(normalised: NormalisedText): HarmHit[] {
  let hits = judged.get(normalised);
  if (!hits) {
    hits = detectHarm(normalised.text, foldedAnchors(normalised));
    judged.set(normalised, hits);
  }
  return hits;
}

export function harmClassifier(config: HarmConfig): Classifier {
  return {
    name: "harm",
    roles: ["prompt", "response"],
    classify(input: ClassifierInput) {
      return harmOf(input.normalised)
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
