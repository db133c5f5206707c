import type { ConcurrentStep } from '../migrate.js';

/**
 * The statistics count a period's inter-library requests four ways (placed, sent, collected, not
 * filled): each a range of its own index, not a scan of every request the network ever had
 * (requests keep their rows, detached from withdrawn members, so the table only grows). Built
 * without holding writes (`concurrently`): members keep placing requests meanwhile.
 */
export const statements: string[] = [];

const index = (name: string, column: string): ConcurrentStep => ({
  createIndex: name,
  sql: `create index concurrently if not exists ${name} on inter_library_requests (${column}) where ${column} is not null`,
});

export const concurrently: ConcurrentStep[] = [
  index('inter_library_requests_by_request_day', 'request_day'),
  index('inter_library_requests_by_sent_at', 'sent_at'),
  index('inter_library_requests_by_collected_at', 'collected_at'),
  index('inter_library_requests_by_outcome_day', 'outcome_day'),
];
