/**
 * The hold limits held by the database (rules.md "Holds"): holds per member at one library and
 * members in line for one title at a library (per loanable copy). The rules check them first and
 * say every reason; this trigger keeps them when two placements arrive at the same instant, as
 * `loans_within_limits` does for loans. Lock order as everywhere: the member first, then the
 * title (`bib_records`, which serialises the lines of a title, not the members). The hold's id,
 * its order in the line, is drawn after those locks (see the trigger's comment).
 */
export const statements = [
  `create function holds_within_limits() returns trigger language plpgsql as $$
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
  // Only a hold joining a line: copy-to-postgres brings ended and set-aside holds as they are.
  `create trigger holds_within_limits before insert on holds
     for each row when (new.state = 'waiting') execute function holds_within_limits()`,
];
