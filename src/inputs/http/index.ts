import type { Server } from "node:http";
import { join, resolve } from "node:path";
import { z } from "zod";
import { connectorNames } from "../../connectors/registry.js";
import { validate } from "../../model/index.js";
import type { InputPlacement } from "../registry.js";
import type { Checkpoint, Input, InputContext, RawRecord } from "../types.js";
import { HttpInputConfig } from "./config.js";
import { createReceiver, listen, shutdown } from "./server.js";
import { Spool, SpoolPosition } from "./spool.js";

export { HttpInputConfig } from "./config.js";

const POSITION_KEY = "spool";
const SpooledLine = z.object({ connector: z.string().min(1), origin: z.string(), data: z.unknown() });

/**
 * The HTTP receiver: webhooks (`POST /v1/ingest/<connector>`) and OTLP/HTTP JSON or protobuf (`/v1/traces`,
 * `/v1/logs`). Accepted requests go to an on-disk spool before they are answered, and the pipeline
 * reads the spool like a file: its checkpoint is the spool position, so records answered 2xx are
 * never lost, and a restart resumes after the last record every sink acknowledged.
 */
export class HttpInput implements Input {
  readonly kind = "http";
  private readonly spool: Spool;
  private server: Server | undefined;
  private resolveUrl!: (url: string) => void;
  /** The receiver's base URL once it listens (the port is known only then when configured as 0). */
  readonly url: Promise<string> = new Promise((resolve) => (this.resolveUrl = resolve));

  constructor(
    private readonly config: HttpInputConfig,
    placement: InputPlacement,
  ) {
    this.spool = new Spool(resolve(config.spoolDir ?? join(placement.stateDir, "spool", placement.source)), config.segmentBytes);
  }

  async *read(from: Checkpoint, ctx: InputContext): AsyncGenerator<RawRecord> {
    const start = from[POSITION_KEY] === undefined ? undefined : validate(SpoolPosition, from[POSITION_KEY], `checkpoint "${POSITION_KEY}"`);
    await this.spool.open(start);
    this.server = createReceiver({
      config: this.config,
      spool: this.spool,
      logger: ctx.logger,
      connectors: new Set(connectorNames()),
      deadLetter: ctx.deadLetter,
    });
    const address = await listen(this.server, this.config.host, this.config.port);
    const url = `${this.config.tls ? "https" : "http"}://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`;
    ctx.logger.info({ url, spoolDir: this.spool.dir }, "http receiver listening");
    this.resolveUrl(url);
    try {
      for await (const line of this.spool.read(start, ctx.signal, this.config.maxBodyBytes + 4096)) {
        const position = { key: POSITION_KEY, value: line.position };
        const origin = `${this.spool.dir}@${line.position.segment}:${line.position.offset - line.bytes}`;
        let entry: z.infer<typeof SpooledLine>;
        try {
          entry = validate(SpooledLine, JSON.parse(line.text), "spool entry");
        } catch (error) {
          ctx.deadLetter?.(`unreadable spool entry: ${(error as Error).message}`, line.text.slice(0, 4096), origin);
          yield { data: undefined, position, origin, bytes: line.bytes };
          continue;
        }
        yield { data: entry.data, connector: entry.connector, position, origin: entry.origin, bytes: line.bytes };
      }
    } finally {
      await this.close();
    }
  }

  /** Told which spool position every sink acknowledged: spool segments before it are deleted. */
  async committed(checkpoint: Checkpoint): Promise<void> {
    const value = checkpoint[POSITION_KEY];
    if (value !== undefined) await this.spool.commit(validate(SpoolPosition, value, `checkpoint "${POSITION_KEY}"`));
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await shutdown(server);
    await this.spool.close();
  }
}
