import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createNoticeWorker,
  type EmailSender,
  httpPhoneProvider,
  type NoticeWorker,
  smtpSender,
} from '../../src/modules/notices/index.js';
import { createLogger } from '../../src/platform/logger.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { libraryIdOf } from '../support/circulation.js';
import { testDatabaseKind } from '../support/database.js';
import { allDayStaffClient, type Client } from '../support/http.js';
import { insertLoan, insertMember, type MailServer, startMailServer } from './support.js';

/** What the SMS/KakaoTalk gateway received: the JSON body of docs/architecture.md "Notices". */
interface GatewayMessage {
  id: string;
  channel: 'sms' | 'kakao';
  template: string;
  language: string;
  to: string;
  text: string;
}

async function startGateway(): Promise<{
  url: string;
  received: GatewayMessage[];
  server: Server;
}> {
  const received: GatewayMessage[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      received.push(JSON.parse(body));
      response.writeHead(202, { 'content-type': 'application/json' }).end('{"accepted":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/messages`, received, server };
}

/** Wednesday 9 December 2026 in Seoul, the day the clock runs through. */
const DAY = '2026-12-09';
const at = (time: string, day = DAY) => `${day}T${time}:00+09:00`;

describe(`a day of the clock: exactly the notices due arrive (${testDatabaseKind})`, () => {
  let t: TestApp;
  let mail: MailServer;
  let email: EmailSender;
  let gateway: Awaited<ReturnType<typeof startGateway>>;
  let worker: NoticeWorker;
  let desk: Client;
  const who = new Map<number, string>();

  beforeAll(async () => {
    t = await createTestApp({ accounts: true, start: at('00:01') });
    desk = await allDayStaffClient(t.app, 'jinju-yonam-desk');
    mail = await startMailServer();
    gateway = await startGateway();
    email = smtpSender({ url: mail.url, from: 'Library One <notices@library.example.kr>' });
    worker = createNoticeWorker(
      { db: t.db, clock: t.clock, logger: createLogger('silent'), metrics: t.context.metrics },
      { email, phone: httpPhoneProvider({ url: gateway.url, token: 'gw-token' }), maxAttempts: 5 },
    );
    const library = 'jinju-yonam-library';
    const member = async (name: string, contact: Parameters<typeof insertMember>[1]) => {
      const id = await insertMember(t, contact);
      who.set(id, name);
      return id;
    };
    const loan = async (memberId: number, dueDate: string, barcode: string) =>
      insertLoan(t, { memberId, library, title: `${barcode}의 책`, dueDate, barcode });
    const earlierNotice = async (memberId: number, loanId: number, day: string) =>
      t.db
        .insertInto('notices')
        .values({
          member_id: memberId,
          loan_id: loanId,
          library_id: await libraryIdOf(t, library),
          kind: 'overdue',
          channel: 'email',
          day,
          created_at: new Date(`${day}T00:05:00+09:00`),
          not_before: new Date(`${day}T00:05:00+09:00`),
          state: 'sent',
        })
        .execute();

    // Due in 3 days (e-mail), due today (e-mail and SMS), due in 2 days (KakaoTalk only).
    await loan(
      await member('A', { name: '가은', library, email: 'a@example.kr' }),
      '2026-12-12',
      'A1',
    );
    const b = await member('B', {
      name: '나래',
      library,
      email: 'b@example.kr',
      phone: '01000000002',
      channels: { email: true, sms: true, kakao: false },
    });
    await loan(b, DAY, 'B1');
    const kakao = await member('K', {
      name: '카카오',
      library,
      phone: '01000000011',
      channels: { email: false, sms: false, kakao: true },
    });
    await loan(kakao, '2026-12-11', 'K1');
    // Overdue 1 day (SMS only: no e-mail address), overdue 8 days (told 7 days ago: again today),
    // overdue 5 days (told 4 days ago: not yet again).
    await loan(
      await member('C', { name: '다온', library, phone: '01000000003' }),
      '2026-12-08',
      'C1',
    );
    const d = await member('D', {
      name: 'Daniel',
      library,
      email: 'd@example.org',
      channels: { email: true, sms: false, kakao: false, language: 'en' },
    });
    await earlierNotice(d, await loan(d, '2026-12-01', 'D1'), '2026-12-02');
    const e = await member('E', { name: '라희', library, email: 'e@example.kr' });
    await earlierNotice(e, await loan(e, '2026-12-04', 'E1'), '2026-12-05');
    // A suspension that ended yesterday.
    await member('F', {
      name: '마루',
      library,
      email: 'f@example.kr',
      suspendedUntil: '2026-12-08',
    });
    // Overdue 3 days, told yesterday; returned at the desk at 14:00: a suspension starts.
    const g = await member('G', { name: '바다', library, email: 'g@example.kr' });
    await earlierNotice(g, await loan(g, '2026-12-06', 'G1'), '2026-12-08');
    // Overdue 2 days, told yesterday; SMS only; returned at 21:30: its SMS waits for the morning.
    const j = await member('J', { name: '사랑', library, phone: '01000000010' });
    await earlierNotice(j, await loan(j, '2026-12-07', 'J1'), '2026-12-08');
    // Consent given two years ago less 30 days: the renewal reminder is due.
    const h = await member('H', { name: '아라', library, email: 'h@example.kr' });
    await t.db
      .updateTable('members')
      .set({ consent_given_on: '2025-01-08' })
      .where('id', '=', h)
      .execute();
  });
  afterAll(async () => {
    email?.close();
    await mail?.close();
    await new Promise((resolve) => gateway?.server.close(resolve));
    await t?.close();
  });

  /** Every message that arrived so far: who, what, how; sorted. */
  async function arrived(): Promise<string[]> {
    const rows = await t.db.selectFrom('notices').select(['id', 'member_id', 'kind']).execute();
    const byId = new Map(rows.map((r) => [`notice-${r.id}`, r]));
    const line = (noticeId: string, channel: string) => {
      const row = byId.get(noticeId);
      return row ? `${who.get(row.member_id)} ${row.kind} ${channel}` : `unknown ${noticeId}`;
    };
    return [
      ...mail.received.map((m) =>
        line(/<(notice-\d+)@/.exec(m.parsed.messageId ?? '')?.[1] ?? '', 'email'),
      ),
      ...gateway.received.map((m) => line(m.id, m.channel)),
    ].sort();
  }

  async function pass(time: string, options: { schedule: boolean } = { schedule: true }) {
    t.clock.set(at(time));
    if (options.schedule) await worker.scheduleDay(t.clock.now());
    await worker.deliverDueNotices(t.clock.now());
  }

  it('after midnight: the e-mails of the day; SMS and KakaoTalk wait for 08:00', async () => {
    await pass('00:05');
    await pass('00:15'); // the scheduler again: nothing twice
    expect(await arrived()).toEqual([
      'A due_soon email',
      'B due_today email',
      'D overdue email',
      'F suspension_ended email',
      'H consent_renewal email',
    ]);
    const english = mail.received.find(
      (m) => m.parsed.to && !Array.isArray(m.parsed.to) && m.parsed.to.text === 'd@example.org',
    );
    expect(english?.parsed.subject).toBe('[Jinju Yonam Library] “D1의 책” is 8 days overdue');
  });

  it('at 07:59 still nothing by phone; at 08:00 the SMS and the KakaoTalk message', async () => {
    await pass('07:59');
    expect(gateway.received).toEqual([]);
    await pass('08:00');
    expect(await arrived()).toEqual([
      'A due_soon email',
      'B due_today email',
      'B due_today sms',
      'C overdue sms',
      'D overdue email',
      'F suspension_ended email',
      'H consent_renewal email',
      'K due_soon kakao',
    ]);
    const sms = gateway.received.find((m) => m.to === '01000000003');
    expect(sms).toMatchObject({
      channel: 'sms',
      template: 'overdue',
      language: 'ko',
      text: '[진주시립연암도서관] 《C1의 책》이 1일 연체되었습니다. 반납해 주세요.',
    });
  });

  it('a late return at 14:00 tells the member of the suspension at once (e-mail)', async () => {
    t.clock.set(at('14:00'));
    const returned = await desk.post('/api/v1/returns', { itemBarcode: 'G1' });
    expect(returned.json()).toMatchObject({
      loan: { daysLate: 3 },
      suspension: { until: '2026-12-11' },
    });
    await pass('14:01');
    const g = mail.received.at(-1)!;
    expect(g.parsed.subject).toBe(
      '[진주시립연암도서관] 2026년 12월 11일 (금)까지 대출이 정지되었습니다',
    );
    expect(g.parsed.text).toContain(
      '바다 님, 《G1의 책》이 3일 늦게 반납되어 모든 참여 도서관에서 2026년 12월 11일 (금)까지 대출이 정지되었습니다.',
    );
    expect(g.parsed.text).toContain('2026년 12월 12일 (토)부터 다시 빌릴 수 있습니다.');
  });

  it('a late return at 21:30 by an SMS-only member: the SMS waits until 08:00 the next morning', async () => {
    t.clock.set(at('21:30'));
    await desk.post('/api/v1/returns', { itemBarcode: 'J1' });
    await pass('21:31');
    await pass('23:59');
    expect((await arrived()).filter((line) => line.startsWith('J'))).toEqual([]);
    t.clock.set(at('08:00', '2026-12-10'));
    await worker.deliverDueNotices(t.clock.now());
    expect((await arrived()).filter((line) => line.startsWith('J'))).toEqual([
      'J suspension_started sms',
    ]);
  });

  it('over the whole day: exactly these notices, none twice, none left waiting', async () => {
    expect(await arrived()).toEqual([
      'A due_soon email',
      'B due_today email',
      'B due_today sms',
      'C overdue sms',
      'D overdue email',
      'F suspension_ended email',
      'G suspension_started email',
      'H consent_renewal email',
      'J suspension_started sms',
      'K due_soon kakao',
    ]);
    const waiting = await t.db
      .selectFrom('notices')
      .select('id')
      .where('state', '<>', 'sent')
      .execute();
    expect(waiting).toEqual([]);
  });

  it('an SMS due in the afternoon but not sent by 21:00 (no worker ran) waits for the morning too', async () => {
    const library = 'jinju-yonam-library';
    const q = await insertMember(t, { name: '하늘', library, phone: '01000000012' });
    who.set(q, 'Q');
    const loanId = await insertLoan(t, {
      memberId: q,
      library,
      title: 'Q1의 책',
      dueDate: '2026-12-08',
      barcode: 'Q1',
    });
    await t.db
      .insertInto('notices')
      .values({
        member_id: q,
        loan_id: loanId,
        library_id: await libraryIdOf(t, library),
        kind: 'overdue',
        channel: 'sms',
        day: '2026-12-10',
        created_at: new Date(at('16:00', '2026-12-10')),
        not_before: new Date(at('16:00', '2026-12-10')),
        state: 'pending',
      })
      .execute();
    const sent = async (time: string, day: string) => {
      t.clock.set(at(time, day));
      await worker.deliverDueNotices(t.clock.now());
      return (await arrived()).filter((line) => line.startsWith('Q'));
    };
    expect(await sent('23:30', '2026-12-10')).toEqual([]);
    expect(await sent('07:59', '2026-12-11')).toEqual([]);
    expect(await sent('08:00', '2026-12-11')).toEqual(['Q overdue sms']);
  });
});
