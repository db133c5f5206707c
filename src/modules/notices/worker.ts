import { type Kysely, sql } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import { businessDateOf } from '../../platform/clock.js';
import { addDays, daysBetween } from '../../platform/dates.js';
import type { DB, NoticeChannel, NoticeKind } from '../../platform/db/schema.js';
import type { Logger } from '../../platform/logger.js';
import type { Metrics } from '../../platform/metrics.js';
import { quietHoursEnd } from '../../platform/outbox.js';
import { expireHolds } from '../holds/index.js';
import { DeliveryError, type EmailSender, type PhoneProvider } from './channels.js';
import { scheduleDateNotices } from './scheduler.js';
import { type NoticeFacts, renderNotice } from './templates.js';

export interface NoticeWorkerOptions {
  email: EmailSender;
  phone: PhoneProvider;
  /** After this many failed attempts a notice is dead-lettered (state `dead`). */
  maxAttempts: number;
  /** The first retry waits this long; each next one twice as long (at most 6 hours). */
  retryBaseMs?: number;
  /** How long a claimed notice is this worker's alone; after it, another worker may take it. */
  leaseMs?: number;
  /** Notices claimed at a time. */
  batch?: number;
  /** Tests: runs after a message was handed over and before it is marked sent. */
  afterSend?: (noticeId: number) => void | Promise<void>;
}

interface WorkerContext {
  db: Kysely<DB>;
  clock: Clock;
  logger: Logger;
  metrics?: Metrics | undefined;
}

export interface DeliveryReport {
  sent: number;
  retried: number;
  dead: number;
  skipped: number;
}

const DEFAULT_RETRY_BASE_MS = 60_000;
const MAX_RETRY_MS = 6 * 3_600_000;
const DEFAULT_LEASE_MS = 10 * 60_000;
const DEFAULT_BATCH = 10;

/** The wait before attempt `attempts + 1`: base, 2×base, 4×base … at most 6 hours. */
export function retryDelayMs(attempts: number, baseMs = DEFAULT_RETRY_BASE_MS): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);
}

interface NoticeRow {
  id: number;
  kind: NoticeKind;
  channel: NoticeChannel;
  attempts: number;
  member_status: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  language: 'ko' | 'en';
  channel_on: boolean;
  suspended_until: string | null;
  subject_date: string | null;
  name_ko: string | null;
  name_en: string | null;
  library_phone: string | null;
  hours_ko: string | null;
  hours_en: string | null;
  loan_id: number | null;
  due_date: string | null;
  returned: boolean | null;
  title: string | null;
  suspension_title: string | null;
  suspension_days_late: number | null;
  request_id: number | null;
  request_state: string | null;
  hold_id: number | null;
  hold_state: string | null;
  hold_title: string | null;
}

/**
 * Claims up to `batch` notices that are due and not leased, for `leaseMs`: `for update skip
 * locked` lets several workers (several processes) claim at once without waiting for, or taking,
 * each other's. The attempt is counted when it is claimed: a worker that dies mid-send used one.
 */
async function claim(db: Kysely<DB>, now: Date, leaseMs: number, batch: number) {
  // A phone message due before 21:00 but not sent by then (no worker ran) waits for 08:00 too.
  const phonesMayRing = quietHoursEnd('sms', now).getTime() === now.getTime();
  const { rows } = await sql<{ id: number }>`
    update notices set claimed_until = ${new Date(now.getTime() + leaseMs)}, attempts = attempts + 1
     where id in (
       select id from notices
        where state = 'pending' and not_before <= ${now}
          and (channel = 'email' or ${phonesMayRing})
          and (claimed_until is null or claimed_until <= ${now})
        order by not_before, id
        limit ${batch}
        for update skip locked)
    returning id`.execute(db);
  return rows.map((r) => Number(r.id));
}

