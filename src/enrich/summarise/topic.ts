/**
 * What a prompt is about, deterministically: the enterprise topic whose keywords it uses most,
 * and its most frequent content words. Only lower-case alphabetic words count, so proper names,
 * tokens, keys and numbers never become keywords.
 */

/** Topic → word stems (a word matches a stem it starts with). Order breaks ties. */
const LEXICON: ReadonlyArray<readonly [string, readonly string[]]> = [
  ["security and access", ["password", "credential", "token", "secret", "admin", "permission", "mailbox", "jailbreak", "phish", "malware", "bypass", "exploit", "hack", "dlp", "firewall", "antivirus", "vulnerab", "encrypt", "instruction", "unrestrict"]],
  ["software development", ["code", "function", "bug", "error", "exception", "deploy", "api", "sql", "query", "script", "python", "typescript", "java", "git", "docker", "kubernetes", "terraform", "test", "refactor", "compile", "repositor", "pipeline", "container", "regex", "regular", "debug", "process", "server", "port", "kill", "linux", "windows", "command", "terminal", "shell", "service", "ssh", "key"]],
  ["finance and accounting", ["budget", "invoice", "revenue", "forecast", "payment", "refund", "payroll", "accounting", "expense", "margin", "cost", "bank", "card", "supplier", "spend", "accru", "deferred", "reconcil"]],
  ["HR and people", ["hiring", "hire", "job", "candidate", "interview", "employee", "probation", "salary", "salaries", "performance", "onboarding", "leave", "recruit", "manager", "team", "training", "quiz"]],
  ["legal and contracts", ["contract", "clause", "liabilit", "legal", "complian", "gdpr", "terms", "agreement", "privacy", "acceptable", "policy", "indemnit"]],
  ["sales and marketing", ["customer", "sales", "pitch", "campaign", "linkedin", "marketing", "competitor", "competitive", "pricing", "prospect", "renewal", "discovery", "objection", "post"]],
  ["data analysis", ["data", "report", "excel", "spreadsheet", "pivot", "chart", "analys", "metric", "dashboard", "trend", "formula", "column", "sheet"]],
  ["customer support", ["ticket", "support", "outage", "troubleshoot", "apolog", "sync", "help", "printer", "reader"]],
  ["operations and procurement", ["vendor", "quote", "logistic", "warehouse", "delivery", "procurement", "shipment", "lease", "leasing", "courier", "bottleneck", "trailer"]],
  ["writing and communication", ["email", "draft", "letter", "reply", "message", "rewrite", "tone", "proofread", "translat", "summar", "notes", "announce", "template"]],
];

const STOPWORDS = new Set(
  (
    "about above after again against all also and any are because been before being below between both but can cannot could did does doing down during each few for from further had has have having her here hers herself him himself his how into its itself just let like make more most much must need needs not now off once only other our ours out over own please same she should some such than that the their theirs them themselves then there these they this those through too under until very was way well were what when where which while who whom why will with would you your yours yourself " +
    "able add also another anything ask based bit give going good got help here hello hey thanks thank know looks want use used using get gets sure tell think take keep new one two three first last like right still even every really something someone make made let lets ive dont cant wont isnt doesnt its into onto within without yes yeah okay redacted"
  ).split(/\s+/),
);

export interface Topic {
  label: string;
  keywords: string[];
}

/** Words scanned per text: enough for the gist, bounded for long pastes. */
const SCAN_CHARS = 4000;

export function extractTopic(text: string, keywordCount: number): Topic | undefined {
  const words = text.slice(0, SCAN_CHARS).match(/(?<![\p{L}\p{N}_])[a-z]{3,24}(?![\p{L}\p{N}_])/gu);
  if (!words) return undefined;
  const counts = new Map<string, number>();
  for (const word of words) if (!STOPWORDS.has(word)) counts.set(word, (counts.get(word) ?? 0) + 1);
  if (counts.size === 0) return undefined;

  let best: { label: string; score: number; words: Set<string> } | undefined;
  for (const [label, stems] of LEXICON) {
    let score = 0;
    const words = new Set<string>();
    for (const [word, n] of counts) {
      if (!stems.some((stem) => word.startsWith(stem))) continue;
      score += n;
      words.add(word);
    }
    if (score > 0 && (!best || score > best.score)) best = { label, score, words };
  }
  // The topic's own words first, then the most frequent; Map order keeps first-seen order for ties.
  const onTopic = best?.words ?? new Set<string>();
  const keywords = [...counts.entries()]
    .filter(([word]) => word.length >= 4 || onTopic.has(word))
    .sort((a, b) => Number(onTopic.has(b[0])) - Number(onTopic.has(a[0])) || b[1] - a[1])
    .slice(0, keywordCount)
    .map(([word]) => word);
  return { label: best?.label ?? "general questions", keywords };
}
