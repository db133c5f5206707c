/**
 * Accounts created before go-live (a database of an earlier release, where `start` always seeded
 * the demo) may still sign in with README's published demo passwords, but 0020 marked none of them:
 * SQL cannot check an Argon2 hash. Rows that exist now are marked "not vetted"; the production
 * start verifies their hashes once against the demo passwords, sets `demo_password` where one
 * matches, and marks them vetted. Rows created from now on are vetted from the start (the demo
 * seed marks its own).
 */
export const statements = [
  'alter table staff add column password_vetted boolean not null default false',
  'alter table staff alter column password_vetted set default true',
  'alter table terminals add column password_vetted boolean not null default false',
  'alter table terminals alter column password_vetted set default true',
];
