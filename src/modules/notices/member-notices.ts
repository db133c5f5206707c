import type { AppContext } from '../../app-context.js';
import { recordAudit } from '../../platform/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import { authorize } from '../../platform/auth/authorize.js';
import { isStaff } from '../../platform/auth/policies.js';
import type { NoticeChannel, NoticeKind, NoticeState } from '../../platform/db/schema.js';
import { AppError, validationFailed } from '../../platform/errors.js';
import { heldByActor, lockMember } from '../members/index.js';

export interface NoticePreferences {
  channels: Record<NoticeChannel, boolean>;
  language: 'ko' | 'en';
  /** False while the member has chosen nothing: the defaults apply. */
  chosen: boolean;
  /** Which addresses the member has (not the addresses themselves). */
  reachable: { email: boolean; phone: boolean };
}

async function authorizeNotices(context: AppContext, actor: Actor, memberId: number) {
  authorize(actor, 'member.notices', {
    memberId,
    heldHere: await heldByActor(context.db, actor, memberId),
  });
}

/** The member's channels: their choice, else e-mail when they have an address, else SMS. */
export async function noticePreferences(
  context: AppContext,
  actor: Actor,
  memberId: number,
): Promise<NoticePreferences> {
  await authorizeNotices(context, actor, memberId);
  const row = await context.db
    .selectFrom('members as m')
    .leftJoin('member_notice_preferences as p', 'p.member_id', 'm.id')
    .select([
      'm.status',
      'm.email as address',
      'm.phone as number',
      'p.email',
      'p.sms',
      'p.kakao',
      'p.language',
    ])
    .where('m.id', '=', memberId)
    .executeTakeFirst();
  if (!row || row.status === 'withdrawn') throw new AppError('NOT_FOUND');
  const reachable = { email: row.address !== null, phone: row.number !== null };
  const chosen = row.email !== null;
  return {
    channels: {
      email: (row.email ?? true) && reachable.email,
      sms: (row.sms ?? !reachable.email) && reachable.phone,
      kakao: (row.kakao ?? false) && reachable.phone,
    },
    language: row.language ?? 'ko',
    chosen,
    reachable,
  };
}

/**
 * The member (portal) or a desk holding the member sets the channels and the language. A channel
 * needs its address: e-mail without an e-mail address is refused, and so are SMS and KakaoTalk
 * without a phone number. No channel at all is allowed: the member then hears nothing.
 */
export async function setNoticePreferences(
  context: AppContext,
  actor: Actor,
  memberId: number,
  input: { channels: Record<NoticeChannel, boolean>; language: 'ko' | 'en' },
): Promise<NoticePreferences> {
  await authorizeNotices(context, actor, memberId);
  const now = context.clock.now();
  await context.db.transaction().execute(async (tx) => {
    const member = await lockMember(tx, memberId);
    if (member.status === 'withdrawn') throw new AppError('MEMBER_WITHDRAWN');
    if (input.channels.email && member.email === null) {
      throw validationFailed('body.channels.email', 'needs an e-mail address');
    }
    if ((input.channels.sms || input.channels.kakao) && member.phone === null) {
      throw validationFailed(
        input.channels.sms ? 'body.channels.sms' : 'body.channels.kakao',
        'needs a phone number',
      );
    }
    const values = { ...input.channels, language: input.language, updated_at: now };
    await tx
      .insertInto('member_notice_preferences')
      .values({ member_id: memberId, ...values })
      .onConflict((oc) => oc.column('member_id').doUpdateSet(values))
      .execute();
    await recordAudit(tx, actor, now, {
      action: 'member.notice_preferences_changed',
      subjectKind: 'member',
      subjectId: memberId,
      libraryId: isStaff(actor) ? actor.libraryId : null,
      details: { ...input.channels, language: input.language },
    });
  });
  return noticePreferences(context, actor, memberId);
}

export interface NoticeLogEntry {
  id: number;
  kind: NoticeKind;
  channel: NoticeChannel;
  /** `pending` (waiting or being retried), `sent`, `dead` (failed for good), `skipped`. */
  state: NoticeState;
  /** The date it is about: a due date, the last day of a suspension, a consent's renewal date. */
  subjectDate: string | null;
  library: { id: number; nameKo: string; nameEn: string } | null;
  createdAt: Date;
  sentAt: Date | null;
  attempts: number;
  /** Why it failed or was skipped (a short code: smtp_451, no_address, loan_returned …). */
  reason: string | null;
}

/**
 * What the member was told, newest first: kind, channel, when, delivered or failed — never the
 * text nor the address (they are not stored). The member sees their own; a desk holding the
 * member sees the same (library and date, no title).
 */
export async function noticeLog(
  context: AppContext,
  actor: Actor,
  memberId: number,
  page: { limit: number; offset: number },
): Promise<NoticeLogEntry[]> {
  await authorizeNotices(context, actor, memberId);
  const rows = await context.db
    .selectFrom('notices as n')
    .leftJoin('libraries as l', 'l.id', 'n.library_id')
    .select([
      'n.id',
      'n.kind',
      'n.channel',
      'n.state',
      'n.subject_date',
      'n.created_at',
      'n.sent_at',
      'n.attempts',
      'n.last_error',
      'l.id as library_id',
      'l.name_ko',
      'l.name_en',
    ])
    .where('n.member_id', '=', memberId)
    .orderBy('n.created_at', 'desc')
    .orderBy('n.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    kind: r.kind,
    channel: r.channel,
    state: r.state,
    subjectDate: r.subject_date,
    library:
      r.library_id === null
        ? null
        : { id: r.library_id, nameKo: r.name_ko ?? '', nameEn: r.name_en ?? '' },
    createdAt: r.created_at,
    sentAt: r.sent_at,
    attempts: r.attempts,
    reason: r.last_error,
  }));
}
