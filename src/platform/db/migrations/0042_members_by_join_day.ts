import type { ConcurrentStep } from '../migrate.js';

/**
 * The statistics count members who joined (were verified) and who withdrew in a period: each a
 * range of its own index, not a scan of every member (millions of rows in a nation). Built
 * without holding writes (`concurrently`): desks keep registering members meanwhile.
 */
export const statements: string[] = [];

export const concurrently: ConcurrentStep[] = [
  {
    createIndex: 'members_by_verified_at',
    sql: 'create index concurrently if not exists members_by_verified_at on members (verified_at) where verified_at is not null',
  },
  {
    createIndex: 'members_by_withdrawn_at',
    sql: 'create index concurrently if not exists members_by_withdrawn_at on members (withdrawn_at) where withdrawn_at is not null',
  },
];
