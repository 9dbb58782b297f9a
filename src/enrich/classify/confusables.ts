/**
 * Look-alike letters from other scripts that attackers swap into trigger words ("іgnоre" with
 * Cyrillic і and о). A curated subset of Unicode's confusables for the Latin alphabet, from
 * Cyrillic, Greek and Armenian; full-width and mathematical letters are folded by NFKD already.
 * A small table rather than the full confusables list keeps normal non-Latin text readable to
 * the classifiers that follow.
 */
const PAIRS: ReadonlyArray<readonly [string, string]> = [
  // Cyrillic lower case
  ["а", "a"], ["в", "b"], ["с", "c"], ["ԁ", "d"], ["е", "e"], ["ё", "e"], ["һ", "h"], ["і", "i"], ["ї", "i"],
  ["ј", "j"], ["к", "k"], ["ӏ", "l"], ["м", "m"], ["н", "h"], ["о", "o"], ["р", "p"], ["ԛ", "q"], ["ѕ", "s"],
  ["т", "t"], ["ц", "u"], ["ѵ", "v"], ["ԝ", "w"], ["х", "x"], ["у", "y"], ["ᴢ", "z"],
  // Cyrillic upper case
  ["А", "a"], ["В", "b"], ["С", "c"], ["Е", "e"], ["Н", "h"], ["І", "i"], ["Ј", "j"], ["К", "k"], ["М", "m"],
  ["О", "o"], ["Р", "p"], ["Ѕ", "s"], ["Т", "t"], ["Х", "x"], ["У", "y"], ["Ԝ", "w"],
  // Greek
  ["α", "a"], ["β", "b"], ["ε", "e"], ["η", "n"], ["ι", "i"], ["κ", "k"], ["ν", "v"], ["ο", "o"], ["ρ", "p"],
  ["τ", "t"], ["υ", "u"], ["χ", "x"], ["γ", "y"], ["Α", "a"], ["Β", "b"], ["Ε", "e"], ["Ζ", "z"], ["Η", "h"],
  ["Ι", "i"], ["Κ", "k"], ["Μ", "m"], ["Ν", "n"], ["Ο", "o"], ["Ρ", "p"], ["Τ", "t"], ["Υ", "y"], ["Χ", "x"],
  // Armenian and Latin look-alikes outside ASCII
  ["օ", "o"], ["ս", "u"], ["ց", "g"], ["ɑ", "a"], ["ɡ", "g"], ["ʟ", "l"], ["ꓲ", "i"],
];

export const CONFUSABLES: ReadonlyMap<string, string> = new Map(PAIRS);
