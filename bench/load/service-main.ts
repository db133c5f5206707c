/**
 * The service under load, in a process of its own (so that the load drivers do not share its
 * event loop, and so that `node --cpu-prof` profiles only the service): `openService` on the
 * bench database from DATABASE_URL, HTTP and SIP2 on free ports. Prints one JSON line when it
 * listens; SIGTERM closes it cleanly (which also writes the CPU profile). With WORKERS above 1
 * it supervises that many worker processes, as `library-one start` does.
 */
import cluster from 'node:cluster';
import { openService, prepareDatabase } from '../../src/app.js';
import { reportListening, startWorkers } from '../../src/cli/workers.js';
import { systemClock } from '../../src/platform/clock.js';
import { loadConfig } from '../../src/platform/config.js';
import { openDatabase } from '../../src/platform/db/database.js';
import { createLogger } from '../../src/platform/logger.js';

const config = loadConfig();
const ready = (line: Record<string, unknown>) =>
  process.stdout.write(`${JSON.stringify({ ready: true, ...line })}\n`);

if (config.workers > 1 && cluster.isPrimary) {
  // As `library-one start` does: the database prepared once, then the workers.
  const database = await openDatabase({ databaseUrl: config.databaseUrl, poolSize: 1 });
  await prepareDatabase(database.db, systemClock, createLogger('silent'), {}).finally(() =>
    database.close(),
  );
  const workers = await startWorkers(config.workers, {
    died: (pid, how) => console.error(`worker ${pid} died (${how})`),
    replaced: () => {},
    gaveUp: (how) => {
      console.error(how);
      process.exit(1);
    },
  });
  ready({ ...workers.address, workerPids: workers.pids() });
  const stop = async () => process.exit((await workers.stop(20_000)) ? 0 : 1);
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
} else {
  const service = await openService({ config, logger: createLogger('silent') });
  const { httpUrl, sip2Port } = await service.listen();
  if (cluster.isWorker) reportListening({ httpUrl, sip2Port });
  else ready({ httpUrl, sip2Port });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await service.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}
