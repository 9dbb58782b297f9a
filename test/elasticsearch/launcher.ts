/**
 * Runs the Elasticsearch integ-test distribution (fetched from Maven Central by
 * .ci/install.d/30-elasticsearch.sh) as a single node on loopback: a fresh config, data and log
 * folder per start, ephemeral HTTP and transport ports read back from the ports file, security on
 * with one file-realm superuser so the sink's basic auth is exercised for real.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chownSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const pom = readFileSync(join(here, "pom.xml"), "utf8");
export const ES_VERSION = /<elasticsearch\.version>([^<]+)</.exec(pom)?.[1] ?? "unknown";
export const ES_HOME = join(here, "..", ".servers", `elasticsearch-${ES_VERSION}`);
export const ES_USER = "aisiem-test";
export const ES_PASSWORD = "aisiem-test-password";

/** Elasticsearch refuses to run as root; under root the node runs as `nobody`. */
const RUN_AS = "nobody";

export function javaHome(): string | undefined {
  if (process.env.ES_JAVA_HOME) return process.env.ES_JAVA_HOME;
  if (process.env.JAVA_HOME) return process.env.JAVA_HOME;
  const jvms = "/usr/lib/jvm";
  if (!existsSync(jvms)) return undefined;
  // Elasticsearch 8.19 runs on Java 17 and newer; take a 17 when present, it is what CI installs.
  const candidates = readdirSync(jvms).filter((name) => /17|21|25/.test(name) && existsSync(join(jvms, name, "bin", "java")));
  const preferred = candidates.find((name) => name.includes("17")) ?? candidates[0];
  return preferred ? join(jvms, preferred) : undefined;
}

export function missing(): string | undefined {
  if (!existsSync(join(ES_HOME, "bin", "elasticsearch"))) {
    return `Elasticsearch ${ES_VERSION} is not unpacked in ${ES_HOME} (run .ci/install.d/30-elasticsearch.sh)`;
  }
  if (!javaHome()) return "no Java 17+ found (set ES_JAVA_HOME or install openjdk-17-jdk-headless)";
  if (process.getuid?.() === 0 && spawnSync("setpriv", ["--version"]).status !== 0) return "running as root needs `setpriv` (util-linux)";
  return undefined;
}

export interface EsNode {
  url: string;
  username: string;
  password: string;
  stop(): Promise<void>;
}

export async function startNode(timeoutMs = 120_000): Promise<EsNode> {
  const java = javaHome();
  if (!java) throw new Error("no Java found for Elasticsearch");
  const runDir = mkdtempSync(join(tmpdir(), "aisiem-es-"));
  const config = join(runDir, "config");
  mkdirSync(join(runDir, "tmp"));
  cpSync(join(ES_HOME, "config"), config, { recursive: true });
  writeFileSync(
    join(config, "elasticsearch.yml"),
    [
      "cluster.name: aisiem-test",
      "node.name: aisiem-test",
      `path.data: ${join(runDir, "data")}`,
      `path.logs: ${join(runDir, "logs")}`,
      "network.host: 127.0.0.1",
      "http.port: 0",
      "transport.port: 0",
      "discovery.type: single-node",
      // Writes logs/http.ports once the port is bound: how the launcher learns the ephemeral port.
      "node.portsfile: true",
      "xpack.security.enabled: true",
      "xpack.security.http.ssl.enabled: false",
      "xpack.security.transport.ssl.enabled: false",
      "action.destructive_requires_name: false",
      "",
    ].join("\n"),
  );
  const env = { ...process.env, ES_JAVA_HOME: java, ES_PATH_CONF: config, ES_TMPDIR: join(runDir, "tmp"), ES_JAVA_OPTS: "-Xms512m -Xmx512m" };
  const users = spawnSync(join(ES_HOME, "bin", "elasticsearch-users"), ["useradd", ES_USER, "-p", ES_PASSWORD, "-r", "superuser"], { env, encoding: "utf8" });
  if (users.status !== 0) throw new Error(`elasticsearch-users failed: ${users.stderr || users.stdout}`);

  const asRoot = process.getuid?.() === 0;
  const dropPrivileges = [`--reuid=${RUN_AS}`, `--regid=${groupOf(RUN_AS)}`, "--clear-groups"];
  let home = ES_HOME;
  // A checkout under a private folder (e.g. /root) is out of reach for `nobody`: run a copy then.
  if (asRoot && spawnSync("setpriv", [...dropPrivileges, "test", "-x", join(ES_HOME, "bin", "elasticsearch")]).status !== 0) {
    home = join(runDir, "home");
    cpSync(ES_HOME, home, { recursive: true });
  }
  if (asRoot) chownTree(runDir, RUN_AS);
  const command = asRoot ? "setpriv" : join(home, "bin", "elasticsearch");
  const args = asRoot ? [...dropPrivileges, join(home, "bin", "elasticsearch")] : [];
  const child = spawn(command, args, { env, cwd: home, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString("utf8"));
    if (output.length > 200) output.shift();
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);

  const stop = async () => {
    await killGroup(child);
    rmSync(runDir, { recursive: true, force: true });
  };
  try {
    const address = await waitForPortsFile(join(runDir, "logs", "http.ports"), child, timeoutMs);
    const node = { url: `http://${address}`, username: ES_USER, password: ES_PASSWORD, stop };
    await waitForHealth(node, timeoutMs);
    return node;
  } catch (error) {
    await stop();
    throw new Error(`Elasticsearch did not start: ${(error as Error).message}\n${output.join("").slice(-4000)}`, { cause: error });
  }
}

function groupOf(user: string): string {
  const result = spawnSync("id", ["-gn", user], { encoding: "utf8" });
  return result.status === 0 ? result.stdout.trim() : "nogroup";
}

function chownTree(path: string, user: string): void {
  const uid = Number(spawnSync("id", ["-u", user], { encoding: "utf8" }).stdout.trim());
  const gid = Number(spawnSync("id", ["-g", user], { encoding: "utf8" }).stdout.trim());
  chownSync(path, uid, gid);
  if (statSync(path).isDirectory()) for (const entry of readdirSync(path)) chownTree(join(path, entry), user);
}

async function waitForPortsFile(path: string, child: ChildProcess, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the process exited with code ${child.exitCode}`);
    if (existsSync(path)) {
      const first = readFileSync(path, "utf8").split("\n")[0]?.trim();
      if (first) return first;
    }
    await sleep(250);
  }
  throw new Error(`no ${path} after ${timeoutMs} ms`);
}

async function waitForHealth(node: Omit<EsNode, "stop">, timeoutMs: number): Promise<void> {
  const auth = "Basic " + Buffer.from(`${node.username}:${node.password}`).toString("base64");
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${node.url}/_cluster/health?wait_for_status=yellow&timeout=5s`, { headers: { authorization: auth } });
      const body = (await response.json()) as { status?: string };
      if (response.ok && (body.status === "green" || body.status === "yellow")) return;
      last = JSON.stringify(body);
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(500);
  }
  throw new Error(`cluster not healthy after ${timeoutMs} ms: ${last}`);
}

async function killGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // already gone
    }
  }, 20_000);
  await exited;
  clearTimeout(timer);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
