/**
 * A check a statement makes of its own effects: `statement_check(ok, name)` raises a
 * check_violation named `name` when `ok` is false, so that a statement whose data-modifying CTEs
 * did not all happen (e.g. a loan closed but its copy not set aside for the hold it read, because
 * another return set that hold's copy aside at the same moment) fails whole and changes nothing.
 */
export const statements = [
  `create function statement_check(ok boolean, name text) returns boolean language plpgsql as $$
   begin
     if ok is not true then
       raise exception 'statement check % failed', name
         using errcode = 'check_violation', constraint = name;
     end if;
     return true;
   end $$`,
];
