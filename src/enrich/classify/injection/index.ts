import { z } from "zod";
import type { Evidence, Finding, FindingCategory } from "../../../model/index.js";
import { evidenceFor, finding } from "../evidence.js";
import { foldedAnchors } from "../folded-anchors.js";
import { harmOf } from "../harm/index.js";
import { originalSpan } from "../normalise.js";
import type { Classifier, ClassifierInput } from "../types.js";
import { minhashSignature } from "./minhash.js";
import { sharedInjectionModel, type InjectionModel } from "./model.js";
import { sharedProseModel, type ProseModel } from "./prose-model.js";
import { adversarialSuffixSignal } from "./suffix.js";
import { framedRequestScore, framingCues } from "./framing.js";
import { manyShotSignal, obfuscationSignal, patternSignals, personaSignal, type InjectionSignal } from "./rules.js";

export const InjectionConfig = z
  .object({
    enabled: z.boolean().default(true),
    /** A category is reported when its strongest signal reaches this score. */
    threshold: z.number().min(0).max(1).default(0.5),
    /** Use the shipped n-gram model besides the rules. */
    model: z.boolean().default(true),
    /** Model probability that counts as a signal; default: the threshold shipped with the weights. */
    modelThreshold: z.number().min(0).max(1).optional(),
    /** Estimated Jaccard similarity to a known jailbreak template that counts as a match (§4.4). */
    templateSimilarity: z.number().min(0).max(1).default(0.5),
  })
  .strict();
export type InjectionConfig = z.infer<typeof InjectionConfig>;

/** Harm patterns at least this strong count as a harmful request inside a frame. */
const FRAMED_HARM_MIN = 0.6;

/** Every injection and jailbreak signal in one text, strongest first. */
/** `prose` is the suffix rule's statistics: part of the rules, so on even when `model` is off. */
export function injectionSignals(input: ClassifierInput, config: InjectionConfig, model: InjectionModel | undefined, prose: ProseModel = sharedProseModel()): InjectionSignal[] {
  const folded = input.normalised.text;
  const present = foldedAnchors(input.normalised);
  const signals: InjectionSignal[] = patternSignals(folded, present);
  const optional = [personaSignal(folded, present), manyShotSignal(folded), adversarialSuffixSignal(input.text, prose), obfuscationSignal(input.normalised.invisible, input.normalised.confusables)];
  for (const signal of optional) if (signal) signals.push(signal);
  // Decoded base64/hex payloads are read by the same rules; their offsets do not map to the text.
  for (const decoded of input.normalised.decoded) {
    for (const signal of [...patternSignals(decoded), personaSignal(decoded)]) {
      if (signal) signals.push({ name: `encoded_${signal.name}`, category: signal.category, score: signal.score });
    }
  }
  const harm = harmOf(input.normalised).find((h) => h.score >= FRAMED_HARM_MIN);
  const framed = framedRequestScore(framingCues(folded, present), harm !== undefined);
  if (framed > 0) signals.push({ name: "framed_harmful_request", category: "jailbreak", score: framed, ...(harm ? { start: harm.start, end: harm.end } : {}) });
  if (model) {
    const signature = minhashSignature(folded);
    const similar = signature ? model.templates.best(signature) : 0;
    if (similar >= config.templateSimilarity) signals.push({ name: "known_template", category: "jailbreak", score: Math.min(0.99, 0.5 + similar / 2) });
    const p = model.probability(folded);
    if (p >= (config.modelThreshold ?? model.file.threshold)) signals.push({ name: "model", category: "jailbreak", score: p });
  }
  return signals.sort((a, b) => b.score - a.score);
}

/** One finding per category (injection, jailbreak, system-prompt extraction), labelled with every signal that fired. */
export function injectionClassifier(config: InjectionConfig): Classifier {
  const model = config.model ? sharedInjectionModel() : undefined;
  const prose = sharedProseModel();
  return {
    name: "injection",
    roles: ["prompt"],
    classify(input: ClassifierInput): Finding[] {
      const byCategory = new Map<FindingCategory, InjectionSignal[]>();
      for (const signal of injectionSignals(input, config, model, prose)) {
        byCategory.set(signal.category, [...(byCategory.get(signal.category) ?? []), signal]);
      }
      const out: Finding[] = [];
      for (const [category, signals] of byCategory) {
        const top = signals[0]!;
        // The model's signal passed its own calibrated threshold already.
        if (!signals.some((s) => s.score >= config.threshold || s.name === "model")) continue;
        const evidence: Evidence[] = signals
          .filter((s) => s.start !== undefined && s.end !== undefined)
          .slice(0, 3)
          .map((s) => {
            const span = originalSpan(input.normalised, s.start!, s.end!);
            return evidenceFor(input, span.start, span.end);
          });
        out.push(
          finding(input, {
            detector: "aisiem.injection",
            category,
            label: [...new Set(signals.map((s) => s.name))].join(","),
            score: top.score,
            evidence: evidence.length ? evidence : [evidenceFor(input)],
          }),
        );
      }
      return out;
    },
  };
}
