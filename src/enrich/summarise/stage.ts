/**
 * The `summarise` stage: a deterministic summary per interaction and per conversation on every
 * record, rewritten by an LLM when one is configured and answers within the batch's budget.
 */
import type { Logger } from "pino";
import type { Enriched, Summary } from "../../model/index.js";
import { MemoryStore, type StateStore } from "../../state/index.js";
import type { EnrichStage } from "../types.js";
import type { SummariseConfig } from "./config.js";
import { ConversationTracker } from "./conversation.js";
import { interactionFacts, type InteractionFacts } from "./facts.js";
import { summariseInteraction } from "./interaction.js";
import { LlmSummariser } from "./llm.js";

type Target = "interaction" | "conversation";

interface Job {
  index: number;
  target: Target;
  facts: InteractionFacts;
}

/** Sensitive data found but not redacted: the LLM then gets the facts only, never the text. */
function transcriptFor(record: Enriched, facts: InteractionFacts, maxChars: number): string | undefined {
  if (!facts.contentKept) return undefined;
  const unredacted = record.findings.some((f) => ["secret", "pii", "financial"].includes(f.category)) && record.redactions.length === 0;
  if (unredacted) return undefined;
  const half = Math.floor(maxChars / 2);
  return `User: ${record.prompt.text.slice(0, half)}\nAssistant: ${record.response.text.slice(0, half)}`;
}

export class SummariseStage implements EnrichStage {
  readonly name = "summarise";
  private readonly conversations: ConversationTracker | undefined;
  private readonly llm: LlmSummariser | undefined;

  /** `conversationStore` keeps conversation state across batches (and, unless it is a MemoryStore, across restarts). */
  constructor(
    private readonly config: SummariseConfig,
    logger: Logger,
    private readonly signal: AbortSignal,
    conversationStore: StateStore = new MemoryStore(),
  ) {
    this.conversations = config.conversation.enabled ? new ConversationTracker(config.conversation, conversationStore, logger) : undefined;
    this.llm = config.llm ? new LlmSummariser(config.llm, logger) : undefined;
  }

  async process(records: Enriched[]): Promise<Enriched[]> {
    const facts = records.map((record) => interactionFacts(record, this.config.topicKeywords));
    const conversationSummaries = (await this.conversations?.add(records, facts)) ?? [];
    const out = records.map((record, i) => {
      const summary = summariseInteraction(facts[i]!);
      const conversationSummary = conversationSummaries[i];
      return { ...record, summary, ...(conversationSummary ? { conversationSummary } : {}) };
    });
    if (this.llm) await this.rewrite(this.llm, out, facts);
    return out;
  }

  async close(): Promise<void> {
    this.llm?.close();
    await this.conversations?.store.close();
  }

  /**
   * Asks the LLM for as many summaries as the rate budget and the batch budget allow, a few at a
   * time; whatever is not back when the budget runs out is aborted and stays deterministic.
   */
  private async rewrite(llm: LlmSummariser, records: Enriched[], facts: InteractionFacts[]): Promise<void> {
    const config = this.config.llm!;
    const jobs: Job[] = [];
    records.forEach((record, index) => {
      for (const target of config.targets) if (target === "interaction" || record.conversationSummary) jobs.push({ index, target, facts: facts[index]! });
    });
    const deadline = AbortSignal.any([this.signal, AbortSignal.timeout(config.batchBudgetMs)]);
    const rewritten = new Map<number, Partial<Record<Target, Summary>>>();
    let next = 0;
    const worker = async () => {
      while (next < jobs.length && !deadline.aborted && llm.tryAcquire()) {
        const job = jobs[next++]!;
        const record = records[job.index]!;
        const base = (job.target === "interaction" ? record.summary : record.conversationSummary) as Summary;
        const text = await llm.summarise({ facts: base.text, transcript: transcriptFor(record, job.facts, config.maxInputChars) }, deadline);
        if (text === undefined || deadline.aborted) continue;
        rewritten.set(job.index, { ...rewritten.get(job.index), [job.target]: { text, citations: base.citations, generator: llm.generator } });
      }
    };
    await Promise.all(Array.from({ length: Math.min(config.maxConcurrent, jobs.length) }, worker));
    for (const [index, summaries] of rewritten) {
      const record = records[index]!;
      records[index] = {
        ...record,
        ...(summaries.interaction ? { summary: summaries.interaction } : {}),
        ...(summaries.conversation ? { conversationSummary: summaries.conversation } : {}),
      };
    }
  }
}
