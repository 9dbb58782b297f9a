/**
 * MinHash over word 3-shingles for "is this a known jailbreak template?" (behaviour.md §4.4:
 * Jaccard ≥ 0.5 → known template). With a few hundred templates a linear scan over the
 * signatures is cheaper than an LSH index and gives the estimate for every template, so there is
 * no banding: one multiply-add per shingle and permutation, then one pass over the index.
 */
export const PERMUTATIONS = 64;
const SHINGLE = 3;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Odd multipliers and offsets from a fixed xorshift stream: the same on every machine. */
function permutationParameters(): { a: Uint32Array; b: Uint32Array } {
  const a = new Uint32Array(PERMUTATIONS);
  const b = new Uint32Array(PERMUTATIONS);
  let state = 0x2545f491;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return state >>> 0;
  };
  for (let k = 0; k < PERMUTATIONS; k += 1) {
    a[k] = next() | 1;
    b[k] = next();
  }
  return { a, b };
}

const { a: A, b: B } = permutationParameters();

const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;

/** Hashes of the words of `[\p{L}\p{N}']+`, read with a loop over the characters (a Unicode regex per text costs more than the hashing). */
function wordHashes(folded: string): number[] {
  const out: number[] = [];
  let hash = FNV_OFFSET;
  let inWord = false;
  for (let i = 0; i <= folded.length; i += 1) {
    const code = i < folded.length ? folded.charCodeAt(i) : 32;
    let units = 1;
    let isWord = (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || code === 39;
    if (!isWord && code > 127) {
      const point = folded.codePointAt(i)!;
      units = point > 0xffff ? 2 : 1;
      isWord = LETTER_OR_NUMBER.test(String.fromCodePoint(point));
    }
    if (isWord) {
      for (let k = 0; k < units; k += 1) hash = Math.imul(hash ^ folded.charCodeAt(i + k), FNV_PRIME);
      inWord = true;
    } else if (inWord) {
      out.push(hash >>> 0);
      hash = FNV_OFFSET;
      inWord = false;
    }
    i += units - 1;
  }
  return out;
}

/** Signature of a folded text, or undefined when it has fewer words than a shingle. */
export function minhashSignature(folded: string): Uint32Array | undefined {
  const words = wordHashes(folded);
  if (words.length < SHINGLE) return undefined;
  const shingles = new Int32Array(words.length - SHINGLE + 1);
  for (let i = 0; i < shingles.length; i += 1) {
    shingles[i] = Math.imul(Math.imul(words[i]! ^ 0x5bd1e995, FNV_PRIME) ^ words[i + 1]!, FNV_PRIME) ^ words[i + 2]!;
  }
  // One permutation at a time keeps its parameters and running minimum in registers.
  const signature = new Uint32Array(PERMUTATIONS);
  for (let k = 0; k < PERMUTATIONS; k += 1) {
    const a = A[k]!;
    const b = B[k]!;
    let min = 0xffffffff;
    for (let i = 0; i < shingles.length; i += 1) {
      const h = (Math.imul(a, shingles[i]!) + b) >>> 0;
      if (h < min) min = h;
    }
    signature[k] = min;
  }
  return signature;
}

/** Estimated Jaccard similarity of two signatures: the share of equal minima. */
export function similarity(x: Uint32Array, y: Uint32Array, offset = 0): number {
  let equal = 0;
  for (let k = 0; k < PERMUTATIONS; k += 1) if (x[k] === y[offset + k]) equal += 1;
  return equal / PERMUTATIONS;
}

/** Signatures of known templates, flattened: template t occupies [t·P, (t+1)·P). */
export class TemplateIndex {
  constructor(private readonly signatures: Uint32Array) {}

  static fromJson(rows: readonly (readonly number[])[]): TemplateIndex {
    const flat = new Uint32Array(rows.length * PERMUTATIONS);
    rows.forEach((row, t) => flat.set(row, t * PERMUTATIONS));
    return new TemplateIndex(flat);
  }

  get size(): number {
    return this.signatures.length / PERMUTATIONS;
  }

  /** Best estimated Jaccard similarity of `signature` to any template. */
  best(signature: Uint32Array): number {
    let best = 0;
    for (let offset = 0; offset < this.signatures.length; offset += PERMUTATIONS) {
      const s = similarity(signature, this.signatures, offset);
      if (s > best) best = s;
    }
    return best;
  }
}
