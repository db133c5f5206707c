import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNoticeWorker } from '../../src/modules/notices/index.js';
import { runRetentionJobs } from '../../src/modules/privacy/retention.js';
import { addDays } from '../../src/platform/dates.js';
import { formatBusinessDate } from '../../src/platform/i18n/messages.js';
import { createLogger } from '../../src/platform/logger.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { libraryIdOf, walkIn } from '../support/circulation.js';
import { testDatabaseKind } from '../support/database.js';
import { allDayStaffClient, type Client, memberClient } from '../support/http.js';
import { insertLoan } from './support.js';

describe(`notice settings and logs over HTTP (${testDatabaseKind})`, () => {
  let t: TestApp;
  let gnDesk: Client;
  let yonamDesk: Client;
  let gnAdmin: Client;
  let network: Client;
  let minjun: { id: number; card: string };
  let seoyeon: { id: number; card: string };
  let portal: Client;
  const sent: string[] = [];
  const worker = () =>
    createNoticeWorker(
      { db: t.db, clock: t.clock, logger: createLogger('silent') },
      {
        email: { send: async (m) => void sent.push(`${m.noticeId} email`), close() {} },
        phone: { send: async (m) => void sent.push(`${m.noticeId} ${m.channel}`) },
        maxAttempts: 3,
      },
    );

  beforeAll(async () => {
    t = await createTestApp({ accounts: true, start: '2026-12-01T10:00:00+09:00' });
    gnDesk = await allDayStaffClient(t.app, 'gyeongnamdaepyo-desk');
    yonamDesk = await allDayStaffClient(t.app, 'jinju-yonam-desk');
    gnAdmin = await allDayStaffClient(t.app, 'gyeongnamdaepyo-admin');
    network = await allDayStaffClient(t.app, 'network-admin');
    minjun = await walkIn(gnDesk, { name: '문민준', email: 'mj@example.kr' });
    seoyeon = await walkIn(yonamDesk, { name: '서서연' });
    portal = await memberClient(t.app, minjun.card, 'member password');
  });
  afterAll(async () => t?.close());

  it('a new member hears of their card by e-mail (the default when they have an address)', async () => {
    const preferences = await portal.get('/api/v1/me/notice-preferences');
    expect(preferences.json()).toEqual({
      channels: { email: true, sms: false, kakao: false },
      language: 'ko',
      chosen: false,
      reachable: { email: true, phone: true },
    });
    await worker().deliverDueNotices(t.clock.now());
    const log = await portal.get('/api/v1/me/notices');
    expect(log.json().notices).toMatchObject([
      {
        kind: 'card_issued',
        channel: 'email',
        state: 'sent',
        library: { nameKo: '경남대표도서관' },
        attempts: 1,
        reason: null,
      },
    ]);
    // Neither the address nor the text is part of the log.
    expect(log.body).not.toContain('mj@example.kr');
    expect(log.body).not.toContain('문민준');
  });

  it('the member chooses SMS and KakaoTalk in English; a channel without its address is refused', async () => {
    const chosen = await portal.put('/api/v1/me/notice-preferences', {
      channels: { email: false, sms: true, kakao: true },
      language: 'en',
    });
    expect(chosen.statusCode, chosen.body).toBe(200);
    expect(chosen.json()).toMatchObject({
      channels: { email: false, sms: true, kakao: true },
      language: 'en',
      chosen: true,
    });
    // 서서연 has no e-mail address: the desk cannot choose e-mail for her.
    const refused = await yonamDesk.put(`/api/v1/members/${seoyeon.id}/notice-preferences`, {
      channels: { email: true, sms: true, kakao: false },
      language: 'ko',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(refused.json().detail).toMatch(/이메일|e-mail/);
  });

  it('a member sees only their own log; a desk sees a member only where the scope rules allow', async () => {
    const member = portal;
    expect((await member.get(`/api/v1/members/${seoyeon.id}/notices`)).statusCode).toBe(403);
    const own = await member.get('/api/v1/me/notices');
    expect(own.statusCode).toBe(200);
    const ownIds = own.json().notices.map((n: { id: number }) => n.id);
    const theirs = await t.db
      .selectFrom('notices')
      .select('id')
      .where('member_id', '=', seoyeon.id)
      .execute();
    expect(theirs.length).toBeGreaterThan(0);
    expect(ownIds).not.toEqual(expect.arrayContaining([theirs[0]!.id]));
    // Jinju Yonam does not hold 문민준 (no check-in there): refused, like an unknown id.
    expect((await yonamDesk.get(`/api/v1/members/${minjun.id}/notices`)).statusCode).toBe(403);
    expect((await yonamDesk.get('/api/v1/members/999999/notices')).statusCode).toBe(403);
    // Gyeongnamdaepyo holds him (home library); Jinju Yonam once he is checked in there.
    expect((await gnDesk.get(`/api/v1/members/${minjun.id}/notices`)).statusCode).toBe(200);
    const checkIn = await yonamDesk.post(`/api/v1/members/${minjun.id}/check-ins`, {
      idDocumentType: 'passport',
      cardNumber: minjun.card,
    });
    expect(checkIn.statusCode, checkIn.body).toBe(200);
    const seen = await yonamDesk.get(`/api/v1/members/${minjun.id}/notices`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().notices.map((n: { kind: string }) => n.kind)).toEqual(['card_issued']);
  });

  it('the next notice goes by the chosen channels: SMS and KakaoTalk, held until 08:00 at night', async () => {
    sent.length = 0;
    t.clock.set('2026-12-01T22:00:00+09:00');
    // The desk takes the report of a lost card late in the evening.
    const lost = await gnDesk.post(`/api/v1/members/${minjun.id}/card/lost`, {});
    expect(lost.statusCode, lost.body).toBe(200);
    await worker().deliverDueNotices(t.clock.now());
    expect(sent).toEqual([]);
    t.clock.set('2026-12-02T08:00:00+09:00');
    await worker().deliverDueNotices(t.clock.now());
    expect(sent.map((s) => s.split(' ')[1]).sort()).toEqual(['kakao', 'sms']);
    const log = await gnDesk.get(`/api/v1/members/${minjun.id}/notices`);
    expect(
      log.json().notices.map((n: { kind: string; channel: string }) => `${n.kind} ${n.channel}`),
    ).toEqual(expect.arrayContaining(['card_lost sms', 'card_lost kakao', 'card_issued email']));
  });

  it('admins: network settings, a library’s own due-soon days, previews in both languages, counts', async () => {
    const settings = await gnAdmin.get('/api/v1/notice-settings');
    expect(settings.json()).toEqual({
      network: { dueSoonDays: 3, dueDay: true, overdueRepeatDays: 7, consentReminder: true },
      library: {
        libraryId: await libraryIdOf(t, 'gyeongnamdaepyo-library'),
        dueSoonDays: null,
        dueDay: null,
      },
    });
    expect((await gnAdmin.put('/api/v1/notice-settings', settings.json().network)).statusCode).toBe(
      403,
    );
    const own = await gnAdmin.put(
      `/api/v1/libraries/${await libraryIdOf(t, 'gyeongnamdaepyo-library')}/notice-settings`,
      { dueSoonDays: 5, dueDay: null },
    );
    expect(own.statusCode, own.body).toBe(200);
    // The due-day notice left to the network's setting stays so (it was read as "off").
    const after = await gnAdmin.get('/api/v1/notice-settings');
    expect(after.json().library).toMatchObject({ dueSoonDays: 5, dueDay: null });
    // A loan due in 5 days at Gyeongnamdaepyo is told today; one at Yonam (network: 3) is not.
    t.clock.set('2026-12-03T10:00:00+09:00');
    const gnLoan = await insertLoan(t, {
      memberId: seoyeon.id,
      library: 'gyeongnamdaepyo-library',
      title: '작별하지 않는다',
      dueDate: '2026-12-08',
      barcode: 'HTTP-GN-1',
    });
    await insertLoan(t, {
      memberId: seoyeon.id,
      library: 'jinju-yonam-library',
      title: '흰',
      dueDate: '2026-12-08',
      barcode: 'HTTP-YN-1',
    });
    const made = await worker().scheduleDay(t.clock.now());
    expect(made).toEqual({ due_soon: 1 });
    const dueSoon = await t.db
      .selectFrom('notices')
      .select(['loan_id', 'channel'])
      .where('kind', '=', 'due_soon')
      .execute();
    expect(dueSoon).toEqual([{ loan_id: gnLoan, channel: 'sms' }]);

    const preview = await gnAdmin.get('/api/v1/notice-templates');
    const overdue = preview.json().templates.find((p: { kind: string }) => p.kind === 'overdue');
    expect(overdue.ko.subject).toBe('[경남대표도서관] 《채식주의자》가 8일 연체되었습니다');
    expect(overdue.en.subject).toBe('[Gyeongnamdaepyo Library] “채식주의자” is 8 days overdue');
    expect(preview.json().templates).toHaveLength(11);
    // Dated from the service's day as a real notice would be, as many days before the due date
    // as the library tells its members: 5 at Gyeongnamdaepyo (its own), 3 at Yonam (the network's).
    const today = t.clock.today();
    const dueSoonText = (templates: { kind: string; ko: { text: string } }[]) =>
      templates.find((p) => p.kind === 'due_soon')?.ko.text;
    expect(dueSoonText(preview.json().templates)).toContain(
      `반납 예정일이 ${formatBusinessDate(addDays(today, 5), 'ko')}입니다 (5일 남음)`,
    );
    const yonam = await libraryIdOf(t, 'jinju-yonam-library');
    const yonamPreview = await network.get(`/api/v1/notice-templates?libraryId=${yonam}`);
    expect(dueSoonText(yonamPreview.json().templates)).toContain(
      `반납 예정일이 ${formatBusinessDate(addDays(today, 3), 'ko')}입니다 (3일 남음)`,
    );
    expect(overdue.ko.text).toContain(
      `반납 예정일(${formatBusinessDate(addDays(today, -8), 'ko')})이 8일 지났습니다`,
    );

    await worker().deliverDueNotices(t.clock.now());
    const counts = await network.get('/api/v1/notice-counts?from=2026-12-01&to=2026-12-03');
    expect(counts.statusCode, counts.body).toBe(200);
    const total = (field: 'sent' | 'failed' | 'waiting') =>
      counts
        .json()
        .counts.reduce((sum: number, c: Record<typeof field, number>) => sum + c[field], 0);
    const rows = await t.db.selectFrom('notices').select('state').execute();
    expect(total('sent')).toBe(rows.filter((r) => r.state === 'sent').length);
    expect(total('waiting')).toBe(rows.filter((r) => r.state === 'pending').length);
    const backwards = await network.get('/api/v1/notice-counts?from=2026-12-03&to=2026-12-01');
    expect(backwards.json().code).toBe('VALIDATION_FAILED');
    const noSuchDay = await network.get('/api/v1/notice-counts?to=2026-02-29');
    expect(noSuchDay.json().code).toBe('VALIDATION_FAILED');
  });

  it('the notice log is purged 180 days after a notice was made', async () => {
    const before = await t.db.selectFrom('notices').select(['id', 'created_at']).execute();
    expect(before.length).toBeGreaterThan(0);
    const oldest = Math.min(...before.map((n) => n.created_at.getTime()));
    t.clock.set(new Date(oldest + 179 * 86_400_000));
    await runRetentionJobs({ db: t.db, clock: t.clock, logger: createLogger('silent') });
    expect(await t.db.selectFrom('notices').select('id').execute()).toHaveLength(before.length);
    t.clock.set(
      new Date(Math.max(...before.map((n) => n.created_at.getTime())) + 181 * 86_400_000),
    );
    await runRetentionJobs({ db: t.db, clock: t.clock, logger: createLogger('silent') });
    const left = await t.db.selectFrom('notices').select('state').execute();
    // Only a notice still waiting to be sent is kept (the purge never loses one in flight).
    expect(left.every((n) => n.state === 'pending')).toBe(true);
    const log = await gnDesk.get(`/api/v1/members/${minjun.id}/notices`);
    expect(log.json().notices).toEqual([]);
  });
});
