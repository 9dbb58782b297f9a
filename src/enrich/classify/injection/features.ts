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

function isWordChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 39 || code > 127;
}

/**
 * Feature vector of an already normalised (folded, lower-case) text. A scratch buffer of `dim`
 * counts and a list of touched buckets avoid a Map per text: this runs on every prompt.
 */
export class FeatureHasher {
  private readonly counts: Float32Array;
  private readonly touched: number[] = [];
  private readonly mask: number;

  constructor(readonly spec: FeatureSpec = FEATURE_SPEC) {
    this.counts = new Float32Array(spec.dim);
    this.mask = spec.dim - 1;
  }

  private add(hash: number): void {
    const index = (hash >>> 0) & this.mask;
    if (this.counts[index] === 0) this.touched.push(index);
    this.counts[index]! += 1;
  }

  vector(normalisedText: string): SparseVector {
    const text = clip(normalisedText.replace(/\s+/g, " "), this.spec.maxChars);
    this.words(text);
    this.chars(text);
    const indices = Uint32Array.from(this.touched).sort();
    const values = new Float32Array(indices.length);
    let norm = 0;
    for (let i = 0; i < indices.length; i += 1) {
      const v = Math.log1p(this.counts[indices[i]!]!);
      values[i] = v;
      norm += v * v;
      this.counts[indices[i]!] = 0;
    }
    this.touched.length = 0;
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < values.length; i += 1) values[i]! /= norm;
    return { indices, values };
  }

  private words(text: string): void {
    let previous = 0;
    let hash = FNV_OFFSET ^ SEED_WORD;
    let inWord = false;
    for (let i = 0; i <= text.length; i += 1) {
      const code = i < text.length ? text.charCodeAt(i) : 32;
      if (isWordChar(code)) {
        hash = Math.imul(hash ^ code, FNV_PRIME);
        inWord = true;
      } else if (inWord) {
        this.add(hash);
        if (previous !== 0) this.add(Math.imul(previous ^ (hash >>> 7), FNV_PRIME) ^ SEED_WORD);
        previous = hash | 1;
        hash = FNV_OFFSET ^ SEED_WORD;
        inWord = false;
      }
    }
  }

  private chars(text: string): void {
    for (let i = 0; i + 3 <= text.length; i += 1) {
      let hash = FNV_OFFSET ^ SEED_CHAR;
      for (let n = 0; n < 5 && i + n < text.length; n += 1) {
        hash = Math.imul(hash ^ text.charCodeAt(i + n), FNV_PRIME);
        if (n >= 2) this.add(hash ^ n);
      }
    }
  }
}
