import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Actor } from './auth/actor.js';
import { auditActor } from './auth/actor.js';
import type { DB } from './db/schema.js';

export interface AuditEntry {
  action: string;
  subjectKind: string;
  subjectId: string | number | null;
  /** Where it happened, when the actor alone does not say (a member acting online has no library). */
  libraryId?: number | null;
  /** Facts about the change: identifiers and codes, never personal data. */
  details?: Record<string, unknown>;
}

/** The audit row of an entry: who, where, when, what. */
export function auditRow(actor: Actor | null, at: Date, entry: AuditEntry) {
  const who = auditActor(actor);
  return {
    at,
    actor_kind: who.kind,
    actor_id: who.id,
    library_id: entry.libraryId ?? who.libraryId,
    action: entry.action,
    subject_kind: entry.subjectKind,
    subject_id: entry.subjectId === null ? null : String(entry.subjectId),
    details: JSON.stringify(entry.details ?? {}),
  };
}

export type AuditRow = ReturnType<typeof auditRow>;

/**
 * SQL appending the audit row once for each row of `source` (what follows FROM, e.g. the name of
 * a data-modifying CTE), so that a change and its audit event are one statement. The subject id
 * may come from the source (e.g. a new loan's id).
 */
export function auditEventsFrom(
  audit: AuditRow,
  source: RawBuilder<unknown>,
  subjectId: RawBuilder<unknown> | string | null = audit.subject_id,
): RawBuilder<unknown> {
  return sql`insert into audit_events
      (at, actor_kind, actor_id, library_id, action, subject_kind, subject_id, details)
    select ${audit.at}, ${audit.actor_kind}, ${audit.actor_id}, ${audit.library_id}, ${audit.action},
           ${audit.subject_kind}, ${subjectId}, ${audit.details}::jsonb
      from ${source}`;
}

/** Appends to the audit log, inside the caller's transaction. */
export async function recordAudit(
  db: Kysely<DB>,
  actor: Actor | null,
  at: Date,
  entry: AuditEntry,
): Promise<void> {
  await db
    .insertInto('audit_events')
    .values(auditRow(actor, at, entry))
    .execute();
}
