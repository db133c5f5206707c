/**
 * Go-live accounts. `must_change_password`: a one-time password (the first network admin's from
 * `init`, or one an admin set in a reset) works for one thing only, choosing a new one.
 * `demo_password`: the demo seed marks the accounts it gives README's known passwords; a trigger
 * clears the mark as soon as the password changes, so `start` without `--demo` can refuse a
 * database where anyone still signs in with a published password.
 */
export const statements = [
  'alter table staff add column must_change_password boolean not null default false',
  'alter table staff add column demo_password boolean not null default false',
  'alter table terminals add column demo_password boolean not null default false',
  `create function clear_demo_password() returns trigger language plpgsql as $$
   begin
     new.demo_password := false;
     return new;
   end $$`,
  `create trigger staff_demo_password_cleared before update of password_hash on staff
   for each row when (old.password_hash is distinct from new.password_hash)
   execute function clear_demo_password()`,
  `create trigger terminals_demo_password_cleared before update of password_hash on terminals
   for each row when (old.password_hash is distinct from new.password_hash)
   execute function clear_demo_password()`,
];
