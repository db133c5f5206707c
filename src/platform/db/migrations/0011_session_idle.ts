/**
 * Sessions end after a time without use as well as at their absolute end (issue 13, point 4):
 * when the session was last used, moved forward at most once a minute.
 */
export const statements = [
  'alter table sessions add column last_seen_at timestamptz',
  'update sessions set last_seen_at = created_at',
  'alter table sessions alter column last_seen_at set not null',
];
