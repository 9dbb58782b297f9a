/**
 * Trains the injection/jailbreak model shipped in src/enrich/classify/injection/weights.json:
 * hashed n-gram features, logistic regression by SGD with L2, a fixed seed and a fixed data
 * order, so rerunning it reproduces the file byte for byte.
 *
 *   npx tsx scripts/train/injection.ts [--out path]
 *
 * Fitted on the four fifths of jailbreak-classification that `isHeldOut` leaves for training;
 * the threshold is also held to generated enterprise work prompts (`calibration`).
 * That set's jailbreaks are far longer than its benign prompts; samples are reweighted so that
 * both classes have the same length distribution, which leaves length nothing to explain.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { FEATURE_SPEC, FeatureHasher, type SparseVector } from "../../src/enrich/classify/injection/features.js";
import { minhashSignature, similarity } from "../../src/enrich/classify/injection/minhash.js";
import { WEIGHTS_URL, type WeightsFile } from "../../src/enrich/classify/injection/model.js";
import { normalise } from "../../src/enrich/classify/normalise.js";
import { isHeldOut, jailbreakClassification, type Labelled } from "../eval/datasets.js";
import { enterprisePrompts } from "../eval/enterprise-prompts.js";
import { Random } from "../eval/random.js";

export interface TrainOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  lengthBins: number;
  /** Largest sample weight after length reweighting, so one rare example cannot dominate. */
  maxWeight: number;
  /** Templates closer than this to one already kept are the same template. */
  templateDedup: number;
  /** Templates this close to a benign training prompt are dropped: they would flag it. */
  templateBenignLimit: number;
  /**
   * Benign enterprise prompts the threshold must leave alone: jailbreak-classification's benign
   * side is not work traffic, and short work prompts score near the intercept. A seed of its own,
   * so the eval's enterprise set is not the one the threshold was chosen on.
   */
  calibration: { count: number; seed: number; maxFpr: number };
}

export const TRAIN_OPTIONS: TrainOptions = { epochs: 12, learningRate: 0.5, l2: 1e-5, seed: 20240601, lengthBins: 10, maxWeight: 5, templateDedup: 0.8, templateBenignLimit: 0.4, calibration: { count: 500, seed: 0xca11b, maxFpr: 0 } };

