import { randomUUID } from "node:crypto";
import type { Enriched } from "../../model/index.js";
import { toCimEvents } from "../../map/cim/index.js";
import { backoffDelay, pause } from "../../util/backoff.js";
import { defineSink, SinkConfigurationError, type Sink, type SinkContext, type SinkResult } from "../types.js";
import { chunkLines, hecLine, requestBody, type HecLine } from "./batch.js";
import { HecEndpoint, networkReason, type HecResponse } from "./client.js";
import { SplunkHecSinkConfig } from "./config.js";

export { SplunkHecSinkConfig } from "./config.js";
export { HecEndpoint } from "./client.js";
export { SplunkKvStoreSink, SplunkKvStoreSinkConfig, splunkKvStoreSink, foldUserRisk, type UserRisk } from "./kvstore.js";
export { classifyReply, parseReply, type HecReply, type Verdict } from "./replies.js";

/** A refusal no retry can fix (bad token, index not allowed, ACK misconfigured): the message says what to change. */
export class HecConfigError extends SinkConfigurationError {
  override name = "HecConfigError";
}

/** A request accepted with an `ackId`, waiting for the indexer to confirm it. */
interface PendingAck {
  endpoint: HecEndpoint;
  ackId: number;
  lines: HecLine[];
  sentAt: number;
  resends: number;
}

/** Per-write bookkeeping: records refused for good and requests awaiting indexer acknowledgement. */
interface WriteState {
  rejected: Map<number, string>;
  pending: PendingAck[];
  ctx: SinkContext;
}

/**
 * Splunk HTTP Event Collector sink. Each enriched record becomes its CIM events (interaction,
 * findings, behaviour risk), sent as gzip-compressed concatenated JSON in requests capped by
 * count and bytes. Busy and failing receivers are retried with jittered backoff across the
 * configured endpoints; a bad event is cut out and its record dead-lettered; with indexer
 * acknowledgement on, `write` resolves only once Splunk confirms every request was indexed.
 */
export class SplunkHecSink implements Sink {
  readonly type = "splunk";
  readonly endpoints: HecEndpoint[];
  private preferred = 0;
  /** Events a failed write already delivered: the pipeline's retry of that batch skips them. */
  private readonly delivered = new Set<string>();
  private retried = 0;

  constructor(
    readonly name: string,
    private readonly config: SplunkHecSinkConfig,
  ) {
    const channel = config.ack.enabled ? (config.ack.channel ?? randomUUID()) : undefined;
    this.endpoints = config.endpoints.map(
      (url) => new HecEndpoint({ url, token: config.token, timeoutMs: config.timeoutMs, tls: config.tls, gzip: config.gzip, channel }),
    );
  }

  async open(ctx: SinkContext): Promise<void> {
    if (this.config.healthCheck) await this.checkEndpoints(ctx);
  }

  /**
   * Health and token check per endpoint. A refused token or a misconfigured ACK stops the run at
   * once; an unreachable or busy endpoint is only reported (writes retry and fail over).
   */
  async checkEndpoints(ctx: SinkContext): Promise<void> {
    for (const endpoint of this.endpoints) {
      try {
        const health = await endpoint.health(ctx.signal);
        if (health.status !== 200) ctx.logger.warn({ sink: this.name, endpoint: endpoint.url, status: health.status, code: health.reply?.code }, "HEC endpoint is unhealthy");
        const probe = await endpoint.probeToken(ctx.signal);
        // An empty request is answered "No data" (code 5) exactly when the token was accepted.
        if (probe.reply?.code === 5) continue;
        if (probe.verdict.kind === "fatal") throw new HecConfigError(`splunk sink ${this.name}: ${endpoint.url}: ${probe.verdict.reason}`);
      } catch (error) {
        if (error instanceof HecConfigError) throw error;
        ctx.logger.warn({ sink: this.name, endpoint: endpoint.url, err: networkReason(error) }, "HEC endpoint unreachable");
      }
    }
  }

  async write(records: Enriched[], ctx: SinkContext): Promise<SinkResult> {
    const state: WriteState = { rejected: new Map(), pending: [], ctx };
    const retriedBefore = this.retried;
    const lines = this.serialize(records, state.rejected);
    for (const chunk of chunkLines(lines, this.config.batch.maxEvents, this.config.batch.maxBytes)) await this.deliver(chunk, state);
    if (this.config.ack.enabled) await this.awaitAcks(state);
    this.delivered.clear();
    return {
      written: records.length - state.rejected.size,
      duplicates: 0,
      rejected: [...state.rejected].map(([owner, reason]) => ({ record: records[owner]!, reason })),
      retried: this.retried - retriedBefore,
    };
  }

  async close(): Promise<void> {
    this.delivered.clear();
  }

  /** Events of every record, minus those already delivered; an oversized event rejects its record before anything is sent. */
  private serialize(records: Enriched[], rejected: Map<number, string>): HecLine[] {
    const defaults = { index: this.config.index, host: this.config.host, source: this.config.source };
    const lines: HecLine[] = [];
    records.forEach((record, owner) => {
      for (const event of toCimEvents(record)) {
        if (this.delivered.has(event.eventId)) continue;
        const line = hecLine(event, owner, defaults);
        if (line.bytes > this.config.maxEventBytes) {
          rejected.set(owner, `${event.sourcetype} event is ${line.bytes} bytes, over maxEventBytes ${this.config.maxEventBytes} (HEC maxEventSize)`);
        }
        lines.push(line);
      }
    });
    return lines.filter((line) => !rejected.has(line.owner));
  }

