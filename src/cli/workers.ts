/**
 * WORKERS=N (docs/deploy.md "Several processes"): one Node.js thread answers every request of a
 * process, so a machine with several cores runs several service processes. The primary forks
 * them (node:cluster) and answers no request itself (but /metrics): the workers share the HTTP and SIP2 ports (the
 * primary hands each new connection to the next worker), each with its own database pool; they
 * share the database and nothing else, as several processes behind a load balancer do.
 */
import cluster, { type Worker } from 'node:cluster';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';

export interface WorkerAddress {
  httpUrl: string;
  sip2Port: number;
}

interface ListeningMessage extends WorkerAddress {
  kind: 'library-one:listening';
}

function isListening(message: unknown): message is ListeningMessage {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { kind?: unknown }).kind === 'library-one:listening'
  );
}

/** In a worker: tells the primary that this process listens, and where. */
export function reportListening(address: WorkerAddress): void {
  const message: ListeningMessage = { kind: 'library-one:listening', ...address };
  process.send?.(message);
}

export interface Workers {
  /** Where the workers listen (the same ports for all). */
  address: WorkerAddress;
  /** The processes serving now. */
  pids(): number[];
  /**
   * SIGTERM to every worker, each of which finishes what is under way and exits; true when all
   * exited cleanly within `graceMs` (the rest are killed).
   */
  stop(graceMs: number): Promise<boolean>;
}

export interface WorkerEvents {
  /** A worker died while serving; another is started in its place. */
  died(pid: number | undefined, how: string): void;
  /** The worker started in place of a dead one listens. */
  replaced(deadPid: number | undefined, pid: number | undefined): void;
  /** A worker started in place of a dead one died before it listened: the service stops. */
  gaveUp(how: string): void;
}

/** Waits until the worker reports where it listens; rejects if it exits first. */
function listening(worker: Worker): Promise<WorkerAddress> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: unknown) => {
      if (!isListening(message)) return;
      worker.off('exit', onExit);
      worker.off('message', onMessage);
      resolve({ httpUrl: message.httpUrl, sip2Port: message.sip2Port });
    };
    const onExit = (code: number | null, signal: string | null) => {
      worker.off('message', onMessage);
      reject(
        new Error(`a worker process exited before it listened (${exitDescription(code, signal)})`),
      );
    };
    worker.on('message', onMessage);
    worker.once('exit', onExit);
  });
}

function exitDescription(code: number | null, signal: string | null): string {
  return signal ? `killed by ${signal}` : `exit code ${code}`;
}

/**
 * In the primary: starts `count` workers running this same program, all at once (the caller has
 * prepared the database: two workers must not both seed an empty one). A worker that dies while
 * serving is replaced at once; if its replacement dies before it listens, something is wrong
 * beyond one process and `events.gaveUp` is told.
 */
export async function startWorkers(count: number, events: WorkerEvents): Promise<Workers> {
  let stopping = false;
  const serving = new Set<Worker>();

  const watch = (worker: Worker) => {
    serving.add(worker);
    worker.once('exit', (code, signal) => {
      serving.delete(worker);
      if (stopping) return;
      const how = exitDescription(code, signal);
      events.died(worker.process.pid, how);
      const replacement = cluster.fork();
      listening(replacement).then(
        () => {
          watch(replacement);
          events.replaced(worker.process.pid, replacement.process.pid);
        },
        (error: Error) => {
          if (!stopping) events.gaveUp(error.message);
        },
      );
    });
  };

  const forkListening = async () => {
    const worker = cluster.fork();
    try {
      const address = await listening(worker);
      watch(worker);
      return address;
    } catch (error) {
      stopping = true;
      throw error;
    }
  };

  const stopAll = async (graceMs: number): Promise<boolean> => {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter(
      (w): w is Worker => w !== undefined,
    );
    const exits = workers.map((w) =>
      w.isDead()
        ? Promise.resolve(w.process.exitCode === 0)
        : once(w, 'exit').then(([code]) => code === 0),
    );
    for (const worker of workers) if (!worker.isDead()) worker.process.kill('SIGTERM');
    const clean = await Promise.race([
      Promise.all(exits).then((codes) => codes.every(Boolean)),
      sleep(graceMs, false, { ref: false }),
    ]);
    for (const worker of workers) if (!worker.isDead()) worker.process.kill('SIGKILL');
    return clean;
  };

  let addresses: WorkerAddress[];
  try {
    addresses = await Promise.all(Array.from({ length: count }, forkListening));
  } catch (error) {
    await stopAll(5_000);
    throw error;
  }
  return {
    address: addresses[0]!,
    pids: () => [...serving].map((w) => w.process.pid).filter((pid) => pid !== undefined),
    stop: stopAll,
  };
}
