/** A real server the test suite starts on loopback (Elasticsearch, Redis, ...). */
export interface TestServer {
  readonly name: string;
  /** Why it cannot start here (program not installed), or undefined when it can. */
  missing(): Promise<string | undefined>;
  start(): Promise<RunningServer>;
}

export interface RunningServer {
  readonly name: string;
  /** Exported to the tests, e.g. `AISIEM_TEST_ES_URL`. */
  readonly env: Record<string, string>;
  stop(): Promise<void>;
}
