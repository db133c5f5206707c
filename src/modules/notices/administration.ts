import { sql } from 'kysely';
import type { AppContext } from '../../app-context.js';
import { recordAudit } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/authorize.js';
import { isStaff } from '../../platform/auth/policies.js';
import type { BusinessDate } from '../../platform/clock.js';
import { addDays, daysBetween } from '../../platform/dates.js';
import type { NoticeChannel, NoticeKind } from '../../platform/db/schema.js';
import { AppError, validationFailed } from '../../platform/errors.js';
import {
  NOTICE_KINDS,
  type NoticeFacts,
  type RenderedNotice,
  renderNotice,
  sampleFacts,
} from './templates.js';

export interface NetworkNoticeSettings {
  /** Days before the due date of the due-soon notice (0: none). */
  dueSoonDays: number;
  /** A notice on the due date itself. */
  dueDay: boolean;
  /** An overdue notice the day after the due date, then every this many days. */
  overdueRepeatDays: number;
  consentReminder: boolean;
}

/** A library's own due-soon settings; null keeps the network's. */
export interface LibraryNoticeSettings {
  libraryId: number;
  dueSoonDays: number | null;
  dueDay: boolean | null;
}

/** The library an admin works for (their own), or none for the network admin asking the network. */
function adminLibrary(actor: Actor, libraryId: number | undefined): number | null {
  const library =
    libraryId ?? (isStaff(actor) && actor.role === 'library_admin' ? actor.libraryId : null);
  authorize(actor, 'notices.administer', { libraryId: library });
  return library;
}

export async function noticeSettings(
  context: AppContext,
  actor: Actor,
  query: { libraryId?: number | undefined },
): Promise<{ network: NetworkNoticeSettings; library: LibraryNoticeSettings | null }> {
  const libraryId = adminLibrary(actor, query.libraryId);
  const network = await context.db
    .selectFrom('notice_settings')
    .select(['due_soon_days', 'due_day', 'overdue_repeat_days', 'consent_reminder'])
    .executeTakeFirstOrThrow();
  let library: LibraryNoticeSettings | null = null;
  if (libraryId !== null) {
    const own = await context.db
      .selectFrom('library_notice_settings')
      .select(['due_soon_days', 'due_day'])
      .where('library_id', '=', libraryId)
      .executeTakeFirst();
    library = { libraryId, dueSoonDays: own?.due_soon_days ?? null, dueDay: own?.due_day ?? null };
  }
  return {
    network: {
      dueSoonDays: network.due_soon_days,
      dueDay: network.due_day,
      overdueRepeatDays: network.overdue_repeat_days,
      consentReminder: network.consent_reminder,
    },
    library,
  };
}

export async function setNetworkNoticeSettings(
  context: AppContext,
  actor: Actor,
  input: NetworkNoticeSettings,
): Promise<NetworkNoticeSettings> {
  authorize(actor, 'network.manage', {});
  const now = context.clock.now();
  await context.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('notice_settings')
      .set({
        due_soon_days: input.dueSoonDays,
        due_day: input.dueDay,
        overdue_repeat_days: input.overdueRepeatDays,
        consent_reminder: input.consentReminder,
        updated_at: now,
      })
      .execute();
    await recordAudit(tx, actor, now, {
      action: 'network.notice_settings_changed',
      subjectKind: 'network',
      subjectId: null,
      details: { ...input },
    });
  });
  return input;
}

export async function setLibraryNoticeSettings(
  context: AppContext,
  actor: Actor,
  libraryId: number,
  input: { dueSoonDays: number | null; dueDay: boolean | null },
): Promise<LibraryNoticeSettings> {
  authorize(actor, 'library.manage', { libraryId });
  const now = context.clock.now();
  await context.db.transaction().execute(async (tx) => {
    const library = await tx
      .selectFrom('libraries')
      .select('id')
      .where('id', '=', libraryId)
      .executeTakeFirst();
    if (!library) throw new AppError('NOT_FOUND');
    const values = { due_soon_days: input.dueSoonDays, due_day: input.dueDay, updated_at: now };
    await tx
      .insertInto('library_notice_settings')
      .values({ library_id: libraryId, ...values })
      .onConflict((oc) => oc.column('library_id').doUpdateSet(values))
      .execute();
    await recordAudit(tx, actor, now, {
      action: 'library.notice_settings_changed',
      subjectKind: 'library',
      subjectId: libraryId,
      libraryId,
      details: { ...input },
    });
  });
  return { libraryId, ...input };
}

