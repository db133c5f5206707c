import type { AppContext } from '../../app-context.js';
import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/authorize.js';

/** The audit log, newest first: all of it for the network admin, a library's part for its admin. */
export async function auditEvents(
  { db }: AppContext,
  actor: Actor,
  query: {
    libraryId?: number;
    subjectKind?: string;
    subjectId?: string;
    memberId?: number;
    limit?: number;
  },
) {
  const { libraryId, subjectKind, subjectId, memberId, limit } = query;
  authorize(actor, 'audit.read', { libraryId: libraryId ?? null });
  let select = db.selectFrom('audit_events').selectAll();
  if (libraryId !== undefined) select = select.where('library_id', '=', libraryId);
  if (subjectKind) select = select.where('subject_kind', '=', subjectKind);
  if (subjectId) select = select.where('subject_id', '=', subjectId);
  if (memberId !== undefined) {
    // A member's events, through their pseudonym (none once they withdrew).
    select = select.where('member_pseudonym', '=', (eb) =>
      eb.selectFrom('members').select('audit_pseudonym').where('id', '=', memberId),
    );
  }
  const rows = await select
    .orderBy('id', 'desc')
    .limit(limit ?? 100)
    .execute();
  return {
    events: rows.map((r) => ({
      id: r.id,
      at: r.at,
      actorKind: r.actor_kind,
      actorId: r.actor_id,
      libraryId: r.library_id,
      action: r.action,
      subjectKind: r.subject_kind,
      subjectId: r.subject_id,
      details: r.details,
      memberPseudonym: r.member_pseudonym,
    })),
  };
}
