import { type Kysely, sql } from 'kysely';
import type { AppContext } from '../../app-context.js';
import { AUDIT_AREAS, type AuditArea } from '../../platform/audit-actions.js';
import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/authorize.js';
import { type BusinessDate, startOfBusinessDay } from '../../platform/clock.js';
import { addDays, compareDates, isValidDate } from '../../platform/dates.js';
import type { DB } from '../../platform/db/schema.js';
import { AppError, validationFailed } from '../../platform/errors.js';

export interface AuditQuery {
  libraryId?: number;
  /** The actions of one area of the audit page (`AUDIT_AREAS`). */
  area?: AuditArea;
  /** Korean calendar days, both included. */
  from?: BusinessDate;
  to?: BusinessDate;
  /** What one staff member did. */
  staffId?: number;
  /** The events of one member, by the pseudonym the log shows (never by who they are). */
  pseudonym?: string;
  /** The id of the last event of the previous page: the events older than it. */
  before?: number;
  subjectKind?: string;
  subjectId?: string;
  memberId?: number;
  limit?: number;
}

/** The period's days are real dates, the first not after the last. */
function checkPeriod(from: string | undefined, to: string | undefined) {
  for (const [field, value] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (value !== undefined && !isValidDate(value)) {
      throw validationFailed(`querystring.${field}`, 'must be a date (YYYY-MM-DD)');
    }
  }
  if (from && to && compareDates(from, to) > 0) {
    throw validationFailed('querystring.from', 'must not be after the end date');
  }
}

/** Where the page before ended: the event's time and id, which the next page continues below. */
async function pageEnd(db: Kysely<DB>, before: number | undefined) {
  if (before === undefined) return null;
  const row = await db
    .selectFrom('audit_events')
    .select(['at', 'id'])
    .where('id', '=', before)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/**
 * The audit log, newest first, a page at a time: all of it for the network admin, a library's
 * part for its admin. Each event names its actor (a staff member's name, a machine's account) and
 * its subject where one is kept (a staff account, a machine, a copy's barcode) — never a member.
 */
export async function auditEvents({ db }: AppContext, actor: Actor, query: AuditQuery) {
  const { libraryId, area, from, to, staffId, pseudonym, subjectKind, subjectId, memberId } = query;
  authorize(actor, 'audit.read', { libraryId: libraryId ?? null });
  checkPeriod(from, to);
  const limit = query.limit ?? 100;
  const end = await pageEnd(db, query.before);
  let select = db
    .selectFrom('audit_events as e')
    .leftJoin('staff as actor_staff', (join) =>
      join.onRef('actor_staff.id', '=', 'e.actor_id').on('e.actor_kind', '=', 'staff'),
    )
    .leftJoin('terminals as actor_terminal', (join) =>
      join.onRef('actor_terminal.id', '=', 'e.actor_id').on('e.actor_kind', '=', 'terminal'),
    )
    .select([
      'e.id',
      'e.at',
      'e.actor_kind',
      'e.actor_id',
      'e.library_id',
      'e.action',
      'e.subject_kind',
      'e.subject_id',
      'e.details',
      'e.member_pseudonym',
      sql<string | null>`coalesce(actor_staff.display_name, actor_terminal.username)`.as(
        'actor_name',
      ),
      subjectName().as('subject_name'),
      detailName('itemId', 'items', 'barcode').as('item_barcode'),
      detailName('recordId', 'bib_records', 'title').as('record_title'),
    ]);
  if (libraryId !== undefined) select = select.where('e.library_id', '=', libraryId);
  if (area) select = select.where('e.action', 'in', [...AUDIT_AREAS[area]]);
  if (from) select = select.where('e.at', '>=', startOfBusinessDay(from));
  if (to) select = select.where('e.at', '<', startOfBusinessDay(addDays(to, 1)));
  if (staffId !== undefined) {
    select = select.where('e.actor_kind', '=', 'staff').where('e.actor_id', '=', staffId);
  }
  if (pseudonym) select = select.where('e.member_pseudonym', '=', pseudonym);
  if (end) select = select.where(sql<boolean>`(e.at, e.id) < (${end.at}, ${end.id})`);
  if (subjectKind) select = select.where('e.subject_kind', '=', subjectKind);
  if (subjectId) select = select.where('e.subject_id', '=', subjectId);
  if (memberId !== undefined) {
    // A member's events, through their pseudonym (none once they withdrew).
    select = select.where('e.member_pseudonym', '=', (eb) =>
      eb.selectFrom('members').select('audit_pseudonym').where('id', '=', memberId),
    );
  }
  const rows = await select
    .orderBy('e.at', 'desc')
    .orderBy('e.id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  return {
    events: page.map((r) => ({
      id: r.id,
      at: r.at,
      actorKind: r.actor_kind,
      actorId: r.actor_id,
      actorName: r.actor_name,
      libraryId: r.library_id,
      action: r.action,
      subjectKind: r.subject_kind,
      subjectId: r.subject_id,
      subjectName: r.subject_name,
      details: r.details,
      detailNames: { itemBarcode: r.item_barcode, recordTitle: r.record_title },
      memberPseudonym: r.member_pseudonym,
    })),
    /** The `before` of the next page; null when this page is the last. */
    nextBefore: rows.length > limit ? page.at(-1)!.id : null,
  };
}

/**
 * What a reader knows an identifier in the details by (a copy's barcode, a title), read where
 * the identifier is a number: the details stay as recorded.
 */
function detailName(key: string, table: 'items' | 'bib_records', column: 'barcode' | 'title') {
  return sql<string | null>`case when jsonb_typeof(e.details -> ${key}) = 'number' then
    (select d.${sql.ref(column)} from ${sql.table(table)} d
      where d.id = (e.details ->> ${key})::bigint) end`;
}

/**
 * What a reader knows the subject by: a staff member's name, a machine's account, a copy's
 * barcode (a loan's copy too), the title a hold or request is for. The id is cast only for its
 * own kind (CASE decides the order).
 */
function subjectName() {
  const idOf = (kind: string) =>
    sql`case when e.subject_kind = ${kind} then e.subject_id::bigint end`;
  return sql<string | null>`case e.subject_kind
    when 'staff' then (select s.display_name from staff s where s.id = ${idOf('staff')})
    when 'terminal' then (select t.username from terminals t where t.id = ${idOf('terminal')})
    when 'item' then (select i.barcode from items i where i.id = ${idOf('item')})
    when 'loan' then (select i.barcode from loans l join items i on i.id = l.item_id
                      where l.id = ${idOf('loan')})
    when 'hold' then (select b.title from holds h join bib_records b on b.id = h.record_id
                      where h.id = ${idOf('hold')})
    when 'request' then (select b.title from inter_library_requests r
                         join bib_records b on b.id = r.record_id where r.id = ${idOf('request')})
  end`;
}
