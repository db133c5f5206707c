/**
 * The loan limits (rules.md Loans), enforced by the database as well: a checkout is one INSERT
 * without a prior lock, so two desks lending to one member at the same instant must not both
 * pass the limit. The service checks the same limits first to explain a refusal; this trigger is
 * what makes them hold under concurrency, as the unique index does for one open loan per item.
 */
export const statements = [
  `create function loans_within_limits() returns trigger language plpgsql as $$
   declare
     open_total integer;
     open_here integer;
     network_limit integer;
     library_limit integer;
   begin
     if new.member_id is null or new.returned_at is not null then
       return new;
     end if;
     -- One checkout per member at a time; each statement below takes a fresh snapshot
     -- (READ COMMITTED), so it counts every loan committed before the lock was granted.
     perform 1 from members where id = new.member_id for no key update;
     select count(*), count(*) filter (where library_id = new.library_id)
       into open_total, open_here
       from loans where member_id = new.member_id and returned_at is null;
     select network_loan_limit into network_limit from network_rules;
     select loan_limit into library_limit from library_loan_rules where library_id = new.library_id;
     if open_total >= network_limit then
       raise exception 'network loan limit of % reached', network_limit
         using errcode = 'check_violation', constraint = 'loans_network_loan_limit';
     end if;
     if open_here >= library_limit then
       raise exception 'library loan limit of % reached', library_limit
         using errcode = 'check_violation', constraint = 'loans_library_loan_limit';
     end if;
     return new;
   end $$`,
  `create trigger loans_within_limits before insert on loans
   for each row execute function loans_within_limits()`,
];
