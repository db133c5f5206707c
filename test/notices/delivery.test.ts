import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createNoticeWorker,
  type EmailSender,
  type PhoneProvider,
  smtpSender,
} from '../../src/modules/notices/index.js';
import { createLogger } from '../../src/platform/logger.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { testDatabaseKind } from '../support/database.js';
import { insertLoan, insertMember, type MailServer, startMailServer } from './support.js';

const FROM = '경남 공공도서관 <notices@library.example.kr>';
const silentPhone: PhoneProvider = { send: async () => {} };

describe(`notices over a real SMTP server (${testDatabaseKind})`, () => {
  let t: TestApp;
  let mail: MailServer;
  let email: EmailSender;
  beforeAll(async () => {
    // Tuesday 1 December 2026, 10:00 in Seoul.
    t = await createTestApp({ start: '2026-12-01T10:00:00+09:00' });
    mail = await startMailServer();
    email = smtpSender({ url: mail.url, from: FROM, timeoutMs: 5_000 });
  });
  afterAll(async () => {
    email?.close();
    await mail?.close();
    await t?.close();
  });
  afterEach(async () => {
    // Each test starts with no notice and no open loan of the ones before.
    await t.db.deleteFrom('notices').execute();
    await t.db
      .updateTable('loans')
      .set({ returned_at: t.clock.now(), return_day: t.clock.today(), days_late: 0 })
      .where('returned_at', 'is', null)
      .execute();
    mail.received.length = 0;
  });

  const worker = (options: { maxAttempts?: number; afterSend?: (id: number) => void } = {}) =>
    createNoticeWorker(
      { db: t.db, clock: t.clock, logger: createLogger('silent'), metrics: t.context.metrics },
      { email, phone: silentPhone, maxAttempts: options.maxAttempts ?? 5, ...options },
    );

  async function stateOf(memberId: number) {
    return t.db
      .selectFrom('notices')
      .select(['id', 'kind', 'channel', 'state', 'attempts', 'last_error'])
      .where('member_id', '=', memberId)
      .orderBy('id')
      .execute();
  }

  it('sends a due-soon e-mail in Korean with the right particles, both parts and a stable Message-ID', async () => {
    const memberId = await insertMember(t, {
      name: '김민준',
      library: 'jinju-yonam-library',
      email: 'minjun@example.kr',
      phone: '01012345678',
    });
    await insertLoan(t, {
      memberId,
      library: 'jinju-yonam-library',
      title: '채식주의자',
      dueDate: '2026-12-04',
      barcode: 'N-KO-1',
    });
    const w = worker();
    expect(await w.scheduleDay(t.clock.now())).toEqual({ due_soon: 1 });
    expect(await w.deliverDueNotices(t.clock.now())).toMatchObject({ sent: 1 });

    expect(mail.received).toHaveLength(1);
    const { parsed, raw } = mail.received[0]!;
    const [notice] = await stateOf(memberId);
    if (process.env.PRINT_NOTICE_MAIL) {
      console.log(`--- received e-mail (raw) ---\n${raw}\n--- decoded ---`);
      console.log(
        `Subject: ${parsed.subject}\n\n${parsed.text}\n--- html part ---\n${parsed.html}`,
      );
    }
    expect(parsed.from?.value[0]).toEqual({
      name: '경남 공공도서관',
      address: 'notices@library.example.kr',
    });
    expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value[0]?.address : null).toBe(
      'minjun@example.kr',
    );
    // The subject travels encoded (RFC 2047) and reads as Korean once decoded.
    expect(raw).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/m);
    expect(parsed.subject).toBe(
      '[진주시립연암도서관] 《채식주의자》는 2026년 12월 4일 (금)까지 반납해 주세요',
    );
    expect(parsed.messageId).toBe(`<notice-${notice!.id}@library.example.kr>`);
    expect(parsed.headers.get('content-language')).toBe('ko');
    expect(parsed.text).toContain(
      '김민준 님, 진주시립연암도서관에서 빌리신 《채식주의자》는 반납 예정일이 2026년 12월 4일 (금)입니다 (3일 남음).',
    );
    expect(parsed.text).toContain('진주시립연암도서관 전화');
    expect(parsed.html).toContain('<p>김민준 님, 진주시립연암도서관에서 빌리신 《채식주의자》는');
    expect(notice).toMatchObject({
      kind: 'due_soon',
      channel: 'email',
      state: 'sent',
      attempts: 1,
    });
  });

  it('writes to an English-speaking member in English, and picks 를/을 after any title', async () => {
    const english = await insertMember(t, {
      name: 'Jane Park',
      library: 'gyeongnamdaepyo-library',
      email: 'jane@example.org',
      channels: { email: true, sms: false, kakao: false, language: 'en' },
    });
    await insertLoan(t, {
      memberId: english,
      library: 'gyeongnamdaepyo-library',
      title: 'Pachinko',
      dueDate: '2026-12-01',
      barcode: 'N-EN-1',
    });
    const korean = await insertMember(t, {
      name: '이서연',
      library: 'gyeongnamdaepyo-library',
      email: 'seoyeon@example.kr',
    });
    await insertLoan(t, {
      memberId: korean,
      library: 'gyeongnamdaepyo-library',
      title: '소년이 온다',
      dueDate: '2026-12-01',
      barcode: 'N-KO-2',
    });
    const w = worker();
    await w.scheduleDay(t.clock.now());
    await w.deliverDueNotices(t.clock.now());
    const bySubject = mail.received.map((m) => m.parsed.subject).sort();
    expect(bySubject).toEqual([
      '[Gyeongnamdaepyo Library] “Pachinko” is due back today',
      '[경남대표도서관] 오늘은 《소년이 온다》를 반납하는 날입니다',
    ]);
    const en = mail.received.find((m) => m.parsed.subject?.startsWith('[Gyeongnamdaepyo'))!;
    expect(en.parsed.text).toContain(
      'Dear Jane Park, “Pachinko”, borrowed from Gyeongnamdaepyo Library, is due back today (Tue 1 December 2026).',
    );
  });

  it('a worker stopped after sending and before marking: every notice arrives, one at most twice, none lost', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) {
      const memberId = await insertMember(t, {
        name: `회원${i}`,
        library: 'jinju-yonam-library',
        email: `crash${i}@example.kr`,
      });
      ids.push(memberId);
      await insertLoan(t, {
        memberId,
        library: 'jinju-yonam-library',
        title: `책 ${i}`,
        dueDate: '2026-11-25',
        barcode: `N-CRASH-${i}`,
      });
    }
    let sends = 0;
    const doomed = worker({
      afterSend: () => {
        sends++;
        // The third message has left; the process dies before it is marked sent.
        if (sends === 3) throw new Error('SIGKILL');
      },
    });
    await doomed.scheduleDay(t.clock.now());
    await expect(doomed.deliverDueNotices(t.clock.now())).rejects.toThrow('SIGKILL');
    expect(mail.received).toHaveLength(3);

    // A new worker at once: the dead one's lease still holds what it had claimed.
    const restarted = worker();
    await restarted.deliverDueNotices(t.clock.now());
    // The lease (10 minutes) runs out: what the dead worker held is delivered.
    t.clock.advanceMinutes(11);
    await restarted.deliverDueNotices(t.clock.now());

    const ids2 = mail.received.map((m) => m.parsed.messageId);
    const distinct = new Set(ids2);
    expect(distinct.size).toBe(5);
    // The one sent-but-not-marked notice came twice, with the same Message-ID.
    expect(ids2.length).toBe(6);
    const twice = [...distinct].filter((id) => ids2.filter((x) => x === id).length === 2);
    expect(twice).toHaveLength(1);
    const states = await t.db.selectFrom('notices').select('state').execute();
    expect(states.map((s) => s.state)).toEqual(Array(5).fill('sent'));
  });

  it('an SMTP connection dropped mid-message: retried after the back-off, delivered once', async () => {
    const memberId = await insertMember(t, {
      name: '박지호',
      library: 'jinju-yonam-library',
      email: 'jiho@example.kr',
    });
    await insertLoan(t, {
      memberId,
      library: 'jinju-yonam-library',
      title: '토지',
      dueDate: '2026-11-29',
      barcode: 'N-DROP-1',
    });
    const w = worker();
    await w.scheduleDay(t.clock.now());
    mail.dropNext(1);
    expect(await w.deliverDueNotices(t.clock.now())).toMatchObject({ sent: 0, retried: 1 });
    expect(mail.received).toHaveLength(0);
    expect(await stateOf(memberId)).toMatchObject([{ state: 'pending', attempts: 1 }]);
    // Not before the back-off (1 minute after the first failure).
    expect(await w.deliverDueNotices(t.clock.now())).toMatchObject({ sent: 0, retried: 0 });
    t.clock.advanceMinutes(2);
    expect(await w.deliverDueNotices(t.clock.now())).toMatchObject({ sent: 1 });
    expect(mail.received.map((m) => m.parsed.subject)).toEqual([
      '[진주시립연암도서관] 《토지》가 2일 연체되었습니다',
    ]);
    expect(await stateOf(memberId)).toMatchObject([{ state: 'sent', attempts: 2 }]);
  });

  it('dead-letters a notice after the last of N failed attempts, with growing waits between them', async () => {
    const memberId = await insertMember(t, {
      name: '최하윤',
      library: 'jinju-yonam-library',
      email: 'hayun@example.kr',
    });
    await insertLoan(t, {
      memberId,
      library: 'jinju-yonam-library',
      title: '82년생 김지영',
      dueDate: '2026-11-29',
      barcode: 'N-DEAD-1',
    });
    const w = worker({ maxAttempts: 3 });
    await w.scheduleDay(t.clock.now());
    mail.refuseNext(100);
    const notBefore = async () =>
      (await t.db.selectFrom('notices').select('not_before').executeTakeFirstOrThrow()).not_before;
    const start = t.clock.now().getTime();
    await w.deliverDueNotices(t.clock.now());
    expect((await notBefore()).getTime() - start).toBe(60_000);
    t.clock.advanceMinutes(1);
    await w.deliverDueNotices(t.clock.now());
    expect((await notBefore()).getTime() - t.clock.now().getTime()).toBe(120_000);
    t.clock.advanceMinutes(2);
    expect(await w.deliverDueNotices(t.clock.now())).toMatchObject({ dead: 1 });
    expect(await stateOf(memberId)).toMatchObject([
      { state: 'dead', attempts: 3, last_error: 'smtp_451' },
    ]);
    t.clock.advanceDays(1);
    expect(await w.deliverDueNotices(t.clock.now())).toMatchObject({ sent: 0, dead: 0 });
    expect(mail.received).toHaveLength(0);
    const metrics = await t.context.metrics.registry.getSingleMetricAsString(
      'library_one_notices_total',
    );
    expect(metrics).toContain('kind="overdue",channel="email",outcome="dead"} 1');
    mail.refuseNext(0);
  });
});
