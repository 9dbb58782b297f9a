import { readFileSync } from "node:fs";
import { z } from "zod";
import { validate } from "../../../model/index.js";
import { FeatureHasher, type FeatureSpec } from "./features.js";
import { BINS, TemplateIndex } from "./minhash.js";

/** The shipped model: written by `scripts/train/injection.ts`, read here. */
export const WeightsFile = z.object({
  format: z.literal("aisiem.injection.v2"),
  features: z.object({ dim: z.number().int().positive(), maxChars: z.number().int().positive() }),
  bias: z.number(),
  weights: z.array(z.number()),
  /** Probability at or above which the model alone reports a jailbreak; chosen on the training data. */
  threshold: z.number().min(0).max(1),
  templates: z.array(z.array(z.number().int().nonnegative()).length(BINS)),
  training: z.record(z.string(), z.unknown()),
});
export type WeightsFile = z.infer<typeof WeightsFile>;

export const WEIGHTS_URL = new URL("./weights.json", import.meta.url);

/** Hashed n-gram logistic regression; `probability` takes the folded text. */
export class InjectionModel {
  private readonly hasher: FeatureHasher;
  private readonly weights: Float32Array;
  readonly templates: TemplateIndex;

  constructor(readonly file: WeightsFile) {
    const spec: FeatureSpec = file.features;
    if (file.weights.length !== spec.dim) throw new Error(`injection weights: ${file.weights.length} weights for ${spec.dim} features`);
    this.hasher = new FeatureHasher(spec);
    this.weights = Float32Array.from(file.weights);
    this.templates = new TemplateIndex(file.templates);
  }

  static load(url: URL = WEIGHTS_URL): InjectionModel {
    return new InjectionModel(validate(WeightsFile, JSON.parse(readFileSync(url, "utf8")), `injection weights ${url.pathname}`));
  }

  probability(folded: string): number {
    return 1 / (1 + Math.exp(-this.hasher.dot(folded, this.weights, this.file.bias)));
  }
}

let shared: InjectionModel | undefined;

/** The shipped model, loaded once per process. */
export function sharedInjectionModel(): InjectionModel {
  shared ??= InjectionModel.load();
  return shared;
}
