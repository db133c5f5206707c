/**
 * The loan write guard (issue 13, point 3): the limits trigger of 0005 also refuses a member who
 * is not active, is suspended on the loan day, or has an overdue loan. The service's pure rules
 * decide first and explain a refusal; this is what holds when a withdrawal, a late return at
 * another library or the turn of a day lands between a checkout's read and its write.
 *
 * It relies on READ COMMITTED (the service's and PostgreSQL's default isolation level): the
 * member row is locked first (`for no key update` — withdrawals and late returns lock it too),
 * and each later statement of the function takes a fresh snapshot, so it sees everything
 * committed before the lock was granted. See docs/security.md.
 */
export const statements = [
  `create or replace function loans_within_limits() returns trigger language plpgsql as $$
   declare
     member_status text;
     member_suspended_until date;
     open_total integer;
     open_here integer;
     overdue integer;
     network_limit integer;
     library_limit integer;
   begin
     if new.member_id is null or new.returned_at is not null then
       return new;
     end if;
     select status, suspended_until into member_status, member_suspended_until
       from members where id = new.member_id for no key update;
     if member_status is distinct from 'active' then
       raise exception 'member is %', coalesce(member_status, 'unknown')
         using errcode = 'check_violation', constraint = 'loans_member_standing';
     end if;
     if member_suspended_until is not null and member_suspended_until >= new.loan_day then
       raise exception 'member suspended through %', member_suspended_until
         using errcode = 'check_violation', constraint = 'loans_member_standing';
     end if;
     select count(*), count(*) filter (where library_id = new.library_id),
            count(*) filter (where due_date < new.loan_day)
       into open_total, open_here, overdue
       from loans where member_id = new.member_id and returned_at is null;
     if overdue > 0 then
       raise exception 'member has % overdue loans', overdue
         using errcode = 'check_violation', constraint = 'loans_member_standing';
     end if;
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
];
