/** The corpus clock and the scene recorder: who did what, on which tool, when. */
import { interactionId, type FindingCategory } from "../../src/model/index.js";
import type { Person } from "./people.js";
import type { Random } from "./random.js";
import { buildRecord, newConversationId, type Exchange, type NativeRecord, type ToolName } from "./tools.js";

/** Monday 3 March 2025, 00:00 UTC: day 0 of the corpus. */
export const START_MS = Date.UTC(2025, 2, 3);
/** Days the corpus spans (the brief asks for at least 60). */
export const DAYS = 75;
const MINUTE = 60_000;

export const isWeekday = (day: number): boolean => day % 7 < 5;

export const SUSPICIOUS_PATTERNS = [
  "retry_loop",
  "retry_loop_bypass",
  "escalation",
  "many_shot",
  "cross_tool_evasion",
  "probing_burst",
  "information_gathering",
  "credential_in_prompt",
  "pii_in_prompt",
  "known_jailbreak_template",
] as const;
export const LOOK_ALIKE_PATTERNS = ["benign_rephrase", "benign_repeated_question", "benign_security_research"] as const;
export type Pattern = (typeof SUSPICIOUS_PATTERNS)[number] | (typeof LOOK_ALIKE_PATTERNS)[number];

/** One seeded pattern as the manifest lists it, so evaluations can score detections against it. */
export interface ScenarioEntry {
  id: string;
  pattern: Pattern;
  user: string;
  tools: ToolName[];
  conversationIds: string[];
  recordIds: string[];
  interactionIds: string[];
  /** Whether behaviour detection should alert on this user for it, and which finding categories the records should carry. */
  expect: { behaviourAlert: boolean; findingCategories: FindingCategory[]; bypass?: boolean };
  /** For look-alikes that are legitimate by role: what an allow-list would match. */
  allowList?: { groups: string[] };
  description: string;
}

export class Corpus {
  readonly records: NativeRecord[] = [];
  readonly scenarios: ScenarioEntry[] = [];

  constructor(
    readonly r: Random,
    readonly people: readonly Person[],
  ) {}

  person(handle: string): Person {
    const person = this.people.find((p) => p.handle === handle);
    if (!person) throw new Error(`no person ${handle}`);
    return person;
  }

  /** A moment on `day` at the person's local `hour:minute`, with random seconds. */
  at(person: Person, day: number, hour: number, minute: number): Date {
    return new Date(START_MS + day * 1440 * MINUTE + ((hour - person.utcOffset) * 60 + minute) * MINUTE + this.r.int(0, 59) * 1000);
  }

  emit(person: Person, exchange: Exchange): NativeRecord {
    const record = buildRecord(person, exchange, this.r);
    this.records.push(record);
    return record;
  }

  scene(handle: string, id: string, pattern: Pattern, description: string): Scene {
    return new Scene(this, this.person(handle), id, pattern, description);
  }
}

type SceneExchange = Omit<Exchange, "at" | "conversationId" | "tool">;

/** A seeded pattern being written: keeps its own clock and remembers every record it adds. */
export class Scene {
  private clock = new Date(START_MS);
  private readonly records: NativeRecord[] = [];
  private readonly conversations = new Map<ToolName, string>();

  constructor(
    private readonly corpus: Corpus,
    readonly person: Person,
    private readonly id: string,
    private readonly pattern: Pattern,
    private readonly description: string,
  ) {}

  start(day: number, hour: number, minute: number): this {
    this.clock = this.corpus.at(this.person, day, hour, minute);
    return this;
  }

  /** Move the clock on by between `min` and `max` minutes. */
  wait(min: number, max: number): this {
    this.clock = new Date(this.clock.getTime() + this.corpus.r.int(min * 60, max * 60) * 1000);
    return this;
  }

  /** One step per item, the clock moving on between `gap[0]` and `gap[1]` minutes between steps. */
  sequence<T>(items: readonly T[], gap: [number, number], step: (item: T, index: number) => void): this {
    items.forEach((item, i) => {
      if (i > 0) this.wait(gap[0], gap[1]);
      step(item, i);
    });
    return this;
  }

  /** Start a new conversation on `tool`; later exchanges on that tool continue it. */
  newConversation(tool: ToolName): this {
    this.conversations.set(tool, newConversationId(tool, this.corpus.r));
    return this;
  }

  say(tool: ToolName, exchange: SceneExchange): this {
    if (!this.conversations.has(tool)) this.newConversation(tool);
    const conversationId = this.conversations.get(tool) as string;
    this.records.push(this.corpus.emit(this.person, { ...exchange, tool, conversationId, at: this.clock }));
    return this;
  }

  finish(expect: ScenarioEntry["expect"], allowList?: ScenarioEntry["allowList"]): void {
    const unique = <T>(items: T[]) => [...new Set(items)];
    this.corpus.scenarios.push({
      id: this.id,
      pattern: this.pattern,
      user: this.person.email,
      tools: unique(this.records.map((rec) => rec.source.connector)),
      conversationIds: unique(this.records.map((rec) => rec.conversationId as string)),
      recordIds: this.records.map((rec) => rec.source.recordId),
      interactionIds: this.records.map((rec) => interactionId(rec.source.connector, rec.source.recordId, rec.source.turn)),
      expect,
      ...(allowList ? { allowList } : {}),
      description: this.description,
    });
  }
}
