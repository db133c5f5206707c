/**
 * The grants of the role the service runs as when it does not own the tables (docs/security.md):
 * migrations run as the owner; the service reads and writes the tables but may only read and
 * append to the audit log, and may not truncate, alter or drop anything.
 */
export function serviceRoleGrants(role: string): string[] {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(role)) throw new Error(`not a plain role name: ${role}`);
  return [
    `grant usage on schema public to ${role}`,
    `grant select, insert, update, delete on all tables in schema public to ${role}`,
    `grant usage, select on all sequences in schema public to ${role}`,
    `revoke update, delete, truncate on audit_events from ${role}`,
  ];
}
