/**
 * The quickstart corpus: months of ordinary AI use across a company's tools, with suspicious
 * patterns, sensitive pastes and benign look-alikes seeded in, and a manifest that says where.
 */
import { seedAttacks } from "./attacks.js";
import { seedLookAlikes } from "./look-alikes.js";
import { makeStaff, ORG, type Person } from "./people.js";
import { Random } from "./random.js";
import { seedSensitiveData } from "./sensitive.js";
import { Corpus, DAYS, isWeekday, LOOK_ALIKE_PATTERNS, START_MS, type ScenarioEntry } from "./timeline.js";
import { newConversationId, TOOL_NAMES, type NativeRecord, type ToolName } from "./tools.js";
import { workText } from "./work-texts.js";

export const DEFAULT_SEED = 20250303;

export interface Manifest {
  seed: number;
  generatedBy: string;
  organization: typeof ORG;
  period: { start: string; end: string; days: number };
  counts: { interactions: number; users: number; tools: number; conversations: number };
  tools: ToolName[];
  users: Array<{ email: string; name: string; department: string; groups: string[]; identities: Person["ids"] }>;
  /** Users who must produce no behaviour alert (the look-alikes among them; one only once its allow-list is configured). */
  benignUsers: string[];
  scenarios: ScenarioEntry[];
}

export interface GeneratedCorpus {
  records: NativeRecord[];
  manifest: Manifest;
}

const FOLLOW_UPS: Array<[string, string]> = [
  ["Thanks. Can you make that shorter and a bit more formal? It's going to a senior audience.", "Certainly – here is a shorter, more formal version that keeps the key points and drops the detail."],
  ["That's helpful. Could you turn it into a checklist I can paste into our Confluence page?", "Here it is as a checklist:\n\n- [ ] Step one, as described above\n- [ ] Step two\n- [ ] Step three\n- [ ] Review and sign off"],
  ["Can you explain the second point in more detail? I'm not sure I follow the reasoning there.", "Sure. The second point matters because it is where most problems start: if that step is skipped, later steps rely on something that was never checked."],
  ["Great, now give me a version I could present in two minutes at tomorrow's stand-up.", "Two-minute version: what we found, why it matters, what we propose, and what we need from the team. Open with the decision you need."],
  ["What would be the risks of doing it that way, and how would you mitigate them?", "Main risks: it takes longer than planned, people don't adopt it, and edge cases are missed. Mitigate with a small pilot, a named owner, and a review after four weeks."],
];

/** Each person's everyday tools: most use two or three, and everyone reaches at least one chat assistant. */
function toolsOf(r: Random): ToolName[] {
  const chat = r.pick<ToolName>(["chatgpt-enterprise", "m365-copilot-transcripts", "anthropic-compliance"]);
  const others = r.sample(TOOL_NAMES.filter((t) => t !== chat), r.int(1, 2));
  return [chat, ...others];
}

/** A working hour most of the time; early mornings and evenings now and then. */
function workingHour(r: Random): number {
  return r.chance(0.88) ? r.int(8, 17) : r.pick([6, 7, 19, 20, 21, 22]);
}

function seedOrdinaryWork(c: Corpus): void {
  const r = c.r;
  const hosts: Partial<Record<ToolName, string[]>> = {
    "m365-copilot-transcripts": ["BizChat", "Word", "Outlook", "Teams", "Excel"],
    litellm: ["eng-assistant", "support-assistant", "marketing-assistant", "finance-assistant"],
  };
  for (const person of c.people) {
    const tools = toolsOf(r);
    const count = r.int(16, 26);
    for (let i = 0; i < count; i += 1) {
      let day = r.int(0, DAYS - 1);
      while (!isWeekday(day) && r.chance(0.9)) day = r.int(0, DAYS - 1);
      const tool = r.pick(tools);
      const host = hosts[tool] ? r.pick(hosts[tool] as string[]) : undefined;
      const conversationId = newConversationId(tool, r);
      const at = c.at(person, day, workingHour(r), r.int(0, 59));
      const text = workText(r, person);
      c.emit(person, { at, tool, conversationId, prompt: text.prompt, response: text.response, ...(host ? { host } : {}) });
      if (r.chance(0.3)) {
        const [prompt, response] = r.pick(FOLLOW_UPS);
        const later = new Date(at.getTime() + r.int(60, 900) * 1000);
        const history = tool === "litellm" ? [{ role: "user" as const, content: text.prompt }, { role: "assistant" as const, content: text.response }] : undefined;
        c.emit(person, { at: later, tool, conversationId, prompt, response, ...(history ? { history } : {}), ...(host ? { host } : {}) });
      }
    }
  }
}

export function generateCorpus(seed = DEFAULT_SEED): GeneratedCorpus {
  const r = new Random(seed);
  const people = makeStaff(r);
  const corpus = new Corpus(r, people);
  seedOrdinaryWork(corpus);
  seedAttacks(corpus);
  seedSensitiveData(corpus);
  seedLookAlikes(corpus);

  const records = [...corpus.records].sort((a, b) => a.timestamp.localeCompare(b.timestamp) || a.source.recordId.localeCompare(b.source.recordId));
  const suspects = new Set(corpus.scenarios.filter((s) => !(LOOK_ALIKE_PATTERNS as readonly string[]).includes(s.pattern)).map((s) => s.user));
  const manifest: Manifest = {
    seed,
    generatedBy: "tsx scripts/quickstart/generate.ts",
    organization: ORG,
    period: { start: new Date(START_MS).toISOString(), end: new Date(START_MS + DAYS * 86_400_000).toISOString(), days: DAYS },
    counts: {
      interactions: records.length,
      users: new Set(records.map((rec) => (rec.user as { email: string }).email)).size,
      tools: new Set(records.map((rec) => rec.source.connector)).size,
      conversations: new Set(records.map((rec) => rec.conversationId)).size,
    },
    tools: [...TOOL_NAMES],
    users: people.map((p) => ({ email: p.email, name: p.name, department: p.department, groups: p.groups, identities: p.ids })),
    benignUsers: people.map((p) => p.email).filter((email) => !suspects.has(email)),
    scenarios: corpus.scenarios,
  };
  return { records, manifest };
}

/** The corpus as the files hold it: NDJSON records and a pretty-printed manifest, both newline-terminated. */
export function serialiseCorpus(corpus: GeneratedCorpus): { interactions: string; scenarios: string } {
  return {
    interactions: corpus.records.map((rec) => JSON.stringify(rec)).join("\n") + "\n",
    scenarios: JSON.stringify(corpus.manifest, null, 2) + "\n",
  };
}
