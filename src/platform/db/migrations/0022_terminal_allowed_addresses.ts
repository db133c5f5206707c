/**
 * Per-terminal allowed source addresses (issue 13, point 6): the CIDR ranges a self-check
 * machine may log in (SIP2 93) from, canonical (`10.20.0.0/16`, `2001:db8::/32`), set by the
 * library's admin. Empty: any address, as before this migration.
 */
export const statements = [
  "alter table terminals add column allowed_addresses text[] not null default '{}'",
];
