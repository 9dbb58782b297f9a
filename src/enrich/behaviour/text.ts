/**
 * The lexical features the behaviour detectors read from a prompt: content terms for "same
 * goal", and cue families from ../shared/reference/behaviour.md §1.3 and §4.2–4.5 (framing shift,
 * continuation, enumeration, sensitive topics, embedded dialogue turns).
 */

const STOPWORDS = new Set(
  (
    "a about above after again against all also am an and any are as at be because been before being below between both but by can " +
    "could did do does doing down during each few for from further had has have having he her here hers herself him himself his how i " +
    "if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours out over own please " +
    "same she should so some such than that the their theirs them then there these they this those through to too under until up very " +
    "was we were what when where which while who whom why will with would you your yours yourself tell give show explain help want need " +
    "know like get make sure okay ok thanks thank hi hello hey really actually maybe something anything thing things way ways one use " +
    "using im i'm i'd i've you're it's don't can't let us again instead"
  ).split(" "),
);

/** Light stemming so "making"/"makes"/"make" meet; enough for overlap scores, not linguistics. */
function stem(word: string): string {
  if (word.length > 5 && word.endsWith("ing")) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith("ed")) return word.slice(0, -2);
  if (word.length > 4 && word.endsWith("es")) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith("s") && !word.endsWith("ss")) return word.slice(0, -1);
  return word;
}

export function normalise(text: string): string {
  return text.normalize("NFKC").replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"').toLowerCase();
}

/** Distinct content words in order of appearance, stemmed, at most `max`. */
export function contentTerms(text: string, max = 24): string[] {
  const out = new Set<string>();
  for (const word of normalise(text).split(/[^\p{L}\p{N}']+/u)) {
    const clean = word.replace(/'s$/, "").replace(/^'+|'+$/g, "");
    if (clean.length < 3 || STOPWORDS.has(clean)) continue;
    out.add(stem(clean).slice(0, 16));
    if (out.size >= max) break;
  }
  return [...out];
}

/** Named things: capitalised words inside a sentence, tokens with digits, quoted phrases. Lower-cased, at most `max`. */
export function entities(text: string, max = 12): string[] {
  const out = new Set<string>();
  for (const match of text.matchAll(/"([^"]{2,40})"/g)) out.add(match[1]!.toLowerCase());
  for (const match of text.matchAll(/(?<=[\p{L}\p{N},;:] )(\p{Lu}[\p{L}\p{N}-]+)|\b([\p{L}]*\d[\p{L}\p{N}-]*)\b/gu)) {
    const token = (match[1] ?? match[2] ?? "").toLowerCase();
    if (token.length >= 2) out.add(token);
    if (out.size >= max) break;
  }
  return [...out].slice(0, max);
}

/** Framing a jailbreak refinement typically adds (§1.3 item 3). */
export const FRAMING_CUES: Record<string, RegExp> = {
  roleplay: /\b(pretend|role[- ]?play|act as|you are now|imagine (that )?you are|stay in character|in character as)\b/,
  fiction: /\b(story|novel|thriller|fiction(al)?|screenplay|movie script|write the scene|main character|poem|hypothetical(ly)?|in a world where|thought experiment)\b/,
  research: /\b(for (research|educational|academic|a class|school|a paper|my thesis)( purposes)?|(i am|i'm) an? (researcher|scientist|student|professor)|purely (educational|academic|theoretical)|for (safety|security) (research|testing))\b/,
  authority: /\b(as an? (doctor|nurse|police officer|professor|lawyer|pharmacist|chemist|administrator)|(i am|i'm) (authori[sz]ed|a professional|in law enforcement)|i have (permission|clearance))\b/,
  emotional: /\b(grandm(a|other)|deceased|bedtime story|my life depends|it's an emergency)\b/,
  encoding: /\b(base64|rot13|leetspeak|l33t|hex encoded|in reverse|backwards|morse code|pig latin)\b/,
  override: /\b(ignore (all |the |your )?(previous|prior|above)|no (restrictions|filters|rules)|without (any )?(restrictions|filters|censorship)|developer mode|jailbr(oken|eak)|dan mode|do anything now)\b/,
  translation: /\b(translate (this|it|the following)|answer in (french|german|spanish|chinese|russian|zulu|swahili))\b/,
};

export function framingCues(text: string): string[] {
  const t = normalise(text);
  return Object.entries(FRAMING_CUES)
    .filter(([, re]) => re.test(t))
    .map(([name]) => name);
}

/** Crescendo's self-reference: the prompt builds on the model's previous answer (§4.3). */
const CONTINUATION =
  /\b(you (said|mentioned|wrote|described)|earlier|now (write|make|give|add|expand|describe|explain|include)|expand on|more detail(ed|s)?|go on|continue|keep going|based on (that|this|your)|elaborate|next step|make (it|that|this) (even )?more|take (it|that|this) further)\b/;

export const hasContinuation = (text: string) => CONTINUATION.test(normalise(text));

/** Enumeration phrasing of information gathering (§4.5). */
const ENUMERATION =
  /\b(list (all|every|each|the names)|all (the )?(employees|users|customers|staff|accounts|passwords|servers|hosts|emails|names|salaries|admins|contractors)|every (employee|user|customer|account|server|admin)|full list|complete list|enumerate|dump (all|the|every))\b/;

export const hasEnumeration = (text: string) => ENUMERATION.test(normalise(text));

/** Sensitive subjects an insider or intruder gathers information about (§4.5: people, systems, credentials, internal projects); also read from the names of labelled documents. */
const SENSITIVE_TOPICS: Record<string, RegExp> = {
  credentials: /\b(passwords?|pwd|passcodes?|credentials?|api keys?|access tokens?|secrets?|ssh keys?|private keys?|mfa|2fa)\b/,
  people: /\b(employees?|staff|home address(es)?|phone numbers?|personal details|org chart|manager of|redundanc(y|ies)|layoffs?|disciplinary|performance reviews?)\b/,
  finance: /\b(salary|salaries|salary bands?|payroll|bank accounts?|bank details|revenue|invoices?|bonus(es)?)\b/,
  infrastructure: /\b(servers?|databases?|hostnames?|ip address(es)?|vpn|firewall|domain controllers?|active directory|subnets?)\b/,
  access: /\b(admin (access|accounts?|rights|groups?|privileges|roles?)|who has (admin )?access|access (rights|review|list)s?|privileged (accounts?|access)|group membership)\b/,
  customers: /\b(customers?|client list|crm|customer data)\b/,
  projects: /\b(confidential|internal projects?|roadmap|merger|acquisitions?|valuation|due diligence|deal team|unreleased|board (meeting )?(minutes|papers?|packs?))\b/,
  security: /\b(vulnerabilit(y|ies)|security controls?|edr|antivirus|siem|incident reports?|pentest)\b/,
};

export function sensitiveTopics(text: string): string[] {
  const t = normalise(text);
  return Object.entries(SENSITIVE_TOPICS)
    .filter(([, re]) => re.test(t))
    .map(([name]) => name);
}

const USER_TURN = /^[ \t>*_#-]*(user|human|q|question)\s*:/gim;
const ASSISTANT_TURN = /^[ \t>*_#-]*(assistant|ai|a|answer|bot)\s*:/gim;

/** Embedded dialogue pairs inside one prompt (many-shot jailbreaking, §4.3). */
export function embeddedDialoguePairs(text: string): number {
  const users = text.match(USER_TURN)?.length ?? 0;
  const assistants = text.match(ASSISTANT_TURN)?.length ?? 0;
  return Math.min(users, assistants);
}
