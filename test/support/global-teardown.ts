import type { RunningServer } from "./test-server.js";

export default async function globalTeardown(): Promise<void> {
  const running = (globalThis as { __aisiemServers?: RunningServer[] }).__aisiemServers ?? [];
  await Promise.allSettled(running.map((s) => s.stop()));
}
