import { type Kysely, sql } from 'kysely';
import type { AppContext } from '../../app-context.js';
import { recordAudit } from '../../platform/audit.js';
import type { BusinessDate } from '../../platform/clock.js';
import { addDays } from '../../platform/dates.js';
import type { DB } from '../../platform/db/schema.js';
import {
  erasePersonalData,
  lockMember,
  withdrawalFactsOf,
  withdrawalRefusals,
} from '../members/index.js';
import facts from './privacy-facts.json' with { type: 'json' };

/** The periods of docs/privacy.md, from the same facts file. */
export const RETENTION = facts.periods;

/** Rows (or members) one job touches at most in one run; the next run takes the rest. */
export const DEFAULT_BATCH = 500;

export type RetentionContext = Pick<AppContext, 'db' | 'clock' | 'logger'> &
  Partial<Pick<AppContext, 'metrics'>>;

export interface JobResult {
  job: string;
  /** False when another process held the job's lock: it ran there instead. */
  ran: boolean;
  affected: number;
}

interface JobInput {
  tx: Kysely<DB>;
  now: Date;
  today: BusinessDate;
  batch: number;
}

/** Idempotency answers (they may hold a title and a member id) after the retry window. */
async function purgeIdempotencyKeys({ tx, now, batch }: JobInput): Promise<number> {
  const before = new Date(now.getTime() - RETENTION.idempotencyHours * 3_600_000);
  const { rows } = await sql<{ key: string }>`
    delete from idempotent_requests where (scope, key) in (
      select scope, key from idempotent_requests where created_at < ${before} limit ${batch})
    returning key`.execute(tx);
  return rows.length;
}

/** Sessions that can never be used again: expired or signed out. */
async function purgeSessions({ tx, now, batch }: JobInput): Promise<number> {
  const { rows } = await sql<{ token_hash: string }>`
    delete from sessions where token_hash in (
      select token_hash from sessions
       where expires_at < ${now} or revoked_at is not null limit ${batch})
    returning token_hash`.execute(tx);
  return rows.length;
}

/** The notice log (what a member was told, when, how): kept for the stated period. */
async function purgeNoticeLog({ tx, now, batch }: JobInput): Promise<number> {
  const before = new Date(now.getTime() - RETENTION.noticeLogDays * 86_400_000);
  const { rows } = await sql<{ id: number }>`
    delete from notices where id in (
      select id from notices where created_at < ${before} and state <> 'pending' limit ${batch})
    returning id`.execute(tx);
  return rows.length;
}

/** Ended holds (collected, cancelled, not collected) are kept as long as the notice log. */
async function purgeEndedHolds({ tx, now, batch }: JobInput): Promise<number> {
  const before = new Date(now.getTime() - RETENTION.noticeLogDays * 86_400_000);
  const { rows } = await sql<{ id: number }>`
    delete from holds where id in (
      select h.id from holds h
       where h.ended_at < ${before} and h.state in ('collected', 'cancelled', 'expired')
         and not exists (select 1 from notices n where n.hold_id = h.id)
       limit ${batch})
    returning id`.execute(tx);
  return rows.length;
}

/**
 * Members with the history off keep no returned loan — except the late return a running
 * suspension cites; once that suspension has ended, it goes too.
 */
async function detachHistoryOff({ tx, today, batch }: JobInput): Promise<number> {
  await sql`
    update members set suspension_loan_id = null where id in (
      select id from members
       where loan_history_enabled = false and suspension_loan_id is not null
         and suspended_until < ${today} limit ${batch})`.execute(tx);
  const { rows } = await sql<{ id: string }>`
    update loans set member_id = null where id in (
      select o.id from loans o join members m on m.id = o.member_id
       where m.loan_history_enabled = false and o.returned_at is not null
         and o.id is distinct from
             case when m.suspended_until >= ${today} then m.suspension_loan_id end
       limit ${batch})
    returning id`.execute(tx);
  return rows.length;
}

/** Erases each member (with an audit event) unless a loan, an overdue or a suspension holds them. */
async function eraseMembers(
  { tx, now, today }: JobInput,
  memberIds: number[],
  action: 'member.erased_unverified' | 'member.erased_consent_lapsed',
): Promise<number> {
  let erased = 0;
  for (const memberId of memberIds) {
    const member = await lockMember(tx, memberId);
    if (member.status === 'withdrawn') continue;
    const refusals = withdrawalRefusals(await withdrawalFactsOf(tx, memberId, today));
    if (refusals.length > 0) continue;
    await recordAudit(tx, null, now, { action, subjectKind: 'member', subjectId: memberId });
    await erasePersonalData(tx, memberId, now, today);
    erased++;
  }
  return erased;
}

