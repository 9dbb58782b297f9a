/**
 * Connecting to Elasticsearch: config, picking the client major that fits the cluster, and the
 * errors a user can act on. `@elastic/elasticsearch` 9.x sends `compatible-with=9`, which 8.x
 * clusters refuse; 8.x sends `compatible-with=8`, which 9.x clusters accept through REST API
 * compatibility (reference note elastic.md §4). So: 9.x client for 9.x and Serverless, 8.x
 * client for 8.x, and the 8.x client when the version cannot be read.
 */
import { readFileSync } from "node:fs";
import { Client as Client9 } from "@elastic/elasticsearch";
import { Client as Client8 } from "elasticsearch8";
import { z } from "zod";

export const ConnectionConfig = z
  .object({
    /** Cluster URL(s), e.g. `https://es.example.com:9200`. */
    node: z.union([z.url(), z.array(z.url()).min(1)]).optional(),
    /** Elastic Cloud deployment id, instead of `node`. */
    cloudId: z.string().min(1).optional(),
    /** API key (the base64 `id:api_key` form Kibana shows as "encoded"); use `${ENV}` or `${file:...}` in config. */
    apiKey: z.string().min(1).optional(),
    username: z.string().min(1).optional(),
    password: z.string().min(1).optional(),
    tls: z
      .object({
        /** PEM file of the CA that signed the cluster's certificate. */
        ca: z.string().min(1).optional(),
        /** SHA-256 fingerprint of that CA certificate (what Elasticsearch prints at first start). */
        fingerprint: z
          .string()
          .regex(/^([0-9A-Fa-f]{2}:?){32}$/, "a SHA-256 fingerprint: 64 hex digits, colons optional")
          .optional(),
        /** Verify the certificate and host name; off is for lab use only. */
        verify: z.boolean().default(true),
      })
      .default({ verify: true }),
    /** Which client major to speak: `auto` reads the cluster version first. */
    clientMajor: z.union([z.literal("auto"), z.literal(8), z.literal(9)]).default("auto"),
    requestTimeoutMs: z.number().int().positive().default(30_000),
    /** Whole-request retries by the client on 502/503/504 and connection errors. */
    maxRetries: z.number().int().nonnegative().default(3),
  })
  .refine((c) => Boolean(c.node) !== Boolean(c.cloudId), { message: "give either `node` or `cloudId`", path: ["node"] })
  .refine((c) => !(c.apiKey && (c.username || c.password)), { message: "give either `apiKey` or `username`/`password`", path: ["apiKey"] })
  .refine((c) => Boolean(c.username) === Boolean(c.password), { message: "`username` and `password` go together", path: ["password"] });
export type ConnectionConfig = z.infer<typeof ConnectionConfig>;

/**
 * The client surface aisiem uses. The 8.19 and 9.x clients share it (bulk with `operations`,
 * templates, point in time, search), so both are handled through the 9.x typings.
 */
export type EsClient = Client9;

export interface ServerInfo {
  version: string;
  major: number;
  serverless: boolean;
}

export class NotElasticsearchError extends Error {
  constructor(where: string, options?: ErrorOptions) {
    super(
      `the server at ${where} is not Elasticsearch (its responses lack the x-elastic-product header): ` +
        "OpenSearch and other look-alikes are not supported, and a proxy in between must pass the header through",
      options,
    );
    this.name = "NotElasticsearchError";
  }
}

function clientOptions(config: ConnectionConfig) {
  const auth = config.apiKey
    ? { apiKey: config.apiKey }
    : config.username && config.password
      ? { username: config.username, password: config.password }
      : undefined;
  return {
    ...(config.node ? { node: config.node } : { cloud: { id: config.cloudId! } }),
    ...(auth && { auth }),
    tls: { rejectUnauthorized: config.tls.verify, ...(config.tls.ca && { ca: readFileSync(config.tls.ca) }) },
    ...(config.tls.fingerprint && { caFingerprint: config.tls.fingerprint.toUpperCase() }),
    requestTimeout: config.requestTimeoutMs,
    maxRetries: config.maxRetries,
    name: "aisiem",
  };
}

export function createClient(config: ConnectionConfig, major: 8 | 9, serverless = false): EsClient {
  if (major === 9) return new Client9({ ...clientOptions(config), ...(serverless && { serverMode: "serverless" as const }) });
  // Same call shapes for everything aisiem uses; see EsClient.
  return new Client8(clientOptions(config)) as unknown as EsClient;
}

const where = (config: ConnectionConfig) => (config.cloudId ? "the Elastic Cloud deployment" : [config.node].flat().join(", "));

/** True for the transport's "not Elasticsearch" error, from either client major. */
export function isProductError(error: unknown): boolean {
  return (error as Error | undefined)?.name === "ProductNotSupportedError";
}

/** HTTP status of a client error, when the server answered. */
export function statusOf(error: unknown): number | undefined {
  return (error as { meta?: { statusCode?: number } } | undefined)?.meta?.statusCode;
}

/**
 * Reads the cluster's version with the 8.x client (which every 8.x and 9.x cluster accepts).
 * `GET /` needs the `rest-root` module; without it (a minimal node) the local node info answers.
 */
export async function detectServer(config: ConnectionConfig): Promise<ServerInfo | undefined> {
  const probe = createClient(config, 8);
  try {
    let version: string | undefined;
    let flavor: string | undefined;
    try {
      const info = await probe.info();
      version = info.version.number;
      flavor = info.version.build_flavor;
    } catch (error) {
      if (isProductError(error)) throw error;
      const status = statusOf(error);
      if (status !== 404 && status !== 405) throw error;
      const nodes = await probe.nodes.info({ node_id: "_local", metric: "_none", filter_path: "nodes.*.version" });
      version = Object.values(nodes.nodes ?? {})[0]?.version;
    }
    if (!version) return undefined;
    return { version, major: Number(version.split(".")[0]), serverless: flavor === "serverless" };
  } catch (error) {
    if (isProductError(error)) throw new NotElasticsearchError(where(config), { cause: error });
    if (statusOf(error) === 401) throw new Error(`Elasticsearch at ${where(config)} refused the credentials (401)`, { cause: error });
    // No right to read the version: the 8.x client fits both majors.
    if (statusOf(error) === 403) return undefined;
    throw error;
  } finally {
    await probe.close();
  }
}

/** A client of the major that fits the cluster, and what the cluster said about itself. */
export async function connect(config: ConnectionConfig): Promise<{ client: EsClient; server?: ServerInfo }> {
  if (config.clientMajor !== "auto") return { client: createClient(config, config.clientMajor) };
  const server = await detectServer(config);
  const major = server && (server.major >= 9 || server.serverless) ? 9 : 8;
  return { client: createClient(config, major, server?.serverless), ...(server && { server }) };
}
