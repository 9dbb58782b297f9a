/**
 * GCG-style adversarial suffixes: a natural-language request followed by optimised token soup.
 * Two routes: a tail where a quarter of the tokens are odd, or a tail with some odd tokens that a
 * trigram model of ordinary prompts finds far more surprising than the line's own opening.
 */
import type { ProseModel } from "./prose-model.js";
import type { InjectionSignal } from "./rules.js";

/** Characters that structure code and markup, not prose. */
const STRUCTURAL = /[[\]{}()<>$\\^~|*#@=+`_]/;

/**
 * A token that natural prose does not contain, once its opening brackets and quotes and its
 * closing punctuation are set aside: a structural symbol inside it, a case change inside a word
 * ("vertOUR", "NASAonaut"), a run of punctuation, or punctuation between letters ("it.\"Here")
 * other than an apostrophe or a file extension. These are what optimised token soup is made of.
 */
function oddToken(token: string): boolean {
  const inner = token.replace(/^[("'\u201c]+|[)"'\u201d,.;:!?]+$/g, "");
  if (!inner) return token.length >= 2;
  if (SCHEMA_ITEM.test(inner)) return false;
  if (STRUCTURAL.test(inner) || /[a-z][A-Z]|[A-Z]{2}[a-z]/.test(inner) || /[!?.,;:"']{2,}/.test(inner)) return true;
  return /[a-z][.,!?;:"'][a-zA-Z]/.test(inner) && !/^[a-z]+'[a-z]+$/i.test(inner) && !/\.[a-z]{2,4}$/.test(inner);
}

/** A lower-case identifier, or a table or function name opening its column list: "customer_id", "orders(id". */
const SCHEMA_ITEM = /^(?:[a-z][a-z0-9_]*\()?[a-z][a-z0-9_]*$/;

/**
 * Lines of data rather than prose: a row with at least two of one delimiter (CSV, TSV, Markdown
 * tables), a `key=value` or `key: value` setting, a line of code (indented, ending in a bracket
 * or statement end, or opening with an SQL, shell or programming keyword), a log line that
 * starts with a date, a redaction marker, or a PEM armour or base64 line of a pasted key.
 */
const DATA_LINE = [
  /^[^,]*(?:,[^,]*){2,}$|^[^;]*(?:;[^;]*){2,}$|^[^\t]*(?:\t[^\t]*){2,}$|^\s*\|.*\|\s*$/,
  /^\s*[\w.-]+\s*(?:=|:\s)\s*\S/,
  /^\s+\S|[{}()[\];,:]\s*$|^\s*[}\])]/,
  /^\s*\d{4}-\d{2}-\d{2}/,
  /^\s*(?:select|from|where|join|group by|order by|insert|update|for|while|if|else|done|fi|end|return|import|def|class|const|let|var|func)\b/i,
  /^\s*\[[A-Z_]+(?::[\w-]+)?\]\s*$/,
  /^-----(?:BEGIN|END) [A-Z ]+-----$|^[A-Za-z0-9+/=]{40,}$/,
];

/**
 * The tail crosses lines and most of those lines are data. An optimised suffix continues the
 * request on its own line (none of JailbreakBench's GCG prompts holds a line break); pasted
 * rows, code and settings arrive on lines of their own and are odd for a different reason.
 */
function structuredTail(text: string): boolean {
  const lines = lastTokens(text, SUFFIX_TOKENS).split("\n").filter((l) => l.trim());
  if (lines.length < 2) return false;
  return lines.filter((line) => DATA_LINE.some((shape) => shape.test(line))).length * 2 >= lines.length;
}

/** The end of `text` from the start of its `count`-th last whitespace-separated token. */
function lastTokens(text: string, count: number): string {
  let seen = 0;
  for (let i = text.length - 1; i > 0; i -= 1) {
    if (/\s/.test(text[i - 1]!) && !/\s/.test(text[i]!) && (seen += 1) === count) return text.slice(i);
  }
  return text;
}

/** Share of odd tokens among `tokens`. */
function oddShare(tokens: readonly string[]): number {
  if (tokens.length === 0) return 0;
  return tokens.filter(oddToken).length / tokens.length;
}

/** A GCG suffix is 20 model tokens, about a dozen whitespace-separated pieces. */
const SUFFIX_TOKENS = 12;
/** Three odd tokens in the last twelve; chosen on benign prompts (under 1 % fire) and one target's GCG artifacts. */
const SUFFIX_MIN_SHARE = 0.25;
const HEAD_MAX_SHARE = 0.1;

/** Characters that hold a dozen tokens with room to spare; longer texts are split only at both ends. */
const END_CHARS = 600;

/** The first and the last `SUFFIX_TOKENS` tokens (the head never overlapping the tail). */
function headAndTail(text: string): { head: string[]; tail: string[] } {
  const split = (part: string) => part.split(/\s+/).filter(Boolean);
  if (text.length > 4 * END_CHARS) {
    // Drop the token cut in two at each inner edge.
    const head = split(text.slice(0, END_CHARS)).slice(0, -1);
    const tail = split(text.slice(-END_CHARS)).slice(1);
    if (head.length >= SUFFIX_TOKENS && tail.length >= SUFFIX_TOKENS) return { head: head.slice(0, SUFFIX_TOKENS), tail: tail.slice(-SUFFIX_TOKENS) };
  }
  const tokens = split(text);
  const tail = tokens.slice(-SUFFIX_TOKENS);
  return { head: tokens.slice(0, Math.min(SUFFIX_TOKENS, tokens.length - tail.length)), tail };
}

/** Characters of the line's opening and of its end that the prose model compares. */
const SURPRISE_WINDOW = 60;
/**
 * Nats per character by which the end must out-surprise the opening, and the odd tokens it must
 * still hold (two in twelve). Chosen on one target's GCG artifacts (vicuna, the dev split: 60 %
 * of its prompts caught before this route, 76 % with it), the generated enterprise prompts of
 * the training calibration seed (none fire), the quickstart's 509 distinct prompts (none fire;
 * with one odd token, pasted troubleshooting notes did) and the benign training prompts (one of
 * 822 fires: a data-to-text task listing camelCase property names).
 */
export const SURPRISE_LIFT = 0.8;
const SURPRISE_MIN_SHARE = 2 / 12;

/**
 * How much more surprising the last characters of the text's last line are than the first ones;
 * undefined when that line is too short to hold both windows apart. An optimised suffix continues
 * the request on its own line, so the comparison stays within it.
 */
export function surpriseLift(text: string, prose: ProseModel): number | undefined {
  const line = text.slice(text.lastIndexOf("\n") + 1);
  if (line.length < 2 * SURPRISE_WINDOW) return undefined;
  return prose.surprise(line.slice(-SURPRISE_WINDOW)) - prose.surprise(line.slice(0, SURPRISE_WINDOW));
}

/**
 * GCG-style optimised suffix: a natural-language request followed by a tail of token soup.
 * Requiring the head to read as prose keeps source code (odd everywhere) out. Reads the
 * original casing, since case changes inside a word are one of the tells.
 */
export function adversarialSuffixSignal(original: string, prose?: ProseModel): InjectionSignal | undefined {
  if (original.includes("```")) return undefined;
  const text = original.trim();
  const { head, tail } = headAndTail(text);
  if (tail.length < SUFFIX_TOKENS || head.length < 5 || oddShare(head) > HEAD_MAX_SHARE || structuredTail(text)) return undefined;
  const tailShare = oddShare(tail);
  if (tailShare >= SUFFIX_MIN_SHARE) return { name: "adversarial_suffix", category: "jailbreak", score: Math.min(0.95, 0.55 + tailShare) };
  if (!prose || tailShare < SURPRISE_MIN_SHARE) return undefined;
  const lift = surpriseLift(text, prose);
  if (lift === undefined || lift < SURPRISE_LIFT) return undefined;
  return { name: "adversarial_suffix", category: "jailbreak", score: Math.min(0.9, 0.5 + lift / 4) };
}
