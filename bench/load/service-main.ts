/**
 * The service under load, in a process of its own (so that the load drivers do not share its
 * event loop, and so that `node --cpu-prof` profiles only the service): `openService` on the
 * bench database from DATABASE_URL, HTTP and SIP2 on free ports. Prints one JSON line when it
 * listens; SIGTERM closes it cleanly (which also writes the CPU profile).
 */
import { openService } from '../../src/app.js';
import { loadConfig } from '../../src/platform/config.js';
import { createLogger } from '../../src/platform/logger.js';

const config = loadConfig();
const service = await openService({ config, logger: createLogger('silent') });
const { httpUrl, sip2Port } = await service.listen();
process.stdout.write(`${JSON.stringify({ ready: true, httpUrl, sip2Port })}\n`);
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await service.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
