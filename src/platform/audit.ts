import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { AuditAction } from './audit-actions.js';
import type { Actor } from './auth/actor.js';
import { auditActor } from './auth/actor.js';
import type { DB } from './db/schema.js';

export interface AuditEntry {
  action: AuditAction;
  subjectKind: string;
  subjectId: string | number | null;
  /** Where it happened, when the actor alone does not say (a member acting online has no library). */
  libraryId?: number | null;
  /**
   * Facts about the change: identifiers and codes, never personal data. A `memberId` here names
   * the member the event concerns; like card numbers, it is never stored as such (see below).
   */
  details?: Record<string, unknown>;
}

/** Details that would name a person: a member id, a card number. */
const NAMING_DETAILS = ['memberId', 'card', 'replaced'];

/**
 * The audit row of an entry: who, where, when, what — without naming a member (docs/decisions.md,
 * "The audit log"). A member, as actor or subject, is recorded by their pseudonym
 * (`members.audit_pseudonym`, deleted at withdrawal), never by id or card number. Events of a
 * loan name no member at all: the loan row says whose it is, for as long as it is linked.
 */
export function auditRow(actor: Actor | null, at: Date, entry: AuditEntry) {
  const who = auditActor(actor);
  const details = { ...(entry.details ?? {}) };
  const namedMember = details.memberId;
  for (const key of NAMING_DETAILS) delete details[key];
  let memberId: number | null = null;
  if (entry.subjectKind !== 'loan') {
    // A member subject without an id: the statement recording the event reads the member.
    if (entry.subjectKind === 'member')
      memberId = entry.subjectId === null ? null : Number(entry.subjectId);
    else if (typeof namedMember === 'number') memberId = namedMember;
    else if (actor?.kind === 'member') memberId = actor.memberId;
  }
  const namesPerson = entry.subjectKind === 'member' || entry.subjectKind === 'card';
  return {
    at,
    actor_kind: who.kind,
    actor_id: who.kind === 'member' ? null : who.id,
    library_id: entry.libraryId ?? who.libraryId,
    action: entry.action,
    subject_kind: entry.subjectKind,
    subject_id: namesPerson || entry.subjectId === null ? null : String(entry.subjectId),
    details: JSON.stringify(details),
    memberId,
  };
}

export type AuditRow = ReturnType<typeof auditRow>;

/**
 * The pseudonym of the member (an id, or a column of the statement's source), read in the
 * statement that writes the event.
 */
export function pseudonymOf(
  memberId: number | RawBuilder<number> | null,
): RawBuilder<string | null> {
  return memberId === null
    ? sql<null>`null::text`
    : sql<string | null>`(select audit_pseudonym from members where id = ${memberId})`;
}

/**
 * SQL appending the audit row once for each row of `source` (what follows FROM, e.g. the name of
 * a data-modifying CTE), so that a change and its audit event are one statement. The subject id
 * may come from the source (e.g. a new loan's id), and so may the member's pseudonym.
 */
export function auditEventsFrom(
  audit: AuditRow,
  source: RawBuilder<unknown>,
  subjectId: RawBuilder<unknown> | string | null = audit.subject_id,
  pseudonym: RawBuilder<string | null> = pseudonymOf(audit.memberId),
): RawBuilder<unknown> {
  return sql`insert into audit_events
      (at, actor_kind, actor_id, library_id, action, subject_kind, subject_id, details,
       member_pseudonym)
    select ${audit.at}, ${audit.actor_kind}, ${audit.actor_id}, ${audit.library_id}, ${audit.action},
           ${audit.subject_kind}, ${subjectId}, ${audit.details}::jsonb, ${pseudonym}
      from ${source}`;
}

/** Appends to the audit log, inside the caller's transaction. */
export async function recordAudit(
  db: Kysely<DB>,
  actor: Actor | null,
  at: Date,
  entry: AuditEntry,
): Promise<void> {
  const { memberId, ...row } = auditRow(actor, at, entry);
  await db
    .insertInto('audit_events')
    .values({ ...row, member_pseudonym: pseudonymOf(memberId) })
    .execute();
}