export interface TemplatePreview {
  kind: NoticeKind;
  ko: RenderedNotice;
  en: RenderedNotice;
}

/** The days before a due date the library's members are told (its own setting, else the network's). */
async function effectiveDueSoonDays(context: AppContext, libraryId: number | null) {
  const row = await context.db
    .selectFrom('notice_settings as ns')
    .leftJoin('library_notice_settings as ls', (join) =>
      join.on('ls.library_id', '=', libraryId ?? -1),
    )
    .select(sql<number>`coalesce(ls.due_soon_days, ns.due_soon_days)`.as('days'))
    .executeTakeFirstOrThrow();
  return row.days;
}

/** Every notice in both languages, with made-up facts and, when given, the library's own name, phone and hours. */
export async function previewTemplates(
  context: AppContext,
  actor: Actor,
  query: { libraryId?: number | undefined },
): Promise<TemplatePreview[]> {
  const libraryId = adminLibrary(actor, query.libraryId);
  let library: NoticeFacts['library'] | undefined;
  if (libraryId !== null) {
    const row = await context.db
      .selectFrom('libraries')
      .select(['name_ko', 'name_en', 'phone', 'opening_hours_ko', 'opening_hours_en'])
      .where('id', '=', libraryId)
      .executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    library = {
      nameKo: row.name_ko,
      nameEn: row.name_en,
      phone: row.phone,
      hoursKo: row.opening_hours_ko,
      hoursEn: row.opening_hours_en,
    };
  }
  const today = context.clock.today();
  const dueSoonDays = await effectiveDueSoonDays(context, libraryId);
  const factsOf = (kind: NoticeKind): NoticeFacts => {
    const facts = sampleFacts(kind, today, dueSoonDays);
    return library ? { ...facts, library } : facts;
  };
  return NOTICE_KINDS.map((kind) => ({
    kind,
    ko: renderNotice(kind, 'ko', factsOf(kind)),
    en: renderNotice(kind, 'en', factsOf(kind)),
  }));
}

export interface NoticeCount {
  day: BusinessDate;
  channel: NoticeChannel;
  sent: number;
  failed: number;
  waiting: number;
  skipped: number;
}

const MAX_COUNT_DAYS = 366;

/**
 * Notices made per day (Korean date) and channel, by outcome: sent, failed for good (dead
 * letters), still waiting (pending or being retried), skipped. A library admin sees their
 * library's; the network admin all, or one library's.
 */
export async function noticeCounts(
  context: AppContext,
  actor: Actor,
  query: { from?: string | undefined; to?: string | undefined; libraryId?: number | undefined },
): Promise<NoticeCount[]> {
  const libraryId = adminLibrary(actor, query.libraryId);
  const to = query.to ?? context.clock.today();
  const from = query.from ?? addDays(to, -13);
  if (from > to) throw validationFailed('querystring.from', 'must not be after the end date');
  if (daysBetween(from, to) >= MAX_COUNT_DAYS) {
    throw validationFailed('querystring.from', `must be within ${MAX_COUNT_DAYS} days of to`);
  }
  const { rows } = await sql<{
    day: string;
    channel: NoticeChannel;
    sent: number;
    failed: number;
    waiting: number;
    skipped: number;
  }>`
    select day, channel,
           count(*) filter (where state = 'sent')::int as sent,
           count(*) filter (where state = 'dead')::int as failed,
           count(*) filter (where state = 'pending')::int as waiting,
           count(*) filter (where state = 'skipped')::int as skipped
      from notices
     where day between ${from}::date and ${to}::date
       ${libraryId === null ? sql`` : sql`and library_id = ${libraryId}`}
     group by day, channel
     order by day, channel`.execute(context.db);
  return rows;
}
