import type { ConcurrentStep } from '../migrate.js';

/**
 * The statistics count a period's holds (placed; collected, not collected and cancelled by the
 * day they ended): each a range of its own index, not a scan of the holds of the last 180 days
 * (docs/privacy.md: ended holds are kept as long as the notice log). Built without holding
 * writes (`concurrently`): members keep placing holds meanwhile.
 */
export const statements: string[] = [];

export const concurrently: ConcurrentStep[] = [
  {
    createIndex: 'holds_by_placed_at',
    sql: 'create index concurrently if not exists holds_by_placed_at on holds (placed_at)',
  },
  {
    createIndex: 'holds_by_ended_day',
    sql: 'create index concurrently if not exists holds_by_ended_day on holds (ended_day) where ended_day is not null',
  },
];
