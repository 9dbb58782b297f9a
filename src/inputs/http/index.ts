import type { Server } from "node:http";
import type { Server as GrpcServer } from "@grpc/grpc-js";
import { join, resolve } from "node:path";
import { z } from "zod";
import { connectorNames } from "../../connectors/registry.js";
import { validate } from "../../model/index.js";
import type { InputPlacement } from "../registry.js";
import type { Checkpoint, Input, InputContext, RawRecord } from "../types.js";
import { TokenCheck } from "./auth.js";
import { HttpInputConfig } from "./config.js";
import { createGrpcReceiver, listenGrpc, shutdownGrpc } from "./grpc.js";
import { Intake } from "./intake.js";
import { createReceiver, listen, shutdown } from "./server.js";
import { Spool, SpoolPosition } from "./spool.js";

export { HttpInputConfig } from "./config.js";

const POSITION_KEY = "spool";
const SpooledLine = z.object({ connector: z.string().min(1), origin: z.string(), data: z.unknown() });

/**
 * The HTTP receiver: webhooks (`POST /v1/ingest/<connector>`) and OTLP/HTTP JSON or protobuf (`/v1/traces`,
 * `/v1/logs`), and OTLP/gRPC on a port of its own when `grpc` is configured. Accepted requests go
 * to an on-disk spool before they are answered, and the pipeline reads the spool like a file: its
 * checkpoint is the spool position, so records answered 2xx are never lost, and a restart resumes
 * after the last record every sink acknowledged.
 */
export class HttpInput implements Input {
  readonly kind = "http";
  private readonly spool: Spool;
  private server: Server | undefined;
  private grpcServer: GrpcServer | undefined;
  private resolveUrl!: (url: string) => void;
  private resolveGrpcAddress!: (address: string) => void;
  /** The receiver's base URL once it listens (the port is known only then when configured as 0). */
  readonly url: Promise<string> = new Promise((resolve) => (this.resolveUrl = resolve));
  /** `host:port` of the OTLP/gRPC listener once it listens; never resolves without `grpc` in the config. */
  readonly grpcAddress: Promise<string> = new Promise((resolve) => (this.resolveGrpcAddress = resolve));

  constructor(
    private readonly config: HttpInputConfig,
    placement: InputPlacement,
  ) {
    this.spool = new Spool(resolve(config.spoolDir ?? join(placement.stateDir, "spool", placement.source)), config.segmentBytes);
  }

  async *read(from: Checkpoint, ctx: InputContext): AsyncGenerator<RawRecord> {
    const start = from[POSITION_KEY] === undefined ? undefined : validate(SpoolPosition, from[POSITION_KEY], `checkpoint "${POSITION_KEY}"`);
    await this.spool.open(start);
    try {
      await this.listen(ctx);
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

  /** Starts the HTTP listener, and the gRPC one when configured; both feed the same spool. */
  private async listen(ctx: InputContext): Promise<void> {
    const intake = new Intake({ config: this.config, spool: this.spool, logger: ctx.logger, deadLetter: ctx.deadLetter });
    const tokens = new TokenCheck(this.config.tokens, this.config.allowUnauthenticated);
    this.server = createReceiver({ config: this.config, intake, tokens, logger: ctx.logger, connectors: new Set(connectorNames()) });
    const address = await listen(this.server, this.config.host, this.config.port);
    const url = `${this.config.tls ? "https" : "http"}://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`;
    ctx.logger.info({ url, spoolDir: this.spool.dir }, "http receiver listening");
    this.resolveUrl(url);
    if (!this.config.grpc) return;
    this.grpcServer = createGrpcReceiver({ config: this.config, intake, tokens, logger: ctx.logger });
    const grpcAddress = await listenGrpc(this.grpcServer, this.config, this.config.grpc.host ?? this.config.host, this.config.grpc.port);
    ctx.logger.info({ address: grpcAddress, tls: this.config.tls !== undefined }, "otlp grpc receiver listening");
    this.resolveGrpcAddress(grpcAddress);
  }

  /** Told which spool position every sink acknowledged: spool segments before it are deleted. */
  async committed(checkpoint: Checkpoint): Promise<void> {
    const value = checkpoint[POSITION_KEY];
    if (value !== undefined) await this.spool.commit(validate(SpoolPosition, value, `checkpoint "${POSITION_KEY}"`));
  }

  async close(): Promise<void> {
    const [server, grpcServer] = [this.server, this.grpcServer];
    this.server = undefined;
    this.grpcServer = undefined;
    await Promise.all([server && shutdown(server), grpcServer && shutdownGrpc(grpcServer)]);
    await this.spool.close();
  }
}
