/**
 * The per-message classifiers behind one call: `classify(text, {role, context})` → findings.
 * Secrets and personal data run first so that no later snippet repeats what they found.
 */
import { z } from "zod";
import type { Finding } from "../../model/index.js";
import { HarmConfig, harmClassifier } from "./harm/index.js";
import { InjectionConfig, injectionClassifier } from "./injection/index.js";
import { normalise } from "./normalise.js";
import { PiiConfig, piiClassifier } from "./pii/index.js";
import { RefusalConfig, refusalClassifier } from "./refusal/index.js";
import { SecretsConfig, secretsClassifier } from "./secrets/index.js";
import type { Classifier, ClassifierInput, ClassifyOptions, SensitiveSpan } from "./types.js";

export const ClassifyConfig = z
  .object({
    enabled: z.boolean().default(true),
    secrets: SecretsConfig.default(SecretsConfig.parse({})),
    pii: PiiConfig.default(PiiConfig.parse({})),
    injection: InjectionConfig.default(InjectionConfig.parse({})),
    refusal: RefusalConfig.default(RefusalConfig.parse({})),
    harm: HarmConfig.default(HarmConfig.parse({})),
    /** Texts longer than this many characters are judged on their first `maxChars` only. */
    maxChars: z.number().int().positive().default(1_000_000),
  })
  .strict();
export type ClassifyConfig = z.infer<typeof ClassifyConfig>;
export type ClassifyConfigInput = z.input<typeof ClassifyConfig>;

/** The enabled classifiers of a config, in the order they must run. */
export function buildClassifiers(config: ClassifyConfig): Classifier[] {
  const out: Classifier[] = [];
  if (config.secrets.enabled) out.push(secretsClassifier(config.secrets));
  if (config.pii.enabled) out.push(piiClassifier(config.pii));
  if (config.injection.enabled) out.push(injectionClassifier(config.injection));
  if (config.refusal.enabled) out.push(refusalClassifier(config.refusal));
  if (config.harm.enabled) out.push(harmClassifier(config.harm));
  return out;
}

export interface TextVerdict {
  findings: Finding[];
  /** The secrets and personal data found, with offsets into the text (never their values). */
  sensitive: SensitiveSpan[];
}

/** A reusable classifier set: build once, call for every text. */
export class TextClassifier {
  private readonly classifiers: Classifier[];

  constructor(readonly config: ClassifyConfig = ClassifyConfig.parse({})) {
    this.classifiers = config.enabled ? buildClassifiers(config) : [];
  }

  async judge(text: string, options: ClassifyOptions): Promise<TextVerdict> {
    const judged = text.length > this.config.maxChars ? text.slice(0, this.config.maxChars) : text;
    const sensitive: SensitiveSpan[] = [];
    const applicable = this.classifiers.filter((c) => c.roles.includes(options.role));
    if (!judged || applicable.length === 0) return { findings: [], sensitive };
    const input: ClassifierInput = { text: judged, normalised: normalise(judged), options, sensitive };
    const findings: Finding[] = [];
    for (const classifier of applicable) findings.push(...(await classifier.classify(input)));
    return { findings, sensitive };
  }
}

let defaultClassifier: TextClassifier | undefined;

/**
 * Judge one prompt or response with every classifier: injection and jailbreak, secrets,
 * personal and financial data, refusal (responses), harm categories. `config` tunes or switches
 * off classifiers as under `enrich.classify` in the config file.
 */
export async function classify(text: string, options: ClassifyOptions & { config?: ClassifyConfigInput }): Promise<Finding[]> {
  const { config, ...rest } = options;
  const classifier = config ? new TextClassifier(ClassifyConfig.parse(config)) : (defaultClassifier ??= new TextClassifier());
  return (await classifier.judge(text, rest)).findings;
}

export type { ClassifyOptions, TextRole, SensitiveSpan } from "./types.js";
export { detectRefusal, type RefusalLevel } from "./refusal/index.js";
export { harmCodeFor } from "./harm/upstream.js";