/** What the text needs, read now: the member's current name, address, language and loan. */
async function load(db: Kysely<DB>, ids: number[]): Promise<NoticeRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql<NoticeRow>`
    select n.id, n.kind, n.channel, n.attempts, n.subject_date, n.loan_id,
           m.status as member_status, m.name, m.email, m.phone, m.suspended_until,
           coalesce(p.language, 'ko') as language,
           case n.channel when 'email' then coalesce(p.email, true)
                          when 'sms' then coalesce(p.sms, m.email is null)
                          else coalesce(p.kakao, false) end as channel_on,
           l.name_ko, l.name_en, l.phone as library_phone,
           l.opening_hours_ko as hours_ko, l.opening_hours_en as hours_en,
           o.due_date, o.returned_at is not null as returned, coalesce(b.title, rb.title) as title,
           n.request_id, rq.state as request_state,
           sb.title as suspension_title, so.days_late as suspension_days_late,
           n.hold_id, h.state as hold_state, hb.title as hold_title
      from notices n
      join members m on m.id = n.member_id
      left join member_notice_preferences p on p.member_id = m.id
      left join libraries l on l.id = n.library_id
      left join loans o on o.id = n.loan_id
      left join items i on i.id = o.item_id
      left join bib_records b on b.id = i.record_id
      left join inter_library_requests rq on rq.id = n.request_id
      left join bib_records rb on rb.id = rq.record_id
      left join loans so on so.id = m.suspension_loan_id
      left join items si on si.id = so.item_id
      left join bib_records sb on sb.id = si.record_id
      left join holds h on h.id = n.hold_id
      left join bib_records hb on hb.id = h.record_id
     where n.id in (${sql.join(ids)})
     order by n.not_before, n.id`.execute(db);
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/** Why a notice is no longer worth sending, read from current data; null to send it. */
function staleReason(row: NoticeRow, today: string): string | null {
  if (row.member_status === 'withdrawn') return 'member_withdrawn';
  if (!row.channel_on) return 'channel_off';
  if ((row.channel === 'email' ? row.email : row.phone) === null) return 'no_address';
  if (row.loan_id !== null && row.returned) return 'loan_returned';
  if (row.kind === 'request_arrived' && row.request_state !== 'arrived') return 'request_moved_on';
  // A copy set aside that was collected, or whose hold was cancelled or ended, is no news.
  if (row.kind === 'hold_ready' && row.hold_state !== 'ready') return 'hold_not_ready';
  const dueKinds: NoticeKind[] = ['due_soon', 'due_today'];
  if (dueKinds.includes(row.kind) && row.due_date !== row.subject_date) return 'due_date_changed';
  if (row.kind === 'due_today' && row.due_date !== today) return 'not_due_today';
  return null;
}

function factsOf(row: NoticeRow, today: string): NoticeFacts {
  const library = {
    nameKo: row.name_ko ?? 'Library One',
    nameEn: row.name_en ?? 'Library One',
    phone: row.library_phone,
    hoursKo: row.hours_ko,
    hoursEn: row.hours_en,
  };
  // A request's notice is about its own date (the last day to collect it), not a suspension.
  const request = row.kind === 'request_arrived' || row.kind === 'request_cancelled';
  const until = (request ? null : row.suspended_until) ?? row.subject_date ?? undefined;
  return {
    name: row.name ?? '',
    library,
    title:
      (row.kind === 'suspension_started'
        ? row.suspension_title
        : row.kind === 'hold_ready'
          ? row.hold_title
          : row.title) ?? undefined,
    dueDate: row.due_date ?? undefined,
    days: row.due_date ? daysBetween(today, row.due_date) : undefined,
    daysOverdue: row.due_date ? daysBetween(row.due_date, today) : undefined,
    daysLate: row.suspension_days_late ?? undefined,
    until,
    resumesOn: until ? addDays(until, 1) : undefined,
    renewalDate: row.subject_date ?? undefined,
    pickupUntil: row.subject_date ?? undefined,
  };
}

/**
 * The delivery worker: claims due notices, renders each from current data, hands it to its
 * channel, marks it sent. A failure waits (exponential back-off, quiet hours kept) and is tried
 * again, until `maxAttempts`: then it is dead-lettered. Safe with any number of workers and
 * processes: a notice is claimed by one at a time. A worker that dies between sending and marking
 * leaves its lease to expire, and the notice is sent once more (docs/decisions.md "Notices").
 */
