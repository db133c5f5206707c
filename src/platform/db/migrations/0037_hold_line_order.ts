/**
 * The line of a title at a library is in the order of its holds' ids (`holds_first_in_line`,
 * and the place a member is told). Two placements at the same instant drew their ids from the
 * insert's default before `holds_within_limits` serialised them on the title's lock, so the one
 * with the later id could commit first and read back a place that left out the other. The ids
 * are now drawn in the trigger, after the lock (found by `test/holds/holds.test.ts` "keeps the
 * hold limits when placements arrive at the same instant" on PostgreSQL: places 1, 2, 2).
 */
export const statements = [
  `create or replace function holds_within_limits() returns trigger language plpgsql as $$
   declare
     member_limit integer;
     per_copy integer;
     active integer;
     waiting integer;
     copies integer;
   begin
     perform 1 from members where id = new.member_id for no key update;
     perform 1 from bib_records where id = new.record_id for no key update;
     select least(coalesce(r.hold_limit, n.hold_limit), n.hold_limit),
            least(coalesce(r.hold_queue_per_copy, n.hold_queue_per_copy), n.hold_queue_per_copy)
       into member_limit, per_copy
       from network_rules n
       left join library_loan_rules r on r.library_id = new.library_id;
     select count(*) into active from holds
      where member_id = new.member_id and library_id = new.library_id
        and state in ('waiting', 'ready');
     if active >= member_limit then
       raise exception 'hold limit of % reached', member_limit
         using errcode = 'check_violation', constraint = 'holds_limit';
     end if;
     select count(*) into copies from items
      where record_id = new.record_id and library_id = new.library_id and loanable;
     select count(*) into waiting from holds
      where record_id = new.record_id and library_id = new.library_id and state = 'waiting';
     if waiting >= per_copy * copies then
       raise exception 'the line of % members is full', per_copy * copies
         using errcode = 'check_violation', constraint = 'holds_queue_full';
     end if;
     -- The line's order is its ids' order: drawn here, under the title's lock, a hold later in
     -- the line also commits later, so the place a placement reads back after its commit counts
     -- every hold before it. (The id drawn by the insert's default, before the lock, could be
     -- earlier than that of a placement which took the lock and committed first.) A database
     -- being copied keeps its ids.
     if current_setting('library_one.copying', true) is distinct from 'on' then
       new.id := nextval(pg_get_serial_sequence('holds', 'id'));
     end if;
     return new;
   end $$`,
];
