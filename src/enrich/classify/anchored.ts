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
 * Finds which of a fixed set of literals occur in a text, in one pass. A zero-width lookahead
 * tries the longest literal first at every position, and a literal that is a prefix of the one
 * found there counts as found too, so overlapping literals ("dan", "dangerous") are all seen.
 */
export class AnchorScanner {
  private readonly pattern: RegExp;
  /** For each literal, itself and every other literal that is a prefix of it. */
  private readonly prefixes: ReadonlyMap<string, readonly string[]>;

  constructor(anchors: Iterable<string>, private readonly caseInsensitive = false) {
    const unique = [...new Set([...anchors].map((a) => (caseInsensitive ? a.toLowerCase() : a)))].sort((a, b) => b.length - a.length);
    this.pattern = new RegExp(`(?=(${unique.map(escapeRegExp).join("|")}))`, caseInsensitive ? "gi" : "g");
    this.prefixes = new Map(unique.map((a) => [a, unique.filter((b) => a.startsWith(b))]));
  }

  /** The literals present in `text` (lower-cased when the scanner is case-insensitive). */
  scan(text: string): Set<string> {
    const found = new Set<string>();
    for (const match of text.matchAll(this.pattern)) {
      const literal = this.caseInsensitive ? match[1]!.toLowerCase() : match[1]!;
      if (found.has(literal)) continue;
      for (const prefix of this.prefixes.get(literal) ?? []) found.add(prefix);
    }
    return found;
  }

  /** Whether any of `anchors` was found. */
  static any(found: ReadonlySet<string>, anchors: readonly string[], caseInsensitive = false): boolean {
    return anchors.some((a) => found.has(caseInsensitive ? a.toLowerCase() : a));
  }
}
