import type { Kysely } from 'kysely';
import { createLibraryRepository, type LibraryRepository } from './modules/libraries/index.js';
import type { Clock } from './platform/clock.js';
import type { DB } from './platform/db/schema.js';
import type { Logger } from './platform/logger.js';
import { createMetrics, type Metrics } from './platform/metrics.js';

/** The composition root: everything a front door needs, built once per process. */
export interface AppContext {
  db: Kysely<DB>;
  clock: Clock;
  logger: Logger;
  libraries: LibraryRepository;
  metrics: Metrics;
}

export function createAppContext(db: Kysely<DB>, clock: Clock, logger: Logger): AppContext {
  return { db, clock, logger, libraries: createLibraryRepository(db), metrics: createMetrics() };
}
