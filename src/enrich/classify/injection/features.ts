import { isSpace } from "../chars.js";

/**
 * Hashed word 1–2-grams and character 3–5-grams with sublinear counts and L2 normalisation
 * (the TF part of behaviour.md §4.4's TF-IDF; the logistic regression learns the weighting).
 * The same code computes features for training and for scoring, so the shipped weights and the
 * runtime can never disagree on a feature index.
 */
export interface FeatureSpec {
  /** Number of hash buckets, a power of two. */
  dim: number;
  /** Texts longer than this are read as their head and tail (jailbreak templates front-load, injections often trail). */
  maxChars: number;
}

export const FEATURE_SPEC: FeatureSpec = { dim: 1 << 16, maxChars: 12_000 };

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** Distinct seeds keep word, bigram and character features apart in the hash space. */
const SEED_WORD = 0x9e3779b1;
const SEED_CHAR = 0x85ebca6b;

export interface SparseVector {
  indices: Uint32Array;
  values: Float32Array;
}

function clip(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const head = Math.floor(maxChars * 0.75);
  return text.slice(0, head) + " " + text.slice(text.length - (maxChars - head));
}

/** log(1 + n) for the small counts nearly every bucket has: a table lookup instead of a call per bucket. */
const LOG1P = Float64Array.from({ length: 256 }, (_, n) => Math.log1p(n));
const log1pCount = (n: number): number => (n < 256 ? LOG1P[n]! : Math.log1p(n));

function isWordChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 39 || code > 127;
}

/**
 * Feature vector of an already normalised (folded, lower-case) text. A scratch buffer of `dim`
 * counts and a list of touched buckets avoid a Map per text: this runs on every prompt. One pass
 * over the characters collapses white space and feeds both the word and the character n-grams;
 * the character n-grams ending at each position extend the ones ending just before it, so each
 * character costs five multiplications whatever the text.
 */
export class FeatureHasher {
  /** Integer counts: half the cache of floats, and no bucket can overflow (see the constructor). */
  private readonly counts: Uint16Array;
  private readonly touched: Uint32Array;
  private size = 0;
  private readonly mask: number;

  constructor(readonly spec: FeatureSpec = FEATURE_SPEC) {
    // A character adds three character n-grams and a word at most two word n-grams, and a word
    // takes at least two characters with its separator: at most four n-grams per character of
    // the clipped text (maxChars + 1 with the joining space) and one more for the last word, all
    // in one bucket at worst.
    if (4 * (spec.maxChars + 1) + 1 > 0xffff) throw new Error(`feature spec: maxChars ${spec.maxChars} could overflow a 16-bit count`);
    this.counts = new Uint16Array(spec.dim);
    this.touched = new Uint32Array(spec.dim);
    this.mask = spec.dim - 1;
  }

  /** Counts every n-gram of the text into the scratch buffer. */
  private count(normalisedText: string): void {
    // Clipping needs the collapsed length; only texts longer than the limit pay for a collapsed copy.
    const text = normalisedText.length > this.spec.maxChars ? clip(normalisedText.replace(/\s+/g, " "), this.spec.maxChars) : normalisedText;
    const { counts, touched, mask } = this;
    let size = 0;
    // Character chains: `c1` covers the last character, `c2` the last two, … `c4` the last four.
    let c1 = 0, c2 = 0, c3 = 0, c4 = 0;
    let seen = 0;
    let previousWasSpace = false;
    let word = FNV_OFFSET ^ SEED_WORD;
    let inWord = false;
    let previousWord = 0;
    let index: number;
    for (let i = 0; i <= text.length; i += 1) {
      let code = i < text.length ? text.charCodeAt(i) : 32;
      // Printable ASCII other than the space is the common case and never white space.
      if ((code <= 32 || code >= 127) && isSpace(code)) {
        code = 32;
        if (previousWasSpace && i < text.length) continue;
        previousWasSpace = true;
      } else previousWasSpace = false;
      if (isWordChar(code)) {
        word = Math.imul(word ^ code, FNV_PRIME);
        inWord = true;
      } else if (inWord) {
        if (counts[(index = word & mask)]!++ === 0) touched[size++] = index;
        if (previousWord !== 0 && counts[(index = (Math.imul(previousWord ^ (word >>> 7), FNV_PRIME) ^ SEED_WORD) & mask)]!++ === 0) touched[size++] = index;
        previousWord = word | 1;
        word = FNV_OFFSET ^ SEED_WORD;
        inWord = false;
      }
      if (i === text.length) break;
      seen += 1;
      const c5 = Math.imul(c4 ^ code, FNV_PRIME);
      c4 = Math.imul(c3 ^ code, FNV_PRIME);
      c3 = Math.imul(c2 ^ code, FNV_PRIME);
      c2 = Math.imul(c1 ^ code, FNV_PRIME);
      c1 = Math.imul((FNV_OFFSET ^ SEED_CHAR) ^ code, FNV_PRIME);
      // The counting is written out at each n-gram: a helper closure costs a quarter of the time.
      if (seen >= 3 && counts[(index = (c3 ^ 2) & mask)]!++ === 0) touched[size++] = index;
      if (seen >= 4 && counts[(index = (c4 ^ 3) & mask)]!++ === 0) touched[size++] = index;
      if (seen >= 5 && counts[(index = (c5 ^ 4) & mask)]!++ === 0) touched[size++] = index;
    }
    this.size = size;
  }

  /** The sparse vector, sorted by index: what training fits. */
  vector(normalisedText: string): SparseVector {
    this.count(normalisedText);
    const indices = this.touched.slice(0, this.size).sort();
    const values = new Float32Array(indices.length);
    let norm = 0;
    for (let i = 0; i < indices.length; i += 1) {
      const v = Math.log1p(this.counts[indices[i]!]!);
      values[i] = v;
      norm += v * v;
      this.counts[indices[i]!] = 0;
    }
    this.size = 0;
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < values.length; i += 1) values[i]! /= norm;
    return { indices, values };
  }

  /** `bias + weights · vector(text)` without building the vector: what scoring needs. */
  dot(normalisedText: string, weights: Float32Array, bias: number): number {
    this.count(normalisedText);
    let z = 0;
    let norm = 0;
    for (let i = 0; i < this.size; i += 1) {
      const index = this.touched[i]!;
      const v = log1pCount(this.counts[index]!);
      z += weights[index]! * v;
      norm += v * v;
      this.counts[index] = 0;
    }
    this.size = 0;
    return bias + z / (Math.sqrt(norm) || 1);
  }
}