/** Pre-registrations never verified at a desk: erased after the stated period. */
async function erasePendingPreRegistrations(input: JobInput): Promise<number> {
  const before = new Date(input.now.getTime() - RETENTION.pendingPreRegistrationDays * 86_400_000);
  const rows = await input.tx
    .selectFrom('members')
    .select('id')
    .where('status', '=', 'pending')
    .where('registered_at', '<', before)
    .orderBy('id')
    .limit(input.batch)
    .execute();
  return eraseMembers(
    input,
    rows.map((r) => Number(r.id)),
    'member.erased_unverified',
  );
}

/**
 * Consent not renewed in two years (docs/privacy.md "Consent"): the reminder runs from 30 days
 * before (the desk and the portal show it); at the end the processing is restricted (marked
 * `consent_lapsed_on`, the consent block shown at every visit); a year later the personal data is
 * erased, as soon as no loan, overdue or suspension holds it.
 */
async function handleLapsedConsent(input: JobInput): Promise<number> {
  const { tx, today, batch } = input;
  const { rows: restricted } = await sql<{ id: string }>`
    update members set consent_lapsed_on = ${today} where id in (
      select id from members
       where status <> 'withdrawn' and consent_lapsed_on is null and consent_given_on is not null
         and (consent_given_on + interval '${sql.raw(String(RETENTION.consentYears))} years')::date
             <= ${today}::date
       limit ${batch})
    returning id`.execute(tx);
  const eraseBefore = addDays(today, -RETENTION.consentEraseAfterLapseDays);
  const lapsed = await tx
    .selectFrom('members')
    .select('id')
    .where('status', '<>', 'withdrawn')
    .where('consent_lapsed_on', '<=', eraseBefore)
    .orderBy('id')
    .limit(batch)
    .execute();
  const erased = await eraseMembers(
    input,
    lapsed.map((r) => Number(r.id)),
    'member.erased_consent_lapsed',
  );
  return restricted.length + erased;
}

const JOBS: [string, (input: JobInput) => Promise<number>][] = [
  ['idempotency-keys', purgeIdempotencyKeys],
  ['sessions', purgeSessions],
  ['notice-log', purgeNoticeLog],
  ['ended-holds', purgeEndedHolds],
  ['history-off-loans', detachHistoryOff],
  ['unverified-pre-registrations', erasePendingPreRegistrations],
  ['lapsed-consent', handleLapsedConsent],
];

/**
 * Runs every retention job once, each in a transaction of its own under an advisory lock (a job
 * that another process is running is skipped here), each bounded to `batch` rows. Safe to run
 * again at any time: a job only ever finds what is still due. Logged as counts only.
 */
export async function runRetentionJobs(
  context: RetentionContext,
  options: { batch?: number } = {},
): Promise<JobResult[]> {
  const batch = options.batch ?? DEFAULT_BATCH;
  const results: JobResult[] = [];
  for (const [job, work] of JOBS) {
    const result = await runJob(context, job, work, batch).catch((error: unknown) => {
      context.metrics?.retentionRuns.inc({ job, outcome: 'failed' });
      throw error;
    });
    context.metrics?.retentionRuns.inc({ job, outcome: result.ran ? 'ran' : 'skipped' });
    context.metrics?.retentionRows.inc({ job }, result.affected);
    context.logger.info(result, 'retention job');
    results.push(result);
  }
  return results;
}

/** One job in a transaction of its own, unless another process holds its lock. */
function runJob(
  context: RetentionContext,
  job: string,
  work: (input: JobInput) => Promise<number>,
  batch: number,
): Promise<JobResult> {
  return context.db.transaction().execute(async (tx) => {
    const { rows } = await sql<{ locked: boolean }>`
      select pg_try_advisory_xact_lock(hashtext(${`library-one retention ${job}`})) as locked`.execute(
      tx,
    );
    if (!rows[0]?.locked) return { job, ran: false, affected: 0 };
    const affected = await work({
      tx,
      now: context.clock.now(),
      today: context.clock.today(),
      batch,
    });
    return { job, ran: true, affected };
  });
}

/** Runs the jobs every `intervalMs` inside the service; a failed run is logged and retried later. */
export function scheduleRetentionJobs(context: RetentionContext, intervalMs: number): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    runRetentionJobs(context)
      .catch((error: unknown) =>
        context.logger.warn(
          { err: error instanceof Error ? { message: error.message } : String(error) },
          'retention jobs failed',
        ),
      )
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