  /** Sends one request until it is accepted, cutting out refused events and failing over between endpoints. */
  private async deliver(lines: HecLine[], state: WriteState, resends = 0): Promise<void> {
    const { ctx } = state;
    const count = this.endpoints.length;
    for (let attempt = 0; ; attempt += 1) {
      const index = (this.preferred + attempt) % count;
      const endpoint = this.endpoints[index]!;
      let response: HecResponse;
      try {
        response = await endpoint.send(requestBody(lines, this.config.gzip), ctx.signal);
      } catch (error) {
        if (ctx.signal.aborted) throw error;
        response = { status: 0, reply: undefined, verdict: { kind: "retry", reason: networkReason(error) } };
      }
      const verdict = response.verdict;
      switch (verdict.kind) {
        case "ok":
          this.preferred = index;
          if (this.config.ack.enabled && verdict.ackId !== undefined) {
            state.pending.push({ endpoint, ackId: verdict.ackId, lines, sentAt: Date.now(), resends });
          } else for (const line of lines) this.delivered.add(line.eventId);
          return;
        case "retry": {
          this.retried += 1;
          if (attempt + 1 >= this.config.retry.maxAttempts) {
            throw new Error(`splunk sink ${this.name}: gave up after ${attempt + 1} attempts; last: ${verdict.reason}`);
          }
          ctx.logger.warn({ sink: this.name, endpoint: endpoint.url, attempt: attempt + 1, reason: verdict.reason }, "HEC request failed; retrying");
          // Fail over to the next endpoint at once; back off once every endpoint has failed in turn.
          if ((attempt + 1) % count === 0 && !(await pause(backoffDelay(Math.floor(attempt / count), this.config.retry), ctx.signal))) {
            throw new Error(`splunk sink ${this.name}: stopped while retrying`);
          }
          continue;
        }
        case "invalid":
        case "too-large":
          return this.dropInvalid(lines, verdict.kind === "invalid" ? verdict.index : undefined, verdict.reason, state, resends);
        case "fatal":
          throw new HecConfigError(`splunk sink ${this.name}: ${endpoint.url}: ${verdict.reason}`);
      }
    }
  }

  /**
   * Splunk names the first bad event (`invalid-event-number`): its record is dead-lettered and the
   * rest sent again. Without a number (413, or a proxy that drops the field) halves are tried
   * until the bad event is alone.
   */
  private async dropInvalid(lines: HecLine[], index: number | undefined, reason: string, state: WriteState, resends: number): Promise<void> {
    const bad = index !== undefined ? lines[index] : lines.length === 1 ? lines[0] : undefined;
    if (bad) {
      state.rejected.set(bad.owner, `Splunk HEC refused the ${bad.sourcetype} event: ${reason}`);
      const rest = lines.filter((line) => line.owner !== bad.owner);
      if (rest.length > 0) await this.deliver(rest, state, resends);
      return;
    }
    const half = Math.ceil(lines.length / 2);
    await this.deliver(lines.slice(0, half), state, resends);
    await this.deliver(lines.slice(half), state, resends);
  }

  /** Polls `/services/collector/ack` until every request is indexed; one not confirmed in time is sent again. */
  private async awaitAcks(state: WriteState): Promise<void> {
    const { ack, retry } = this.config;
    const { ctx } = state;
    while (state.pending.length > 0) {
      if (!(await pause(ack.pollIntervalMs, ctx.signal))) throw new Error(`splunk sink ${this.name}: stopped while waiting for indexer acknowledgement`);
      for (const endpoint of new Set(state.pending.map((p) => p.endpoint))) {
        const mine = state.pending.filter((p) => p.endpoint === endpoint);
        let status: Map<number, boolean>;
        try {
          status = await endpoint.ackStatus(mine.map((p) => p.ackId), ctx.signal);
        } catch (error) {
          ctx.logger.warn({ sink: this.name, endpoint: endpoint.url, err: networkReason(error) }, "HEC ACK poll failed");
          continue;
        }
        for (const pending of mine) {
          const done = status.get(pending.ackId) === true;
          const expired = Date.now() - pending.sentAt >= ack.timeoutMs;
          if (!done && !expired) continue;
          state.pending.splice(state.pending.indexOf(pending), 1);
          if (done) {
            for (const line of pending.lines) this.delivered.add(line.eventId);
            continue;
          }
          if (pending.resends + 1 >= retry.maxAttempts) {
            throw new Error(`splunk sink ${this.name}: request not acknowledged after ${pending.resends + 1} sends`);
          }
          ctx.logger.warn({ sink: this.name, endpoint: endpoint.url, ackId: pending.ackId }, "HEC request not acknowledged in time; sending again");
          await this.deliver(pending.lines, state, pending.resends + 1);
        }
      }
    }
  }
}

export const splunkHecSink = defineSink({
  type: "splunk",
  configSchema: SplunkHecSinkConfig,
  create: (config, name) => new SplunkHecSink(name, config),
});
