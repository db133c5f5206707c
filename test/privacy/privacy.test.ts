import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext } from '../../src/app-context.js';
import { RETENTION, runRetentionJobs } from '../../src/modules/privacy/retention.js';
import { openDatabase } from '../../src/platform/db/database.js';
import { formatBusinessDate } from '../../src/platform/i18n/messages.js';
import { createLogger } from '../../src/platform/logger.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { walkIn } from '../support/circulation.js';
import { insertCopies } from '../support/copies.js';
import { testDatabaseKind } from '../support/database.js';
import { Client, type Client as HttpClient, memberClient, staffClient } from '../support/http.js';

const GN = 'gyeongnamdaepyo-library';

async function libraryId(t: TestApp, code: string) {
  const row = await t.db
    .selectFrom('libraries')
    .select('id')
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  return row.id;
}

describe(`privacy rules (${testDatabaseKind})`, () => {
  let t: TestApp;
  let desk: HttpClient;
  let gn: number;
  beforeAll(async () => {
    t = await createTestApp({ accounts: true });
    gn = await libraryId(t, GN);
    await insertCopies(
      t.db,
      gn,
      ['PV-1', 'PV-2', 'PV-3', 'PV-4', 'PV-5'].map((barcode) => ({
        barcode,
        title: `사생활 ${barcode}`,
      })),
    );
    desk = await staffClient(t.app, 'gyeongnamdaepyo-desk');
    desk.autoRenew = true;
  });
  afterAll(async () => t?.close());

  it('refuses registration without the consent box, and stores the consent version and time', async () => {
    const body = {
      name: '동의안함',
      birthDate: '1990-01-02',
      phone: '010-4040-0001',
      password: 'no consent pw',
      homeLibraryId: gn,
    };
    for (const consent of [undefined, false]) {
      const refused = await new Client(t.app).post('/api/v1/members/pre-registrations', {
        ...body,
        ...(consent === undefined ? {} : { consent }),
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().code).toBe('CONSENT_REQUIRED');
      expect(refused.json().detail).toContain('동의');
    }
    const { homeLibraryId: _home, ...walkInBody } = body;
    const atDesk = await desk.post('/api/v1/members', {
      ...walkInBody,
      idDocumentType: 'passport',
      consent: false,
    });
    expect(atDesk.json().code).toBe('CONSENT_REQUIRED');
    expect(await t.db.selectFrom('members').where('name', '=', '동의안함').execute()).toEqual([]);

    const accepted = await new Client(t.app).post('/api/v1/members/pre-registrations', {
      ...body,
      consent: true,
    });
    expect(accepted.statusCode, accepted.body).toBe(201);
    const row = await t.db
      .selectFrom('members')
      .select(['consent_version', 'consent_given_at', 'consent_given_on'])
      .where('id', '=', accepted.json().id)
      .executeTakeFirstOrThrow();
    const policy = (await new Client(t.app).get('/api/v1/privacy-policy')).json();
    expect(row.consent_version).toBe(policy.consent.version);
    expect(row.consent_given_at).toEqual(t.clock.now());
    expect(policy.consent.title.ko).toBe('개인정보 수집·이용 동의 (필수)');
  });

  it('refuses withdrawal while a book is overdue or a suspension runs, saying until when', async () => {
    const member = await walkIn(desk);
    const reader = await memberClient(t.app, member.card, 'member password');
    expect(
      (await desk.post('/api/v1/checkouts', { cardNumber: member.card, itemBarcode: 'PV-1' }))
        .statusCode,
    ).toBe(201);
    t.clock.advanceDays(20);
    reader.autoRenew = true;
    const overdue = await reader.post('/api/v1/me/withdrawal', { password: 'member password' });
    expect(overdue.statusCode).toBe(422);
    expect(overdue.json().reasons.map((r: { code: string }) => r.code)).toEqual([
      'MEMBER_HAS_OVERDUE',
      'OPEN_LOANS',
    ]);
    expect(overdue.json().detail).toContain('경남대표도서관');
    // Said for a withdrawal: what lets it through, not when borrowing starts again.
    expect(overdue.json().detail).toMatch(
      /연체 중이라 탈퇴할 수 없습니다.*반납한 뒤 탈퇴할 수 있습니다/,
    );
    const returned = await desk.post('/api/v1/returns', { itemBarcode: 'PV-1' });
    const until = returned.json().suspension.until as string;

    for (const who of [reader, desk]) {
      const url =
        who === reader ? '/api/v1/me/withdrawal' : `/api/v1/members/${member.id}/withdrawal`;
      const suspended = await who.post(url, { password: 'member password' });
      expect(suspended.statusCode, suspended.body).toBe(422);
      expect(suspended.json().code).toBe('MEMBER_SUSPENDED');
      expect(suspended.json().reasons[0].params.until).toBe(until);
      // The date in the sentence is written as Koreans read it (2026년 12월 26일 (토)).
      expect(suspended.json().detail).toContain(formatBusinessDate(until, 'ko'));
      expect(suspended.json().detail).toContain('탈퇴할 수 없습니다');
      expect(suspended.json().detail).toMatch(/부터 탈퇴할 수 있습니다\.$/);
      expect(suspended.json().detail).not.toContain('다시 빌릴 수 있습니다');
    }
    // Leaving and joining again cannot dodge it: the member is still there, still suspended.
    const row = await t.db
      .selectFrom('members')
      .select(['status', 'suspended_until'])
      .where('id', '=', member.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'active', suspended_until: until });

    t.clock.setBusinessDate(until);
    t.clock.advanceDays(1);
    const done = await reader.post('/api/v1/me/withdrawal', { password: 'member password' });
    expect(done.statusCode, done.body).toBe(200);
  });

  it('names members in the audit log only by a pseudonym that withdrawal deletes', async () => {
    const member = await walkIn(desk);
    await desk.get(`/api/v1/members/${member.id}`);
    await desk.post('/api/v1/checkouts', { cardNumber: member.card, itemBarcode: 'PV-2' });
    await desk.post('/api/v1/returns', { itemBarcode: 'PV-2' });
    const pseudonym = (
      await t.db
        .selectFrom('members')
        .select('audit_pseudonym')
        .where('id', '=', member.id)
        .executeTakeFirstOrThrow()
    ).audit_pseudonym!;
    const events = await t.db
      .selectFrom('audit_events')
      .selectAll()
      .where('member_pseudonym', '=', pseudonym)
      .execute();
    // Registration and the staff look-up stay audited, by pseudonym.
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining(['member.registered_at_desk', 'member.viewed']),
    );
    const loanEvents = await t.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', 'in', ['loan.checked_out', 'loan.returned'])
      .where('at', '=', t.clock.now())
      .execute();
    expect(loanEvents.length).toBeGreaterThanOrEqual(2);
    const text = JSON.stringify([...events, ...loanEvents]);
    expect(text).not.toContain(member.card);
    expect(text).not.toMatch(new RegExp(`"memberId":\\s*${member.id}\\b`));
    for (const e of loanEvents) expect(e.member_pseudonym).toBeNull();

    // An admin follows a member through the API while they are a member…
    const admin = await staffClient(t.app, 'network-admin');
    const found = await admin.get(`/api/v1/audit-events?memberId=${member.id}`);
    expect(found.json().events.length).toBe(events.length);
    // …and no longer once they withdrew: the key is gone.
    const reader = await memberClient(t.app, member.card, 'member password');
    expect(
      (await reader.post('/api/v1/me/withdrawal', { password: 'member password' })).statusCode,
    ).toBe(200);
    expect((await admin.get(`/api/v1/audit-events?memberId=${member.id}`)).json().events).toEqual(
      [],
    );
    const left = await t.db
      .selectFrom('members')
      .select('audit_pseudonym')
      .where('audit_pseudonym', '=', pseudonym)
      .execute();
    expect(left).toEqual([]);
  });

  it('keeps home library and age band of loans detached from their member', async () => {
    const yonamDesk = await staffClient(t.app, 'jinju-yonam-desk');
    const member = await walkIn(yonamDesk, { birthDate: '2010-06-01', guardian: undefined });
    // Checked in at the lending library, lends there, then withdraws.
    await desk.post(`/api/v1/members/${member.id}/check-ins`, {
      idDocumentType: 'passport',
      cardNumber: member.card,
    });
    const lent = await desk.post('/api/v1/checkouts', {
      cardNumber: member.card,
      itemBarcode: 'PV-3',
    });
    expect(lent.statusCode, lent.body).toBe(201);
    await desk.post('/api/v1/returns', { itemBarcode: 'PV-3' });
    const reader = await memberClient(t.app, member.card, 'member password');
    expect(
      (await reader.post('/api/v1/me/withdrawal', { password: 'member password' })).statusCode,
    ).toBe(200);
    const loan = await t.db
      .selectFrom('loans')
      .select(['member_id', 'borrower_home_library_id', 'borrower_age_band', 'library_id'])
      .where('id', '=', lent.json().loan.id)
      .executeTakeFirstOrThrow();
    expect(loan).toEqual({
      member_id: null,
      borrower_home_library_id: await libraryId(t, 'jinju-yonam-library'),
      borrower_age_band: '14-19',
      library_id: gn,
    });
    const admin = await staffClient(t.app, 'network-admin');
    const today = t.clock.today();
    const stats = (
      await admin.get(`/api/v1/statistics?from=${today}&to=${today}&libraryId=${gn}`)
    ).json();
    expect(stats.totals.unknownHome).toBe(0);
    expect(stats.totals.toOtherLibraryMembers).toBeGreaterThanOrEqual(1);
  });
});

