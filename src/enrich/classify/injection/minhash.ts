/**
 * MinHash over word 3-shingles for "is this a known jailbreak template?" (behaviour.md §4.4:
 * Jaccard ≥ 0.5 → known template). One-permutation hashing: each shingle is hashed once, its top
 * bits pick one of 64 bins and the rest is its rank there; a bin's minimum plays the part of one
 * permutation's minimum, at a 64th of the cost of 64 permutations (Li, Owen & Zhang, NIPS 2012).
 * Bins a short text leaves empty borrow the minimum of another bin, chosen in a fixed random
 * order per bin ("optimal densification", Shrivastava, ICML 2017), so two texts agree on a
 * borrowed entry only when they agree on the bin it came from. Then one lookup per bin in an
 * index of the templates' minima gives the exact estimate, with no banding (which would miss
 * some templates above the threshold).
 */
export const BINS = 64;
const BIN_BITS = 6;
const RANK_MASK = (1 << (32 - BIN_BITS)) - 1;
/** Above every rank: marks a bin no shingle fell into. */
const EMPTY = 0xffffffff;
const SHINGLE = 3;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** MurmurHash3's finaliser: spreads the shingle hash over all 32 bits, so the top bits make fair bins. */
function mix(hash: number): number {
  let h = hash ^ (hash >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** For each bin, every bin in a fixed random order (from a xorshift stream: the same on every machine): where an empty bin borrows from. */
function borrowingOrder(): Uint8Array {
  const order = new Uint8Array(BINS * BINS);
  let state = 0x2545f491;
  for (let k = 0; k < BINS; k += 1) {
    const row = order.subarray(k * BINS, (k + 1) * BINS);
    row.forEach((_, i) => (row[i] = i));
    for (let i = BINS - 1; i > 0; i -= 1) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      const j = (state >>> 0) % (i + 1);
      [row[i], row[j]] = [row[j]!, row[i]!];
    }
  }
  return order;
}

const BORROW = borrowingOrder();

const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;

/** Hashes of the words of `[\p{L}\p{N}']+`, read with a loop over the characters (a Unicode regex per text costs more than the hashing). */
function wordHashes(folded: string): number[] {
  const out: number[] = [];
  let hash = FNV_OFFSET;
  let inWord = false;
  for (let i = 0; i <= folded.length; i += 1) {
    const code = i < folded.length ? folded.charCodeAt(i) : 32;
    // ASCII letters, digits and the apostrophe first: nearly every character of a prompt is one or white space.
    if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || code === 39) {
      hash = Math.imul(hash ^ code, FNV_PRIME);
      inWord = true;
      continue;
    }
    if (code > 127) {
      const point = folded.codePointAt(i)!;
      const isWord = LETTER_OR_NUMBER.test(String.fromCodePoint(point));
      if (isWord) hash = Math.imul(hash ^ code, FNV_PRIME);
      if (point > 0xffff) {
        i += 1;
        if (isWord) hash = Math.imul(hash ^ folded.charCodeAt(i), FNV_PRIME);
      }
      if (isWord) {
        inWord = true;
        continue;
      }
    }
    if (inWord) {
      out.push(hash >>> 0);
      hash = FNV_OFFSET;
      inWord = false;
    }
  }
  return out;
}

/** Signature of a folded text, or undefined when it has fewer words than a shingle. */
export function minhashSignature(folded: string): Uint32Array | undefined {
  const words = wordHashes(folded);
  if (words.length < SHINGLE) return undefined;
  const minima = new Uint32Array(BINS).fill(EMPTY);
  for (let i = 0; i + SHINGLE <= words.length; i += 1) {
    const h = mix(Math.imul(Math.imul(words[i]! ^ 0x5bd1e995, FNV_PRIME) ^ words[i + 1]!, FNV_PRIME) ^ words[i + 2]!);
    const bin = h >>> (32 - BIN_BITS);
    const rank = h & RANK_MASK;
    if (rank < minima[bin]!) minima[bin] = rank;
  }
  const signature = minima.slice();
  for (let k = 0; k < BINS; k += 1) {
    if (minima[k] !== EMPTY) continue;
    // At least one bin is filled (there is a shingle), so the search always ends.
    let n = 0;
    while (minima[BORROW[k * BINS + n]!] === EMPTY) n += 1;
    signature[k] = minima[BORROW[k * BINS + n]!]!;
  }
  return signature;
}

/** Estimated Jaccard similarity of two signatures: the share of equal minima. */
export function similarity(x: Uint32Array, y: Uint32Array): number {
  let equal = 0;
  for (let k = 0; k < BINS; k += 1) if (x[k] === y[k]) equal += 1;
  return equal / BINS;
}

/**
 * Signatures of known templates, indexed by (bin, minimum): a text's signature finds the
 * templates that share each of its minima in one lookup per bin, so the comparison costs
 * what the matches cost instead of a pass over every template. The counts are exactly the ones a
 * pairwise comparison gives.
 */
export class TemplateIndex {
  /** Per bin, the templates holding each minimum there. */
  private readonly byMinimum: readonly Map<number, number[]>[];
  private readonly equal: Uint8Array;

  constructor(signatures: readonly (readonly number[])[]) {
    this.byMinimum = Array.from({ length: BINS }, (_, k) => {
      const templates = new Map<number, number[]>();
      signatures.forEach((row, t) => {
        const list = templates.get(row[k]!);
        if (list) list.push(t);
        else templates.set(row[k]!, [t]);
      });
      return templates;
    });
    this.equal = new Uint8Array(signatures.length);
  }

  get size(): number {
    return this.equal.length;
  }

  /** Best estimated Jaccard similarity of `signature` to any template. */
  best(signature: Uint32Array): number {
    const { equal } = this;
    equal.fill(0);
    let most = 0;
    for (let k = 0; k < BINS; k += 1) {
      const templates = this.byMinimum[k]!.get(signature[k]!);
      if (templates === undefined) continue;
      for (const t of templates) if (++equal[t]! > most) most = equal[t]!;
    }
    return most / BINS;
  }
}
