import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (chat-react's parent). */
export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Ports of the end-to-end run: apart from the local run's defaults (8080, 15432, 18090...) and from
 * the chaos runs (18080), so a developer's own local run may stay up while the tests run.
 */
export const E2E = {
  firstNodePort: Number(process.env['CHAT_E2E_NODE_PORT'] ?? 28080),
  infraPort: Number(process.env['CHAT_E2E_INFRA_PORT'] ?? 25432),
  controlPort: Number(process.env['CHAT_E2E_CONTROL_PORT'] ?? 28090),
};

export const nodeUrl = (i: number) => `http://127.0.0.1:${E2E.firstNodePort + i}`;
export const controlUrl = `http://127.0.0.1:${E2E.controlPort}`;

/**
 * How long the local run may take to start (servers, then two nodes) on a busy 2-core machine: a node
 * took over two minutes there while a build ran beside it.
 */
const NODE_START_TIMEOUT_S = 360;
const START_TIMEOUT_MS = (NODE_START_TIMEOUT_S + 60) * 1000;
const STOP_TIMEOUT_MS = 90_000;

/**
 * A real local run (LocalRun: PostgreSQL, Redis, Kafka and two nodes serving chat-react/dist), started
 * fresh in chat-react/target/e2e-run and stopped (SIGTERM: nodes, then servers) by `stop()`.
 */
export class LocalRunProcess {
  private constructor(
    private readonly process: ChildProcess,
    readonly logFile: string,
  ) {}

  static async start(): Promise<LocalRunProcess> {
    const classpath = join(REPO, 'chat-infra', 'target', 'runtime-classpath.txt');
    const jar = join(REPO, 'chat-webflux', 'target', 'chat-webflux.jar');
    const client = join(REPO, 'chat-react', 'dist', 'index.html');
    for (const needed of [classpath, jar, client]) {
      if (!existsSync(needed)) {
        throw new Error(`${needed} is missing: build first (./mvnw -pl chat-react -am package -DskipTests)`);
      }
    }
    const target = join(REPO, 'chat-react', 'target');
    mkdirSync(target, { recursive: true });
    const logFile = join(target, 'e2e-local-run.log');
    const log = openSync(logFile, 'w');
    const java = process.env['JAVA_HOME'] ? join(process.env['JAVA_HOME'], 'bin', 'java') : 'java';
    const child = spawn(
      java,
      [
        '-Dlogback.configurationFile=local-run-logback.xml',
        '-cp',
        `${join(REPO, 'chat-infra', 'target', 'classes')}:${readFileSync(classpath, 'utf8').trim()}`,
        'io.chatscalable.infra.local.LocalRun',
        '--nodes', '2',
        '--port', String(E2E.firstNodePort),
        '--infra-port', String(E2E.infraPort),
        '--control-port', String(E2E.controlPort),
        '--data-dir', join(target, 'e2e-run'),
        '--client-dir', join(REPO, 'chat-react', 'dist'),
        '--fresh',
      ],
      {
        cwd: REPO,
        stdio: ['ignore', log, log],
        env: {
          ...process.env,
          // Small heaps and a quick JIT, as the Java tests' nodes: start-up matters more than peak speed here.
          CHAT_NODE_JAVA_OPTS: '-Xmx512m -XX:TieredStopAtLevel=1',
          CHAT_NODE_START_TIMEOUT_SECONDS: String(NODE_START_TIMEOUT_S),
        },
      },
    );
    closeSync(log);
    const run = new LocalRunProcess(child, logFile);
    try {
      await run.awaitReady();
    } catch (error) {
      await run.stop();
      throw error;
    }
    return run;
  }

  private async awaitReady(): Promise<void> {
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (this.process.exitCode !== null) {
        throw new Error(`The local run exited (${this.process.exitCode}); see ${this.logFile}`);
      }
      // The fault control starts after every node is healthy.
      if (await answers(`${controlUrl}/status`)) {
        return;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error(`The local run did not start within ${START_TIMEOUT_MS / 1000} s; see ${this.logFile}`);
  }

  /** A fault of the local run's control endpoint, e.g. `nodes/2/kill` (see docs/reliability.md). */
  async fault(action: string): Promise<void> {
    const response = await fetch(`${controlUrl}/${action}`, { method: 'POST' });
    if (!response.ok) {
      throw new Error(`Fault ${action} failed: ${response.status} ${await response.text()}`);
    }
  }

  async stop(): Promise<void> {
    if (this.process.exitCode !== null || this.process.signalCode !== null) {
      return;
    }
    const exited = new Promise<void>((r) => this.process.once('exit', () => r()));
    this.process.kill('SIGTERM');
    const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), STOP_TIMEOUT_MS));
    if ((await Promise.race([exited, timeout])) === 'timeout') {
      // Its servers and nodes run under a guard that stops them when this JVM dies.
      this.process.kill('SIGKILL');
      await exited;
    }
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return response.ok;
  } catch {
    return false;
  }
}
