/**
 * A member's loan history is their returned loans, newest return first: index exactly that. The
 * index on all loans by member it replaces took an entry at every checkout and another at every
 * return, at a random place in an index as large as the whole history; open loans have their
 * own partial index already.
 */
export const statements = [
  `create index loans_history_by_member on loans (member_id, returned_at desc, id desc)
   where returned_at is not null`,
  'drop index loans_by_member',
];
