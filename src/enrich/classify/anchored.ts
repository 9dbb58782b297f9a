/**
 * Phrase rules that only run where they can match. Every regex scan of a 4 KB text costs about
 * as much as the next one, whatever the pattern, so a classifier with dozens of rules spends its
 * time scanning text that holds none of their words. An anchored rule is built around a list of
 * literal anchors, one of which every match must contain; one pass finds which anchors occur,
 * and only the rules with an anchor present run their regex.
 */

/** One alternative of a rule: `before`, then one of `anchors` (plain literals), then `after` (regex sources). */
export interface AnchoredPart {
  before?: string;
  anchors: readonly string[];
  after?: string;
}

export interface AnchoredPattern {
  /** Literals of which every match contains at least one. */
  readonly anchors: readonly string[];
  readonly pattern: RegExp;
}

export function escapeRegExp(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}

/**
 * The regex `(?:before)(?:anchor|…)(?:after)|…` over `parts`. Each part is a group on its own and
 * its anchors are a required alternation, so no match can avoid an anchor: that is what makes
 * skipping the regex safe when none occurs.
 */
export function anchored(parts: AnchoredPart | readonly AnchoredPart[], flags = ""): AnchoredPattern {
  const list = Array.isArray(parts) ? (parts as readonly AnchoredPart[]) : [parts as AnchoredPart];
  const source = list
    .map((p) => `(?:${p.before ?? ""})(?:${[...p.anchors].sort((a, b) => b.length - a.length).map(escapeRegExp).join("|")})(?:${p.after ?? ""})`)
    .join("|");
  return { anchors: [...new Set(list.flatMap((p) => p.anchors))], pattern: new RegExp(source, flags) };
}

/**
 * Finds which of a fixed set of ASCII literals occur in a text, in one pass: an Aho–Corasick
 * automaton compiled to a transition table, so each character costs one table lookup however
 * many literals there are (a lookahead regex over the same literals tries them at every
 * position). Every occurrence counts, overlapping or nested ("dan", "dangerous", "anger").
 */
export class AnchorScanner {
  /** The distinct literals (lower-cased when the scanner is case-insensitive); literal ids index it. */
  private readonly literals: readonly string[];
  /** Column of each ASCII code in the table; 0 for characters no literal holds (they lead back to the root). */
  private readonly column = new Uint8Array(128);
  private readonly width: number;
  /** `next[state · width + column]`: the state after reading a character. */
  private readonly next: Uint16Array;
  /** Per state, the ids of the literals that end there, directly or as a suffix of a longer one. */
  private readonly output: readonly (readonly number[])[];
  /** 1 for the states where a literal ends: the only ones the scan stops at. */
  private readonly ends: Uint8Array;
  /** Per state, the scan that last reported its literals, so each state reports once per text. */
  private readonly reported: Uint32Array;
  private scans = 0;

  constructor(anchors: Iterable<string>, caseInsensitive = false) {
    this.literals = [...new Set([...anchors].map((a) => (caseInsensitive ? a.toLowerCase() : a)))];
    const bad = this.literals.find((l) => l.length === 0 || /[^\x00-\x7f]/.test(l));
    if (bad !== undefined) throw new Error(`anchor literals must be non-empty ASCII: ${JSON.stringify(bad)}`);
    let columns = 1;
    for (const code of new Set(this.literals.join(""))) this.column[code.charCodeAt(0)] ||= columns++;
    if (caseInsensitive) for (let c = 65; c <= 90; c += 1) this.column[c] = this.column[c + 32]!;
    this.width = columns;

    // The trie: children by column, then failure links breadth first, folded into the table.
    const children: Map<number, number>[] = [new Map()];
    const ends: number[][] = [[]];
    this.literals.forEach((literal, id) => {
      let state = 0;
      for (const ch of literal) {
        const col = this.column[ch.charCodeAt(0)]!;
        let child = children[state]!.get(col);
        if (child === undefined) {
          child = children.length;
          children.push(new Map());
          ends.push([]);
          children[state]!.set(col, child);
        }
        state = child;
      }
      ends[state]!.push(id);
    });
    if (children.length > 0xffff) throw new Error(`${children.length} automaton states do not fit the 16-bit table`);
    const next = new Uint16Array(children.length * columns);
    const fail = new Int32Array(children.length);
    const queue: number[] = [];
    for (const [col, child] of children[0]!) {
      next[col] = child;
      queue.push(child);
    }
    for (let head = 0; head < queue.length; head += 1) {
      const state = queue[head]!;
      ends[state]!.push(...ends[fail[state]!]!);
      for (let col = 1; col < columns; col += 1) {
        const child = children[state]!.get(col);
        const fallback = next[fail[state]! * columns + col]!;
        if (child === undefined) next[state * columns + col] = fallback;
        else {
          next[state * columns + col] = child;
          fail[child] = fallback;
          queue.push(child);
        }
      }
    }
    this.next = next;
    this.output = ends;
    this.ends = Uint8Array.from(ends, (ids) => (ids.length > 0 ? 1 : 0));
    this.reported = new Uint32Array(children.length);
  }

  /** The literals present in `text` (lower-cased when the scanner is case-insensitive). */
  scan(text: string): Set<string> {
    const found = new Set<string>();
    const { next, column, width, output, ends, reported } = this;
    const scan = (this.scans = (this.scans + 1) >>> 0 || 1);
    if (scan === 1) reported.fill(0);
    let state = 0;
    for (let i = 0; i < text.length; i += 1) {
      const code = text.charCodeAt(i);
      state = code < 128 ? next[state * width + column[code]!]! : 0;
      if (ends[state] === 0 || reported[state] === scan) continue;
      reported[state] = scan;
      for (const id of output[state]!) found.add(this.literals[id]!);
    }
    return found;
  }

  /** Whether any of `anchors` was found. */
  static any(found: ReadonlySet<string>, anchors: readonly string[], caseInsensitive = false): boolean {
    return anchors.some((a) => found.has(caseInsensitive ? a.toLowerCase() : a));
  }
}
