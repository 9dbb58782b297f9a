import { z } from "zod";
import type { Checkpoint, Input, InputContext, RawRecord } from "../../inputs/types.js";
import { validate } from "../../model/index.js";
import { pause } from "../../util/backoff.js";
import { createSplunkService, splunkError, SplunkRestConfig, type SplunkService } from "../../util/splunk-sdk.js";

export const SplunkSourceOptions = z.intersection(
  SplunkRestConfig,
  z.object({
    /** The SPL that finds the alerts; our own sourcetypes are excluded so aisiem never re-reads what it wrote. */
    search: z.string().min(1).default("search tag=alert NOT sourcetype=aisiem:*"),
    /** Seconds of index time per export search. */
    windowSeconds: z.number().int().positive().default(300),
    /** Events indexed in the last seconds are left for the next pass: they may not be searchable yet. */
    lagSeconds: z.number().int().nonnegative().default(60),
    /** Where a first run starts, in index time (ISO date); default one hour ago. */
    start: z.iso.datetime({ offset: true }).optional(),
    /** How far back in event time (`_time`) a search looks, for events indexed late. */
    maxEventAgeSeconds: z.number().int().positive().default(7 * 86_400),
    /** Keep polling when caught up (a service); otherwise stop (a batch run). */
    follow: z.boolean().default(false),
    pollIntervalMs: z.number().int().positive().default(60_000),
  }),
);
export type SplunkSourceOptions = z.infer<typeof SplunkSourceOptions>;

/** One line of an export reply: a result row, a preview/last-row marker, or messages. */
const ExportLine = z.looseObject({
  result: z.record(z.string(), z.unknown()).optional(),
  preview: z.boolean().optional(),
  lastrow: z.boolean().optional(),
  messages: z.array(z.looseObject({ type: z.string().optional(), text: z.string().optional() })).optional(),
});

const CURSOR = "indextime";

/**
 * Pulls alerts from Splunk with `search/v2/jobs/export`, window by window of `_indextime`:
 * each window [from, to) is searched with `index_earliest`/`index_latest`, its rows are yielded
 * at the window's start, and a position-only record moves the checkpoint to `to` once every row
 * before it is written. A crash re-reads at most one window; the records' ids make that harmless.
 */
export class SplunkSearchPuller implements Input {
  readonly kind = "splunk-search";
  private service: SplunkService | undefined;

  constructor(
    private readonly options: SplunkSourceOptions,
    private readonly now: () => number = () => Date.now(),
  ) {}

  async *read(from: Checkpoint, ctx: InputContext): AsyncIterable<RawRecord> {
    this.service ??= await createSplunkService(this.options);
    const startMs = this.options.start ? Date.parse(this.options.start) : this.now() - 3_600_000;
    let cursor = typeof from[CURSOR] === "number" ? (from[CURSOR] as number) : Math.floor(startMs / 1000);
    while (!ctx.signal.aborted) {
      const latest = Math.min(cursor + this.options.windowSeconds, Math.floor(this.now() / 1000) - this.options.lagSeconds);
      if (latest <= cursor) {
        if (!this.options.follow || !(await pause(this.options.pollIntervalMs, ctx.signal))) return;
        continue;
      }
      const origin = `splunk export _indextime [${cursor}, ${latest})`;
      const rows = await this.exportWindow(cursor, latest);
      for (const [i, row] of rows.entries()) {
        yield { data: row, position: { key: CURSOR, value: cursor }, origin: `${origin} #${i}`, bytes: JSON.stringify(row).length };
      }
      yield { data: undefined, position: { key: CURSOR, value: latest }, origin, bytes: 0 };
      cursor = latest;
    }
  }

  private async exportWindow(from: number, to: number): Promise<Array<Record<string, unknown>>> {
    const search = this.options.search.trimStart().startsWith("|") || /^search\s/i.test(this.options.search.trimStart()) ? this.options.search : `search ${this.options.search}`;
    let response;
    try {
      response = await this.service!.get("search/v2/jobs/export", {
        search,
        index_earliest: from,
        index_latest: to,
        earliest_time: from - this.options.maxEventAgeSeconds,
        latest_time: "now",
        output_mode: "json",
      });
    } catch (failure) {
      throw splunkError("Splunk export search", failure);
    }
    const lines = Array.isArray(response.data) ? response.data : [response.data];
    const rows: Array<Record<string, unknown>> = [];
    for (const [i, line] of lines.entries()) {
      const parsed = validate(ExportLine, line, `Splunk export reply line ${i}`);
      const fatal = parsed.messages?.find((m) => m.type === "FATAL" || m.type === "ERROR");
      if (fatal) throw new Error(`Splunk export search failed: ${fatal.text ?? fatal.type}`);
      if (parsed.result && parsed.preview !== true) rows.push(parsed.result);
    }
    return rows;
  }
}
