/**
 * Holds (issue 20, 예약): a member's place in line for a title (bibliographic record) at a
 * library, first come first served, and the copy set aside for the first in line when one comes
 * back (docs/rules.md "Holds"). The invariants that must hold under concurrency live here:
 * one trap per copy, one active hold per member, title and library, the queue's order, and no
 * loan of a trapped copy to anyone but its holder (checked after the loan's row is in place, so
 * that a checkout racing a return sees the return's trap once it has waited for the return).
 */
export const statements = [
  `create table holds (
     id integer generated always as identity primary key,
     member_id integer not null references members(id),
     record_id integer not null references bib_records(id),
     library_id integer not null references libraries(id),
     state text not null default 'waiting'
       check (state in ('waiting', 'ready', 'collected', 'cancelled', 'expired')),
     placed_at timestamptz not null,
     -- the copy set aside (state ready), kept afterwards for the record
     item_id integer references items(id),
     ready_at timestamptz,
     -- the last day the copy waits for the member (an open day of the library)
     pickup_until date,
     ended_at timestamptz,
     -- the business day the hold ended: no-shows are counted by it
     ended_day date,
     loan_id integer references loans(id),
     check (state <> 'ready' or (item_id is not null and pickup_until is not null))
   )`,
  // One trap per copy, one active hold per member, title and library, whoever writes.
  `create unique index holds_one_trap_per_copy on holds (item_id) where state = 'ready'`,
  `create unique index holds_one_active_per_member
     on holds (member_id, record_id, library_id) where state in ('waiting', 'ready')`,
  // The line: the waiting holds of a title at a library in the order they were placed.
  `create index holds_line on holds (record_id, library_id, id) where state = 'waiting'`,
  `create index holds_ready on holds (library_id, pickup_until) where state = 'ready'`,
  'create index holds_by_member on holds (member_id, id desc)',

  // First come, first served: a hold is set aside only when no earlier one waits in its line.
  `create function holds_first_in_line() returns trigger language plpgsql as $$
   begin
     if new.state = 'ready' and old.state = 'waiting' and exists (
          select 1 from holds h
           where h.record_id = new.record_id and h.library_id = new.library_id
             and h.state = 'waiting' and h.id < new.id) then
       raise exception 'hold % is not first in line', new.id
         using errcode = 'check_violation', constraint = 'holds_first_in_line';
     end if;
     return new;
   end $$`,
  `create trigger holds_first_in_line before update of state on holds
     for each row execute function holds_first_in_line()`,

  // A loan of a copy set aside for someone else is refused; a loan of a held title by its holder
  // at that library collects the hold. After the row is in place: a checkout that waited for a
  // return (the unique open loan per item) reads the return's trap with this statement's snapshot.
  `create function loans_respect_holds() returns trigger language plpgsql as $$
   declare
     held_for integer;
   begin
     if new.member_id is null then
       return null;
     end if;
     -- The copy's row, as a trap sets it aside (holds lock it first): a trap in progress is waited for.
     perform 1 from items where id = new.item_id for key share;
     select member_id into held_for from holds where item_id = new.item_id and state = 'ready';
     if held_for is not null and held_for <> new.member_id then
       raise exception 'item % is set aside for another member', new.item_id
         using errcode = 'check_violation', constraint = 'loans_item_on_hold';
     end if;
     update holds set state = 'collected', loan_id = new.id, ended_at = new.loaned_at,
                      ended_day = new.loan_day
      where member_id = new.member_id and library_id = new.library_id
        and state in ('waiting', 'ready')
        and record_id = (select record_id from items where id = new.item_id);
     return null;
   end $$`,
  `create trigger loans_respect_holds after insert on loans
     for each row execute function loans_respect_holds()`,

  // The hold rules: the network's defaults, which a library may lower (null: the network's).
  `alter table network_rules
     add column hold_limit integer not null default 3 check (hold_limit between 0 and 50),
     add column hold_queue_per_copy integer not null default 3 check (hold_queue_per_copy between 1 and 50),
     add column hold_pickup_days integer not null default 3 check (hold_pickup_days between 1 and 30),
     add column hold_no_show_limit integer not null default 3 check (hold_no_show_limit between 1 and 50),
     add column hold_no_show_window_days integer not null default 30 check (hold_no_show_window_days between 1 and 365),
     add column hold_ban_days integer not null default 30 check (hold_ban_days between 0 and 365)`,
  `alter table library_loan_rules
     add column hold_limit integer check (hold_limit between 0 and 50),
     add column hold_queue_per_copy integer check (hold_queue_per_copy between 1 and 50),
     add column hold_pickup_days integer check (hold_pickup_days between 1 and 30)`,

  // The member hears that a copy is set aside for them (kind hold_ready, with the hold).
  'alter table notices add column hold_id integer references holds(id)',
  'alter table notices drop constraint notices_kind_check',
  `alter table notices add constraint notices_kind_check check (kind in ('due_soon', 'due_today',
     'overdue', 'suspension_started', 'suspension_ended', 'card_issued', 'card_lost',
     'consent_renewal', 'hold_ready'))`,
  'drop index notices_once_a_day',
  `create unique index notices_once_a_day
     on notices (kind, member_id, coalesce(loan_id, 0), coalesce(hold_id, 0), channel, day)`,
];