describe(`retention jobs on the clock (${testDatabaseKind})`, () => {
  let t: TestApp;
  const lines: string[] = [];
  beforeAll(async () => {
    t = await createTestApp({ accounts: true });
  });
  afterAll(async () => t?.close());

  function context() {
    const logger = createLogger('info', { write: (line: string) => lines.push(line) });
    return createAppContext(t.db, t.clock, logger);
  }

  const affected = (results: { job: string; affected: number }[], job: string) =>
    results.find((r) => r.job === job)?.affected;

  it('purges idempotency answers and dead sessions, detaches history-off loans, erases unverified and lapsed members — once', async () => {
    const gn = await libraryId(t, GN);
    await insertCopies(t.db, gn, [
      { barcode: 'RJ-1', title: '보존 하나' },
      { barcode: 'RJ-2', title: '보존 둘' },
    ]);
    const desk = await staffClient(t.app, 'gyeongnamdaepyo-desk');
    desk.autoRenew = true;
    const member = await walkIn(desk);
    const reader = await memberClient(t.app, member.card, 'member password');
    reader.autoRenew = true;
    // History off; one late return (a suspension cites it) and one on time.
    await reader.put('/api/v1/me/loan-history', { enabled: false });
    await desk.post(
      '/api/v1/checkouts',
      { cardNumber: member.card, itemBarcode: 'RJ-1' },
      { 'idempotency-key': 'rj-1' },
    );
    await desk.post('/api/v1/checkouts', { cardNumber: member.card, itemBarcode: 'RJ-2' });
    await desk.post('/api/v1/returns', { itemBarcode: 'RJ-2' });
    t.clock.advanceDays(16);
    const late = await desk.post('/api/v1/returns', { itemBarcode: 'RJ-1' });
    expect(late.json().suspension).not.toBeNull();
    // A pre-registration never verified.
    const pending = await new Client(t.app).post('/api/v1/members/pre-registrations', {
      name: '미인증',
      birthDate: '1970-01-01',
      phone: '010-4040-0099',
      password: 'pending pw',
      homeLibraryId: gn,
      consent: true,
    });
    const pendingId = pending.json().id as number;

    const first = await runRetentionJobs(context());
    expect(affected(first, 'idempotency-keys')).toBe(1); // 16 days > 24 hours
    expect(affected(first, 'sessions')).toBeGreaterThan(0);
    // The late return stays while the suspension runs.
    expect(affected(first, 'history-off-loans')).toBe(0);
    expect(
      await t.db.selectFrom('loans').select('id').where('member_id', '=', member.id).execute(),
    ).toHaveLength(1);

    t.clock.advanceDays(RETENTION.pendingPreRegistrationDays + 1);
    const second = await runRetentionJobs(context());
    expect(affected(second, 'history-off-loans')).toBe(1);
    // Ours and the demo's pending member (박지호).
    expect(affected(second, 'unverified-pre-registrations')).toBe(2);
    const erased = await t.db
      .selectFrom('members')
      .select(['status', 'name', 'phone', 'audit_pseudonym'])
      .where('id', '=', pendingId)
      .executeTakeFirstOrThrow();
    expect(erased).toEqual({ status: 'withdrawn', name: null, phone: null, audit_pseudonym: null });

    // Idempotent: nothing is left to do.
    const third = await runRetentionJobs(context());
    expect(third.every((r) => r.ran && r.affected === 0)).toBe(true);

    // Consent: two years without renewal restrict; a year later the data is erased.
    t.clock.advanceDays(2 * 366);
    const lapsed = await runRetentionJobs(context());
    expect(affected(lapsed, 'lapsed-consent')).toBeGreaterThan(0);
    const me = (await reader.get('/api/v1/me')).json();
    expect(me.consent).toMatchObject({ lapsed: true, renewalDue: true });
    t.clock.advanceDays(RETENTION.consentEraseAfterLapseDays + 1);
    await runRetentionJobs(context());
    const gone = await t.db
      .selectFrom('members')
      .select(['status', 'name'])
      .where('id', '=', member.id)
      .executeTakeFirstOrThrow();
    expect(gone).toEqual({ status: 'withdrawn', name: null });

    const log = lines.join('');
    expect(log).toContain('"msg":"retention job"');
    expect(log).not.toContain('미인증');
    expect(log).not.toContain(member.card);
  });

  it('bounds a run and lets only one process run a job at a time (advisory lock)', async () => {
    const now = t.clock.now();
    await t.db
      .insertInto('idempotent_requests')
      .values(
        Array.from({ length: 7 }, (_, i) => ({
          scope: 'test',
          key: `old-${i}`,
          request_hash: 'x',
          status_code: 200,
          response: '{}',
          created_at: new Date(now.getTime() - 2 * 86_400_000),
        })),
      )
      .execute();
    const bounded = await runRetentionJobs(context(), { batch: 3 });
    expect(affected(bounded, 'idempotency-keys')).toBe(3);
    if (!t.testDatabase.url) return; // the embedded engine serves one connection
    // Another process holds the lock of the idempotency job: this run leaves it alone.
    const other = await openDatabase({ databaseUrl: t.testDatabase.url, poolSize: 1 });
    try {
      await other.db.transaction().execute(async (tx) => {
        await sql`select pg_advisory_xact_lock(hashtext('library-one retention idempotency-keys'))`.execute(
          tx,
        );
        const blocked = await runRetentionJobs(context(), { batch: 3 });
        expect(blocked.find((r) => r.job === 'idempotency-keys')).toEqual({
          job: 'idempotency-keys',
          ran: false,
          affected: 0,
        });
      });
    } finally {
      await other.close();
    }
    const after = await runRetentionJobs(context(), { batch: 10 });
    expect(affected(after, 'idempotency-keys')).toBe(4);
  });
});
