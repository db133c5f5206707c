import type { ConcurrentStep } from '../migrate.js';

/**
 * A member's loan history is their returned loans, newest return first: index exactly that. The
 * index on all loans by member it replaces took an entry at every checkout and another at every
 * return, at a random place in an index as large as the whole history; open loans have their
 * own partial index already. Both steps run outside a transaction (`concurrently`): on a large
 * loans table the build takes minutes, during which desks keep lending.
 */
export const statements: string[] = [];

export const concurrently: ConcurrentStep[] = [
  {
    createIndex: 'loans_history_by_member',
    sql: `create index concurrently if not exists loans_history_by_member
          on loans (member_id, returned_at desc, id desc) where returned_at is not null`,
  },
  { dropIndex: 'loans_by_member' },
];