function shuffled(n: number, random: Random): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i -= 1) {
    const j = Math.floor(random.next() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/** Importance weights that give both classes the length distribution of the whole set (quantile bins of log length). */
export function lengthWeights(examples: readonly Labelled[], bins: number, maxWeight: number): number[] {
  const lengths = examples.map((e) => Math.log(1 + e.text.length));
  const sorted = [...lengths].sort((a, b) => a - b);
  const edges = Array.from({ length: bins - 1 }, (_, i) => sorted[Math.floor(((i + 1) * sorted.length) / bins)]!);
  const binOf = (x: number) => edges.filter((e) => x >= e).length;
  const counts = Array.from({ length: bins }, () => [0, 0]);
  examples.forEach((e, i) => counts[binOf(lengths[i]!)]![e.positive ? 1 : 0]! += 1);
  return examples.map((e, i) => {
    const [neg, pos] = counts[binOf(lengths[i]!)]!;
    const own = e.positive ? pos! : neg!;
    return Math.min(maxWeight, (neg! + pos!) / 2 / own);
  });
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

function dot(weights: Float64Array, bias: number, v: SparseVector): number {
  let z = bias;
  for (let i = 0; i < v.indices.length; i += 1) z += weights[v.indices[i]!]! * v.values[i]!;
  return z;
}

/** Jailbreak templates as MinHash signatures: near-duplicates collapsed, none close to a benign prompt. */
function templateSignatures(examples: readonly Labelled[], folded: readonly string[], options: TrainOptions): number[][] {
  const benign = folded.filter((_, i) => !examples[i]!.positive).map(minhashSignature).filter((s): s is Uint32Array => s !== undefined);
  const kept: Uint32Array[] = [];
  folded.forEach((text, i) => {
    if (!examples[i]!.positive) return;
    const signature = minhashSignature(text);
    if (!signature) return;
    if (kept.some((k) => similarity(signature, k) >= options.templateDedup)) return;
    if (benign.some((b) => similarity(signature, b) >= options.templateBenignLimit)) return;
    kept.push(signature);
  });
  return kept.map((s) => Array.from(s));
}

/**
 * F1-maximising probability threshold on a validation slice, searched on a 0.05 grid, among the
 * thresholds that flag at most `maxEnterpriseFpr` of the generated enterprise calibration prompts.
 */
function bestThreshold(probabilities: readonly number[], labels: readonly boolean[], enterprise: readonly number[], maxEnterpriseFpr: number): number {
  let best = { threshold: 0.5, f1: -1 };
  for (let t = 0.3; t <= 0.9001; t += 0.05) {
    if (enterprise.filter((p) => p >= t).length > maxEnterpriseFpr * enterprise.length) continue;
    let tp = 0, fp = 0, fn = 0;
    probabilities.forEach((p, i) => {
      if (p >= t && labels[i]) tp += 1;
      else if (p >= t) fp += 1;
      else if (labels[i]) fn += 1;
    });
    const f1 = (2 * tp) / (2 * tp + fp + fn || 1);
    if (f1 > best.f1 + 1e-9) best = { threshold: Math.round(t * 100) / 100, f1 };
  }
  return best.threshold;
}

function fit(vectors: readonly SparseVector[], labels: readonly boolean[], sampleWeights: readonly number[], options: TrainOptions): { weights: Float64Array; bias: number } {
  const weights = new Float64Array(FEATURE_SPEC.dim);
  let bias = 0;
  const random = new Random(options.seed);
  let step = 0;
  for (let epoch = 0; epoch < options.epochs; epoch += 1) {
    for (const i of shuffled(vectors.length, random)) {
      const v = vectors[i]!;
      const rate = options.learningRate / (1 + 0.01 * step);
      step += 1;
      const error = (sigmoid(dot(weights, bias, v)) - (labels[i] ? 1 : 0)) * sampleWeights[i]!;
      for (let k = 0; k < v.indices.length; k += 1) {
        const index = v.indices[k]!;
        weights[index] = weights[index]! - rate * (error * v.values[k]! + options.l2 * weights[index]!);
      }
      bias -= rate * error;
    }
  }
  return { weights, bias };
}

const round = (x: number) => Math.round(x * 1e4) / 1e4 || 0;

export function train(examples: readonly Labelled[], options: TrainOptions = TRAIN_OPTIONS): WeightsFile {
  const hasher = new FeatureHasher(FEATURE_SPEC);
  const folded = examples.map((e) => normalise(e.text).text);
  const vectors = folded.map((t) => hasher.vector(t));
  const labels = examples.map((e) => e.positive);
  const sampleWeights = lengthWeights(examples, options.lengthBins, options.maxWeight);

  // Threshold: fit on nine tenths, pick the F1-best cut on the last tenth among the cuts the
  // model refitted on all data keeps clear of the calibration prompts (never fitted on).
  const validation = examples.map((_, i) => i % 10 === 9);
  const part = (keep: boolean) => (_: unknown, i: number) => validation[i] === keep;
  const probe = fit(vectors.filter(part(false)), labels.filter(part(false)), sampleWeights.filter(part(false)), options);
  const { weights, bias } = fit(vectors, labels, sampleWeights, options);
  const threshold = bestThreshold(
    vectors.filter(part(true)).map((v) => sigmoid(dot(probe.weights, probe.bias, v))),
    labels.filter(part(true)),
    enterprisePrompts(options.calibration.count, options.calibration.seed).map((t) => sigmoid(dot(weights, bias, hasher.vector(normalise(t).text)))),
    options.calibration.maxFpr,
  );

  return {
    format: "aisiem.injection.v2",
    features: { dim: FEATURE_SPEC.dim, maxChars: FEATURE_SPEC.maxChars },
    bias: round(bias),
    weights: Array.from(weights, round),
    threshold,
    templates: templateSignatures(examples, folded, options),
    training: {
      data: "jailbreak-classification/jailbreak_dataset_train.csv, rows not held out (isHeldOut)",
      examples: examples.length,
      positives: labels.filter(Boolean).length,
      options,
    },
  };
}

export function trainingExamples(): Labelled[] {
  return jailbreakClassification().filter((e) => !isHeldOut(e.text));
}

export function serialise(file: WeightsFile): string {
  return JSON.stringify(file) + "\n";
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outIndex = process.argv.indexOf("--out");
  const out = outIndex > 0 ? process.argv[outIndex + 1]! : fileURLToPath(WEIGHTS_URL);
  const started = Date.now();
  const file = train(trainingExamples());
  writeFileSync(out, serialise(file));
  process.stdout.write(`wrote ${out}: ${file.training.examples} examples, ${file.templates.length} templates, threshold ${file.threshold}, ${Date.now() - started} ms\n`);
}
