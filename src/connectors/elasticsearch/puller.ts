/**
 * Reads documents already in Elasticsearch, oldest first, with a point in time and
 * `search_after`, so paging is consistent while the index keeps growing. The checkpoint is the
 * last cursor-field value plus the ids already read at exactly that value: a new run (a new point
 * in time) starts at that value and skips those ids, so nothing is read twice or missed.
 */
import { z } from "zod";
import type { Checkpoint, Input, InputContext, RawRecord } from "../../inputs/types.js";
import { connect, type EsClient } from "../../util/elasticsearch.js";
import { readCursor } from "../_pull/cursor.js";
import { pollLoop } from "../_pull/poll.js";
import type { ElasticsearchSourceOptions } from "./options.js";

const CURSOR_KEY = "cursor";
export const Cursor = z.object({ value: z.number(), ids: z.array(z.string()) });
export type Cursor = z.infer<typeof Cursor>;

type Hit = { _id?: string; _index: string; sort?: unknown[] };

export class ElasticsearchPuller implements Input {
  readonly kind = "elasticsearch";
  private client: EsClient | undefined;

  constructor(
    private readonly options: ElasticsearchSourceOptions,
    /** A client the caller built (tests, library use). */
    private readonly given?: EsClient,
  ) {}

  async *read(from: Checkpoint, ctx: InputContext): AsyncIterable<RawRecord> {
    if (!this.given && !this.options.connection) throw new Error("the elasticsearch source needs options.connection to pull");
    this.client ??= this.given ?? (await connect(this.options.connection!)).client;
    let cursor = readCursor(from, CURSOR_KEY, Cursor);
    yield* pollLoop({ ...this.options, signal: ctx.signal, logger: ctx.logger }, async function* (this: ElasticsearchPuller) {
      for await (const record of this.cycle(cursor, ctx)) {
        cursor = record.position.value as Cursor;
        yield record;
      }
    }.bind(this));
  }

  private async *cycle(start: Cursor | undefined, ctx: InputContext): AsyncGenerator<RawRecord> {
    const client = this.client!;
    const { index, cursorField, pageSize, keepAlive } = this.options;
    let pit = (await client.openPointInTime({ index, keep_alive: keepAlive })).id;
    let cursor = start;
    let after: unknown[] | undefined;
    try {
      for (;;) {
        if (ctx.signal.aborted) return;
        const page = await client.search(
          {
            pit: { id: pit, keep_alive: keepAlive },
            size: pageSize,
            // The cursor field as epoch milliseconds; `_shard_doc` breaks ties inside this point in time.
            sort: [{ [cursorField]: { order: "asc", format: "epoch_millis", numeric_type: "date" } }, { _shard_doc: "asc" }],
            ...(after && { search_after: after as never }),
            query: {
              bool: {
                filter: [
                  ...(cursor ? [{ range: { [cursorField]: { gte: cursor.value, format: "epoch_millis" } } }] : []),
                  ...(this.options.query ? [this.options.query] : []),
                ],
              },
            },
            track_total_hits: false,
          },
          { signal: ctx.signal },
        );
        pit = page.pit_id ?? pit;
        const hits = page.hits.hits as Hit[];
        for (const hit of hits) {
          const value = Number(hit.sort?.[0]);
          const id = hit._id ?? "";
          after = hit.sort;
          if (cursor && value === cursor.value && cursor.ids.includes(id)) continue;
          cursor = cursor && value === cursor.value ? { value, ids: [...cursor.ids, id] } : { value, ids: [id] };
          const bytes = JSON.stringify(hit).length;
          yield { data: hit, position: { key: CURSOR_KEY, value: cursor }, origin: `${hit._index}/${id}`, bytes };
        }
        if (hits.length < pageSize) return;
      }
    } finally {
      await client.closePointInTime({ id: pit }).catch((error: Error) => ctx.logger.warn({ err: error.message }, "could not close the point in time"));
    }
  }

  async close(): Promise<void> {
    if (this.client && !this.given) await this.client.close();
    this.client = undefined;
  }
}
