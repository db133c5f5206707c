/** The audit log refuses TRUNCATE as it refuses UPDATE and DELETE (issue 13, point 8). */
export const statements = [
  `create trigger audit_events_no_truncate before truncate on audit_events
   for each statement execute function audit_events_are_append_only()`,
];
