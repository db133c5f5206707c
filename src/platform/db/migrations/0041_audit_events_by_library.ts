import type { ConcurrentStep } from '../migrate.js';

/**
 * The audit page reads a library's events (or the network's) newest first, a period and a page
 * at a time: `(at, id) < (the last shown)`. Every checkout and return writes an event, so the
 * table is the largest there is: both indexes are built without holding writes (`concurrently`),
 * as desks keep lending.
 */
export const statements: string[] = [];

export const concurrently: ConcurrentStep[] = [
  {
    createIndex: 'audit_events_by_library',
    sql: 'create index concurrently if not exists audit_events_by_library on audit_events (library_id, at, id)',
  },
  {
    createIndex: 'audit_events_by_time',
    sql: 'create index concurrently if not exists audit_events_by_time on audit_events (at, id)',
  },
];