export function createNoticeWorker(context: WorkerContext, options: NoticeWorkerOptions) {
  const { db, logger, metrics } = context;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const batch = options.batch ?? DEFAULT_BATCH;

  async function mark(id: number, set: Record<string, unknown>) {
    await db.updateTable('notices').set(set).where('id', '=', id).execute();
  }

  async function deliverOne(row: NoticeRow, now: Date, report: DeliveryReport) {
    const today = businessDateOf(now);
    const outcome = (value: string) =>
      metrics?.notices.inc({ kind: row.kind, channel: row.channel, outcome: value });
    const stale = staleReason(row, today);
    if (stale) {
      await mark(row.id, { state: 'skipped', claimed_until: null, last_error: stale });
      report.skipped++;
      outcome('skipped');
      return;
    }
    const text = renderNotice(row.kind, row.language, factsOf(row, today));
    try {
      if (row.channel === 'email') {
        await options.email.send({
          noticeId: row.id,
          kind: row.kind,
          to: row.email ?? '',
          subject: text.subject,
          text: text.text,
          html: text.html,
          language: row.language,
          date: now,
        });
      } else {
        await options.phone.send({
          noticeId: row.id,
          kind: row.kind,
          channel: row.channel,
          to: row.phone ?? '',
          text: text.short,
          language: row.language,
        });
      }
    } catch (error) {
      const code = error instanceof DeliveryError ? error.code : 'send_failed';
      const dead = row.attempts >= options.maxAttempts;
      const retryAt = quietHoursEnd(
        row.channel,
        new Date(now.getTime() + retryDelayMs(row.attempts, options.retryBaseMs)),
      );
      await mark(row.id, {
        claimed_until: null,
        last_error: code.slice(0, 40),
        ...(dead ? { state: 'dead' } : { not_before: retryAt }),
      });
      logger.warn(
        {
          notice: row.id,
          kind: row.kind,
          channel: row.channel,
          attempts: row.attempts,
          code,
          dead,
        },
        dead ? 'notice dead-lettered' : 'notice delivery failed, will retry',
      );
      if (dead) report.dead++;
      else report.retried++;
      outcome(dead ? 'dead' : 'retry');
      return;
    }
    await options.afterSend?.(row.id);
    await mark(row.id, { state: 'sent', sent_at: now, claimed_until: null, last_error: null });
    report.sent++;
    outcome('sent');
  }

  /** One pass: claims what is due at `now` and delivers it, batch after batch, until none is left. */
  async function deliverDueNotices(now: Date): Promise<DeliveryReport> {
    const report: DeliveryReport = { sent: 0, retried: 0, dead: 0, skipped: 0 };
    for (;;) {
      const ids = await claim(db, now, leaseMs, batch);
      if (ids.length === 0) return report;
      for (const row of await load(db, ids)) await deliverOne(row, now, report);
    }
  }

  /**
   * The date-driven notices of the day of `now` (idempotent: run it as often as you like); first,
   * the holds whose pickup window is over go to the next in line (their notices made with them).
   */
  async function scheduleDay(now: Date) {
    await expireHolds(db, { now, today: businessDateOf(now) });
    const made = await scheduleDateNotices(db, now, businessDateOf(now));
    for (const [kind, count] of Object.entries(made)) {
      metrics?.noticesScheduled.inc({ kind }, count);
    }
    return made;
  }

  return { deliverDueNotices, scheduleDay };
}

export type NoticeWorker = ReturnType<typeof createNoticeWorker>;

/**
 * Runs the worker inside the service: delivery every `deliverEveryMs`, the scheduler every
 * `scheduleEveryMs`, on the service's clock. A failed pass is logged and tried again later.
 */
export function runNoticeWorker(
  context: WorkerContext,
  worker: NoticeWorker,
  intervals: { deliverEveryMs: number; scheduleEveryMs: number },
): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  let lastScheduled = 0;
  const tick = () => {
    if (busy) return;
    busy = true;
    running = (async () => {
      const now = context.clock.now();
      if (now.getTime() - lastScheduled >= intervals.scheduleEveryMs) {
        await worker.scheduleDay(now);
        lastScheduled = now.getTime();
      }
      await worker.deliverDueNotices(now);
    })()
      .catch((error: unknown) =>
        context.logger.warn(
          { err: error instanceof Error ? { message: error.message } : String(error) },
          'notice worker pass failed',
        ),
      )
      .finally(() => {
        busy = false;
      });
  };
  const timer = setInterval(tick, intervals.deliverEveryMs);
  timer.unref();
  tick();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
