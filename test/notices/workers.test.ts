import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createNoticeWorker,
  type EmailSender,
  smtpSender,
} from '../../src/modules/notices/index.js';
import type { Clock } from '../../src/platform/clock.js';
import { type Database, openDatabase } from '../../src/platform/db/database.js';
import { createLogger } from '../../src/platform/logger.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { testDatabaseKind } from '../support/database.js';
import { insertLoan, insertMember, type MailServer, startMailServer } from './support.js';

const MEMBERS = 30;

/**
 * Two service processes on one database: on PostgreSQL, two workers on two pools of their own
 * (as two processes have), racing over the same notices; on the embedded engine (one process by
 * design) two workers on its one connection.
 */
describe(`several notice workers at once (${testDatabaseKind})`, () => {
  let t: TestApp;
  let mail: MailServer;
  let email: EmailSender;
  let second: Database | undefined;
  beforeAll(async () => {
    t = await createTestApp({ start: '2026-12-01T10:00:00+09:00' });
    mail = await startMailServer();
    email = smtpSender({ url: mail.url, from: 'Library One <notices@library.example.kr>' });
    if (t.testDatabase.url) second = await openDatabase({ databaseUrl: t.testDatabase.url });
    for (let i = 0; i < MEMBERS; i++) {
      const memberId = await insertMember(t, {
        name: `회원${i}`,
        library: 'gyeongnamdaepyo-library',
        email: `m${i}@example.kr`,
      });
      await insertLoan(t, {
        memberId,
        library: 'gyeongnamdaepyo-library',
        title: `책 ${i}`,
        dueDate: '2026-11-28',
        barcode: `W-${i}`,
      });
    }
  });
  afterAll(async () => {
    email?.close();
    await mail?.close();
    await second?.close();
    await t?.close();
  });

  const workerOn = (db: TestApp['db'], clock: Clock) =>
    createNoticeWorker(
      { db, clock, logger: createLogger('silent') },
      { email, phone: { send: async () => {} }, maxAttempts: 5, batch: 3 },
    );

  it('two schedulers at the same instant make each notice once', async () => {
    const one = workerOn(t.db, t.clock);
    const two = workerOn(second?.db ?? t.db, t.clock);
    const now = t.clock.now();
    const made = await Promise.all([
      one.scheduleDay(now),
      two.scheduleDay(now),
      one.scheduleDay(now),
    ]);
    expect(made.reduce((sum, m) => sum + (m.overdue ?? 0), 0)).toBe(MEMBERS);
    const rows = await t.db.selectFrom('notices').select('id').execute();
    expect(rows).toHaveLength(MEMBERS);
  });

  it('two workers delivering at once send each notice exactly once', async () => {
    const one = workerOn(t.db, t.clock);
    const two = workerOn(second?.db ?? t.db, t.clock);
    const now = t.clock.now();
    const [a, b] = await Promise.all([one.deliverDueNotices(now), two.deliverDueNotices(now)]);
    expect(a.sent + b.sent).toBe(MEMBERS);
    if (second) {
      // Both took a share: SKIP LOCKED let them work side by side.
      expect(a.sent).toBeGreaterThan(0);
      expect(b.sent).toBeGreaterThan(0);
    }
    const ids = mail.received.map((m) => m.parsed.messageId);
    expect(ids).toHaveLength(MEMBERS);
    expect(new Set(ids).size).toBe(MEMBERS);
    const states = await t.db
      .selectFrom('notices')
      .select(({ fn }) => ['state', fn.countAll<number>().as('n')])
      .groupBy('state')
      .execute();
    expect(states.map((s) => [s.state, Number(s.n)])).toEqual([['sent', MEMBERS]]);
  });
});
