/**
 * De-obfuscation before any prompt classifier looks at a text. Character-injection tricks
 * (zero-width characters, Unicode tag characters, homoglyphs, diacritics) defeat most
 * detectors that read raw text (behaviour.md §1.6), so every classifier that reads intent sees
 * the folded text, and the number of invisible characters becomes a signal of its own.
 */
import { CONFUSABLES } from "./confusables.js";

export interface NormalisedText {
  /** Folded, lower-cased text: NFKC, no marks, no invisible characters, confusables mapped to Latin. */
  readonly text: string;
  /**
   * For each UTF-16 index of `text`, the index in the original it came from (one past the end at
   * `text.length`); absent when every index maps to itself (ASCII text, the common case).
   */
  readonly origin?: Int32Array;
  /** Zero-width, bidi-control and Unicode tag characters that were removed. */
  readonly invisible: number;
  /** Look-alikes from another script folded inside a Latin word (a whole Cyrillic word is just Cyrillic). */
  readonly confusables: number;
  /** Base64 or hex segments of at least 20 characters that decoded to readable text, already normalised. */
  readonly decoded: readonly string[];
}

/** U+200B–U+200F, U+202A–U+202E, U+2060–U+2064, U+FEFF, U+180E, and the tag block U+E0000–U+E007F. */
function isInvisible(cp: number): boolean {
  return (
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x2064) ||
    cp === 0xfeff ||
    cp === 0x180e ||
    cp === 0x00ad ||
    (cp >= 0xe0000 && cp <= 0xe007f)
  );
}

const MARK = /\p{M}/u;
const ASCII_ONLY = /^[\x00-\x7f]*$/;

/** Fold one code point to what it looks like: compatibility form, no diacritics, Latin for look-alikes. */
function foldCodePoint(ch: string): { out: string; confusable: boolean } {
  const mapped = CONFUSABLES.get(ch);
  if (mapped !== undefined) return { out: mapped, confusable: true };
  let out = "";
  for (const part of ch.normalize("NFKD")) {
    if (MARK.test(part)) continue;
    out += CONFUSABLES.get(part) ?? part;
  }
  return { out: out.toLowerCase(), confusable: false };
}

/**
 * `foldCodePoint` of the code points seen so far: a text with curly quotes or accents repeats
 * the same few, and each costs a normalisation call. Bounded, since a text can hold any number
 * of distinct code points.
 */
const FOLDED = new Map<number, { out: string; confusable: boolean }>();
const FOLDED_MAX = 4096;

function foldCached(cp: number, ch: string): { out: string; confusable: boolean } {
  let folded = FOLDED.get(cp);
  if (folded === undefined) {
    folded = foldCodePoint(ch);
    if (FOLDED.size < FOLDED_MAX) FOLDED.set(cp, folded);
  }
  return folded;
}

const isAsciiLetter = (code: number): boolean => (code >= 97 && code <= 122) || (code >= 65 && code <= 90);

/** Normalise `original` without decoding embedded segments (used for decoded text itself). */
function fold(original: string): Omit<NormalisedText, "decoded"> {
  // Fast path: ASCII text has nothing to fold but case, and offsets are the identity.
  if (ASCII_ONLY.test(original)) return { text: original.toLowerCase(), invisible: 0, confusables: 0 };
  const parts: string[] = [];
  const origins: number[] = [];
  let invisible = 0;
  let confusables = 0;
  let index = 0;
  let afterLatin = false;
  while (index < original.length) {
    // A run of ASCII characters is lower-cased as one piece, each character its own origin.
    let end = index;
    while (end < original.length && original.charCodeAt(end) < 0x80) end += 1;
    if (end > index) {
      parts.push(original.slice(index, end).toLowerCase());
      for (let i = index; i < end; i += 1) origins.push(i);
      afterLatin = isAsciiLetter(original.charCodeAt(end - 1));
      index = end;
      continue;
    }
    const cp = original.codePointAt(index)!;
    const width = cp > 0xffff ? 2 : 1;
    if (isInvisible(cp)) invisible += 1;
    else {
      const { out, confusable } = foldCached(cp, original.slice(index, index + width));
      if (confusable && afterLatin) confusables += 1;
      parts.push(out);
      for (let k = 0; k < out.length; k += 1) origins.push(index);
      afterLatin = out.length > 0 && isAsciiLetter(out.charCodeAt(out.length - 1));
    }
    index += width;
  }
  origins.push(original.length);
  return { text: parts.join(""), origin: Int32Array.from(origins), invisible, confusables };
}

const BASE64_SEGMENT = /(?:[A-Za-z0-9+/]{4}){5,}(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?/g;
const HEX_SEGMENT = /\b(?:[0-9a-fA-F]{2}){10,}\b/g;
/** Decoded bytes count as text when almost all are printable ASCII or common whitespace. */
const PRINTABLE_SHARE = 0.9;

function readable(bytes: Buffer): string | undefined {
  if (bytes.length < 8) return undefined;
  let printable = 0;
  for (const b of bytes) if ((b >= 0x20 && b < 0x7f) || b === 0x0a || b === 0x0d || b === 0x09) printable += 1;
  if (printable / bytes.length < PRINTABLE_SHARE) return undefined;
  return bytes.toString("utf8");
}

const SEGMENT_MIN = 20;

/** 1 for the ASCII codes of the base64 alphabet: a table lookup per character is cheaper than five comparisons. */
const BASE64_CHAR = Uint8Array.from({ length: 128 }, (_, code) => ((code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 43 || code === 47 ? 1 : 0));

/**
 * Whether the text has a run of at least 20 base64 characters. Both segment patterns can only
 * match inside such a run (hex digits are base64 characters too), and prose rarely has one, so
 * one loop over the characters spares two regex scans of nearly every text.
 */
function hasLongRun(text: string): boolean {
  let run = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code >= 128 || BASE64_CHAR[code] === 0) run = 0;
    else if (++run >= SEGMENT_MIN) return true;
  }
  return false;
}

/** Base64 and hex segments of ≥ 20 characters that decode to readable text (one level deep). */
export function decodeSegments(text: string): string[] {
  const out: string[] = [];
  if (!hasLongRun(text)) return out;
  for (const match of text.matchAll(BASE64_SEGMENT)) {
    // Pure hex or pure letters are not worth trying as base64: they decode to noise.
    if (/^[0-9a-fA-F]+$/.test(match[0]) || !/[0-9+/]/.test(match[0]) && !/[A-Z]/.test(match[0])) continue;
    const decoded = readable(Buffer.from(match[0], "base64"));
    if (decoded) out.push(decoded);
  }
  for (const match of text.matchAll(HEX_SEGMENT)) {
    const decoded = readable(Buffer.from(match[0], "hex"));
    if (decoded) out.push(decoded);
  }
  return out;
}

export function normalise(original: string): NormalisedText {
  const folded = fold(original);
  const decoded = decodeSegments(original).map((segment) => fold(segment).text);
  return { ...folded, decoded };
}

/** Map a span [start, end) of the normalised text back to the original text. */
export function originalSpan(n: NormalisedText, start: number, end: number): { start: number; end: number } {
  const at = (i: number) => (n.origin ? n.origin[Math.min(i, n.text.length)] : Math.min(i, n.text.length));
  const s = at(start) ?? 0;
  const e = at(end) ?? s;
  return { start: s, end: Math.max(s, e) };
}
