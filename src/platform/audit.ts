import type { Kysely } from 'kysely';
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
