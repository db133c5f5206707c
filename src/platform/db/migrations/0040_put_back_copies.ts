/**
 * The desk's put-back list: a copy that sat on the hold shelf and whose hold ended without a loan
 * (cancelled, its pickup window over, its member withdrawn) with nobody next in line is on the
 * open shelf to the system while it still sits on the hold shelf. It waits here until a desk
 * puts it back (or it is lent or set aside again). No personal data: the copy and why.
 */
export const statements = [
  `create table put_back_copies (
     item_id integer primary key references items(id) on delete cascade,
     library_id integer not null references libraries(id),
     released_at timestamptz not null,
     reason text not null check (reason in ('cancelled', 'expired', 'withdrawn'))
   )`,
  'create index put_back_copies_by_library on put_back_copies (library_id, released_at)',
];
