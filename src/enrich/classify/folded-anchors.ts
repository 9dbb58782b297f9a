/**
 * One anchor scan per prompt for every rule set that reads the folded text (injection rules,
 * PAIR framing cues, harm patterns): each scan costs a pass over the text, so they share one.
 */
import { AnchorScanner } from "./anchored.js";
import { HARM_PATTERNS } from "./harm/lexicon.js";
import { FRAMING_ANCHORS } from "./injection/framing.js";
import { RULE_ANCHORS } from "./injection/rules.js";
import type { NormalisedText } from "./normalise.js";

const SCANNER = new AnchorScanner([...RULE_ANCHORS, ...FRAMING_ANCHORS, ...HARM_PATTERNS.flatMap((p) => p.anchors)]);
const scanned = new WeakMap<NormalisedText, Set<string>>();

/** The anchors of all folded-text rules that occur in `normalised.text`, scanned once per text. */
export function foldedAnchors(normalised: NormalisedText): Set<string> {
  let present = scanned.get(normalised);
  if (!present) {
    present = SCANNER.scan(normalised.text);
    scanned.set(normalised, present);
  }
  return present;
}
