import { textHash } from "../../model/index.js";

export interface CappedText {
  text: string;
  length: number;
  truncated: boolean;
  /** Hash of the full text, present only when it was cut (so the full text can still be matched). */
  hash?: string;
}

/**
 * Cuts `text` to at most `max` UTF-16 units without splitting a surrogate pair, so the stored
 * copy is always valid Unicode; a hash of the full text is kept when it was cut.
 */
export function capText(text: string, max: number): CappedText {
  if (text.length <= max) return { text, length: text.length, truncated: false };
  let end = max;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return { text: text.slice(0, end), length: text.length, truncated: true, hash: textHash(text) };
}
